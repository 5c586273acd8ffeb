package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * HTTP requests sent through the test listener; green passes with at most {@code maxFailures} failures.
 *
 * @param path request path, starting with {@code /}
 * @param expectStatus the status code a request must return to count as a success (100-599)
 * @param requests how many requests each analysis sends (1-1000)
 * @param maxFailures how many of them may fail (0 to {@code requests})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"path", "expectStatus", "requests", "maxFailures"})
public record HttpAnalysisSpec(String path, Integer expectStatus, Integer requests, Integer maxFailures) {}
