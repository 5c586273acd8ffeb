package dev.teal.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ECS service with its task sets.
 *
 * @param status ACTIVE, DRAINING or INACTIVE
 * @param deploymentController ECS, CODE_DEPLOY or EXTERNAL; teal drives only EXTERNAL
 * @param placement the service's own launch type or capacity provider strategy, network and Cloud Map
 *     registries: as created, then the primary task set's (UpdateServicePrimaryTaskSet)
 * @param tags the service's tags (a deployment's claim on it is one)
 */
public record EcsService(
    String arn, String name, String clusterArn, String status, String deploymentController, int desiredCount,
    List<EcsTaskSet> taskSets, Placement placement, Map<String, String> tags) {

  public static final String EXTERNAL = "EXTERNAL";

  public EcsService {
    placement = placement == null ? Placement.NONE : placement;
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** A service whose placement and tags were not read. */
  public EcsService(String arn, String name, String clusterArn, String status, String deploymentController,
      int desiredCount, List<EcsTaskSet> taskSets) {
    this(arn, name, clusterArn, status, deploymentController, desiredCount, taskSets, Placement.NONE, Map.of());
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
    return new EcsService(arn, name, clusterArn, status, deploymentController, desiredCount, newTaskSets, placement,
        tags);
  }

  public EcsService withTags(Map<String, String> newTags) {
    return new EcsService(arn, name, clusterArn, status, deploymentController, desiredCount, taskSets, placement,
        newTags);
  }
}
