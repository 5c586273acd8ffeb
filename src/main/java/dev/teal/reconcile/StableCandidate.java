package dev.teal.reconcile;

import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.RouteState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task set teal takes as stable when its status names none that still runs. Pure.
 *
 * <p>The service's primary task set, if it has one. ECS makes no task set primary on its own: a new task
 * set is ACTIVE, also the first of a service, until UpdateServicePrimaryTaskSet names it (TaskSet.status:
 * PRIMARY "is serving production traffic"; the reason for CloudFormation's AWS::ECS::PrimaryTaskSet). So a
 * service set up without that step has no primary; then the candidate is the one live task set whose
 * target group carries all of production's traffic.
 *
 * <p>Never green: a primary that is the task set of the revision being brought up (teal made it primary at
 * the end of a first deployment and stopped before recording it) is that deployment's, not a stable one
 * to adopt.
 */
final class StableCandidate {

  private StableCandidate() {}

  /**
   * @param production the production route as observed, or null when it is missing
   * @param greenTaskSet the ARN of the task set of the revision being brought up, or null
   */
  static Optional<EcsTaskSet> of(EcsService service, RouteState production, String greenTaskSet) {
    List<EcsTaskSet> live = service.taskSets().stream()
        .filter(t -> !EcsTaskSet.DRAINING.equals(t.status()) && !t.arn().equals(greenTaskSet))
        .toList();
    Optional<EcsTaskSet> primary = live.stream().filter(EcsTaskSet::isPrimary).findFirst();
    if (primary.isPresent() || service.primaryTaskSet().isPresent() || production == null) {
      return primary;
    }
    List<EcsTaskSet> serving = live.stream().filter(t -> carriesAllOf(production, t)).toList();
    return serving.size() == 1 ? Optional.of(serving.get(0)) : Optional.empty();
  }

  /** Whether every target group production forwards to with a weight above 0 is this task set's. */
  private static boolean carriesAllOf(RouteState production, EcsTaskSet t) {
    Map<String, Integer> weights = production.weights();
    String group = t.targetGroupArn();
    return group != null && weights.getOrDefault(group, 0) > 0
        && weights.entrySet().stream().allMatch(e -> e.getValue() == 0 || e.getKey().equals(group));
  }
}
