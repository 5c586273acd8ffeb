package dev.teal.aws;

/**
 * What teal asks for when it creates a revision's target group.
 *
 * @param targetType {@code ip} for tasks in the awsvpc network mode, {@code instance} for bridge and
 *     host (ECS refuses the other pairings)
 */
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
    int deregistrationDelaySeconds,
    String targetType) {

  public static final String IP = "ip";
  public static final String INSTANCE = "instance";

  /** Settings for ip targets (tasks in the awsvpc network mode). */
  public TargetGroupSettings(String vpcId, int port, String protocol, String healthCheckPath,
      int healthCheckIntervalSeconds, int healthCheckTimeoutSeconds, int healthyThreshold, int unhealthyThreshold,
      String matcher, int deregistrationDelaySeconds) {
    this(vpcId, port, protocol, healthCheckPath, healthCheckIntervalSeconds, healthCheckTimeoutSeconds,
        healthyThreshold, unhealthyThreshold, matcher, deregistrationDelaySeconds, IP);
  }

  /** The target type ECS requires for a task definition's network mode: ip for awsvpc, instance otherwise. */
  public static String targetTypeFor(String networkMode) {
    return "awsvpc".equals(networkMode) ? IP : INSTANCE;
  }
}
