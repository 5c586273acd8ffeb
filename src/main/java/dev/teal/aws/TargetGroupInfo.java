package dev.teal.aws;

import java.util.Map;

/**
 * A target group as ELB reports it; tags are empty unless they were asked for.
 *
 * @param deregistrationDelaySeconds its {@code deregistration_delay.timeout_seconds} attribute, or null
 *     when it was not read
 */
public record TargetGroupInfo(String arn, String name, int healthCheckIntervalSeconds, Map<String, String> tags,
    Integer deregistrationDelaySeconds) {

  public TargetGroupInfo(String arn, String name, int healthCheckIntervalSeconds, Map<String, String> tags) {
    this(arn, name, healthCheckIntervalSeconds, tags, null);
  }

  public TargetGroupInfo withDeregistrationDelay(int seconds) {
    return new TargetGroupInfo(arn, name, healthCheckIntervalSeconds, tags, seconds);
  }
}
