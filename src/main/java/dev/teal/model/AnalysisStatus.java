package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * The last analysis run against green.
 *
 * @param stage "preview" before promotion, or "step-N" during the weighted shift
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"revision", "stage", "passed", "requests", "failures", "message", "at"})
public record AnalysisStatus(
    String revision, String stage, boolean passed, int requests, int failures, String message, Instant at) {}
