package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The ALB health check of a revision's target group. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"path", "intervalSeconds", "timeoutSeconds", "healthyThreshold", "unhealthyThreshold", "matcher"})
public record HealthCheckSpec(
    String path,
    Integer intervalSeconds,
    Integer timeoutSeconds,
    Integer healthyThreshold,
    Integer unhealthyThreshold,
    String matcher) {}
