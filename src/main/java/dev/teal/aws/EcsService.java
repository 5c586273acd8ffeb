package dev.teal.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ECS service with its task sets.
 *
 * @param status ACTIVE, DRAINING or INACTIVE
 * @param deploymentController ECS, CODE_DEPLOY or EXTERNAL; teal drives only EXTERNAL
 * @param tags the service's tags (a deployment's claim on it is one)
 */
public record EcsService(
    String arn, String name, String clusterArn, String status, String deploymentController, int desiredCount,
    List<EcsTaskSet> taskSets, Map<String, String> tags) {

  public static final String EXTERNAL = "EXTERNAL";

  public EcsService {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** A service whose tags were not read. */
  public EcsService(String arn, String name, String clusterArn, String status, String deploymentController,
      int desiredCount, List<EcsTaskSet> taskSets) {
    this(arn, name, clusterArn, status, deploymentController, desiredCount, taskSets, Map.of());
  }

  public boolean isExternallyControlled() {
    return EXTERNAL.equals(deploymentController);
  }

  public Optional<EcsTaskSet> primaryTaskSet() {
    return taskSets.stream().filter(EcsTaskSet::isPrimary).findFirst();
  }

  public Optional<EcsTaskSet> taskSet(String arn) {
    return arn == null ? Optional.empty() : taskSets.stream().filter(t -> t.arn().equals(arn)).findFirst();
  }

  public Optional<EcsTaskSet> taskSetWithExternalId(String externalId) {
    return taskSets.stream()
        .filter(t -> externalId.equals(t.externalId()) && !EcsTaskSet.DRAINING.equals(t.status()))
        .findFirst();
  }

  public EcsService withTaskSets(List<EcsTaskSet> newTaskSets) {
    return new EcsService(arn, name, clusterArn, status, deploymentController, desiredCount, newTaskSets, tags);
  }

  public EcsService withTags(Map<String, String> newTags) {
    return new EcsService(arn, name, clusterArn, status, deploymentController, desiredCount, taskSets, newTags);
  }
}
