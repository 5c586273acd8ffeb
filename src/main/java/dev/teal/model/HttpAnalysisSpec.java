package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** HTTP requests sent through the test listener; green passes with at most {@code maxFailures} failures. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"path", "expectStatus", "requests", "maxFailures"})
public record HttpAnalysisSpec(String path, Integer expectStatus, Integer requests, Integer maxFailures) {}
