package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Checks run against green before promotion and at every promotion step. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisSpec(HttpAnalysisSpec http) {}
