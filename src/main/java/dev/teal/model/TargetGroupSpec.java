package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Settings for the target group teal creates for each revision (target type ip). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"vpcId", "port", "protocol", "healthCheck", "deregistrationDelaySeconds"})
public record TargetGroupSpec(
    String vpcId,
    Integer port,
    String protocol,
    HealthCheckSpec healthCheck,
    Integer deregistrationDelaySeconds) {}
