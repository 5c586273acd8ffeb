package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * A revision that failed a gate. It is not created again while the spec hash stays the one it
 * failed under, so a broken image does not churn; any spec change re-arms it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"revision", "image", "specHash", "reason", "message", "at"})
public record AbortStatus(String revision, String image, String specHash, String reason, String message, Instant at) {}
