package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The ALB health check of a revision's target group; the ranges are the ones ALB enforces.
 *
 * @param path request path, starting with {@code /}
 * @param intervalSeconds 5-300
 * @param timeoutSeconds 2-120, less than the interval
 * @param healthyThreshold 2-10
 * @param unhealthyThreshold 2-10
 * @param matcher HTTP codes counted as healthy: {@code 200}, {@code 200,202} or {@code 200-399}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"path", "intervalSeconds", "timeoutSeconds", "healthyThreshold", "unhealthyThreshold", "matcher"})
public record HealthCheckSpec(
    String path,
    Integer intervalSeconds,
    Integer timeoutSeconds,
    Integer healthyThreshold,
    Integer unhealthyThreshold,
    String matcher) {}
