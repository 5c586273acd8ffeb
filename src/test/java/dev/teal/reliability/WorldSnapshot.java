package dev.teal.reliability;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.OwnershipTags;
import dev.teal.model.Phase;
import dev.teal.reconcile.cycle.CycleHarness;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * What a converged world looks like, in terms that do not depend on generated ids: images rather than
 * ARNs. Two runs that end in the same state have equal snapshots; an orphaned task set, target group
 * or task definition revision makes them differ.
 */
record WorldSnapshot(
    Phase phase,
    String stableImage,
    String previousImage,
    Map<String, Integer> productionByImage,
    Map<String, Integer> testByImage,
    List<String> liveTaskSets,
    List<String> tealTargetGroups,
    int tealTaskDefinitions,
    int desiredCount,
    Boolean scaleInSuspended) {

  static WorldSnapshot of(CycleHarness h) {
    DeploymentStatus status = h.status();
    List<TaskSet> live = h.taskSets().stream().filter(t -> !"DRAINING".equals(t.status())).toList();
    Map<String, String> imageByGroup = new HashMap<>();
    Map<String, String> imageByDefinition = new HashMap<>();
    for (TaskSet ts : live) {
      String image = imageByDefinition.computeIfAbsent(ts.taskDefinition(), arn -> h.sandbox.observerEcs()
          .describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition().containerDefinitions().get(0).image());
      ts.loadBalancers().forEach(lb -> imageByGroup.put(lb.targetGroupArn(), image));
    }
    return new WorldSnapshot(
        status.phase(),
        status.stable() == null ? null : status.stable().image(),
        status.previous() == null ? null : status.previous().image()
            + (status.previous().taskSet() == null ? " (scaled down)" : " (running)"),
        byImage(h.weights(h.demo.productionRuleArn()), imageByGroup),
        byImage(h.weights(h.demo.testRuleArn()), imageByGroup),
        live.stream().map(t -> imageByDefinition.get(t.taskDefinition()) + "/" + t.status()).sorted().toList(),
        h.targetGroupNames().stream().filter(n -> n.startsWith("teal-")).toList(),
        tealTaskDefinitions(h),
        h.sandbox.observerEcs().describeServices(r -> r.cluster(h.demo.cluster()).services(h.demo.service()))
            .services().get(0).desiredCount(),
        scaleInSuspended(h));
  }

  /** Whether the demo service's dynamic scale-in is suspended; null when it has no scalable target. */
  private static Boolean scaleInSuspended(CycleHarness h) {
    return h.sandbox.observerAutoScaling().describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
        .resourceIds("service/" + h.demo.cluster() + "/" + h.demo.service())).scalableTargets().stream()
        .findFirst().map(t -> t.suspendedState().dynamicScalingInSuspended()).orElse(null);
  }

  private static Map<String, Integer> byImage(Map<String, Integer> weights, Map<String, String> imageByGroup) {
    Map<String, Integer> result = new TreeMap<>();
    weights.forEach((tg, w) -> result.merge(imageByGroup.getOrDefault(tg, "no live task set"), w, Integer::sum));
    return result;
  }

  private static int tealTaskDefinitions(CycleHarness h) {
    var arns = h.sandbox.observerEcs().listTaskDefinitions(r -> r.familyPrefix(h.demo.taskDefinitionFamily()))
        .taskDefinitionArns();
    int count = 0;
    for (String arn : arns) {
      var tags = h.sandbox.observerEcs().describeTaskDefinition(r -> r.taskDefinition(arn).include(TaskDefinitionField.TAGS))
          .tags();
      if (tags.stream().anyMatch(t -> t.key().equals(OwnershipTags.MANAGED_BY))) {
        count++;
      }
    }
    return count;
  }
}
