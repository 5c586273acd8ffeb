package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Settings for the target group teal creates for each revision. Its target type is not a setting: ip for
 * a task definition in the awsvpc network mode, instance for bridge and host, as ECS requires.
 *
 * @param vpcId the VPC of the service's tasks
 * @param port the traffic port; defaults to the spec's containerPort
 * @param protocol HTTP or HTTPS
 * @param healthCheck the ALB health check
 * @param deregistrationDelaySeconds how long ALB drains a deregistered target (0-3600)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"vpcId", "port", "protocol", "healthCheck", "deregistrationDelaySeconds"})
public record TargetGroupSpec(
    String vpcId,
    Integer port,
    String protocol,
    HealthCheckSpec healthCheck,
    Integer deregistrationDelaySeconds) {}
