package dev.teal.aws;

/** What teal asks for when it creates a revision's target group (target type ip). */
public record TargetGroupSettings(
    String vpcId,
    int port,
    String protocol,
    String healthCheckPath,
    int healthCheckIntervalSeconds,
    int healthCheckTimeoutSeconds,
    int healthyThreshold,
    int unhealthyThreshold,
    String matcher,
    int deregistrationDelaySeconds) {}
