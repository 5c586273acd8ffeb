package dev.teal.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A task set as ECS reports it.
 *
 * @param status PRIMARY, ACTIVE or DRAINING
 * @param stabilityStatus STEADY_STATE or STABILIZING
 * @param placement launch type or capacity provider strategy, network and Cloud Map registries
 * @param tags empty unless they were asked for
 */
public record EcsTaskSet(
    String id,
    String arn,
    String externalId,
    String status,
    String taskDefinition,
    double scalePercent,
    String stabilityStatus,
    int runningCount,
    int pendingCount,
    int computedDesiredCount,
    List<String> targetGroupArns,
    Placement placement,
    Instant createdAt,
    Map<String, String> tags) {

  public static final String PRIMARY = "PRIMARY";
  public static final String DRAINING = "DRAINING";
  public static final String STEADY_STATE = "STEADY_STATE";

  public boolean isPrimary() {
    return PRIMARY.equals(status);
  }

  public boolean isSteady() {
    return STEADY_STATE.equals(stabilityStatus);
  }

  public String targetGroupArn() {
    return targetGroupArns == null || targetGroupArns.isEmpty() ? null : targetGroupArns.get(0);
  }

  public EcsTaskSet withTags(Map<String, String> newTags) {
    return new EcsTaskSet(id, arn, externalId, status, taskDefinition, scalePercent, stabilityStatus,
        runningCount, pendingCount, computedDesiredCount, targetGroupArns, placement, createdAt, newTags);
  }

  public EcsTaskSet withStatus(String newStatus) {
    return new EcsTaskSet(id, arn, externalId, newStatus, taskDefinition, scalePercent, stabilityStatus,
        runningCount, pendingCount, computedDesiredCount, targetGroupArns, placement, createdAt, tags);
  }

  public EcsTaskSet withScale(double percent) {
    return new EcsTaskSet(id, arn, externalId, status, taskDefinition, percent, "STABILIZING",
        runningCount, pendingCount, computedDesiredCount, targetGroupArns, placement, createdAt, tags);
  }
}
