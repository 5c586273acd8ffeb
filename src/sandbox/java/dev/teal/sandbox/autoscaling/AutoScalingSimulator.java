package dev.teal.sandbox.autoscaling;

import dev.teal.sandbox.ecs.EcsSimulator;
import dev.teal.sandbox.http.AwsError;
import dev.teal.sandbox.http.IdGenerator;
import dev.teal.sandbox.http.Params;
import dev.teal.sandbox.time.Scheduler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Application Auto Scaling for ECS services: scalable targets with their capacity range and suspended
 * state, and scaling activities that change a service's desired count, as a target tracking or step
 * policy would. Policies and alarms are not modelled: a test decides when an activity happens and to what
 * count ({@link #scale}), and the simulator applies it as AWS would, honouring the range and the suspended
 * state. Callers hold the world lock.
 *
 * <p>Sources: Application Auto Scaling API reference (RegisterScalableTarget, DescribeScalableTargets,
 * DeregisterScalableTarget, SuspendedState, ScalableTarget) and the user guide's "Suspending and resuming
 * scaling"; see docs/sandbox.md.
 */
public final class AutoScalingSimulator {

  static final String ECS = "ecs";
  static final String ECS_DESIRED_COUNT = "ecs:service:DesiredCount";
  static final int MAX_RESOURCE_IDS = 50;

  private final EcsSimulator ecs;
  private final Scheduler scheduler;
  private final IdGenerator ids;
  private final String arnPrefix;
  private final Map<String, ScalableTarget> targets = new LinkedHashMap<>();
  private final List<String> activities = new ArrayList<>();

  public AutoScalingSimulator(EcsSimulator ecs, Scheduler scheduler, IdGenerator ids, String region,
      String accountId) {
    this.ecs = ecs;
    this.scheduler = scheduler;
    this.ids = ids;
    this.arnPrefix = "arn:aws:application-autoscaling:" + region + ":" + accountId + ":scalable-target/";
  }

  static AwsError validation(String message) {
    return AwsError.client("ValidationException", message);
  }

  private static String key(String namespace, String resourceId, String dimension) {
    return namespace + "|" + resourceId + "|" + dimension;
  }

  /**
   * RegisterScalableTarget registers or updates: "Any parameters that you don't specify are not changed by
   * this update request"; MinCapacity and MaxCapacity are "required if you are registering a scalable
   * target". A SuspendedState given replaces the whole state, its members defaulting to false (the
   * structure's documented defaults; the stricter reading of a partial structure).
   */
  ScalableTarget register(Params p) {
    String namespace = p.reqStr("ServiceNamespace");
    String resourceId = p.reqStr("ResourceId");
    String dimension = p.reqStr("ScalableDimension");
    String[] service = ecsService(namespace, resourceId, dimension);
    if (ecs.desiredCount(service[0], service[1]).isEmpty()) {
      throw validation("ECS service doesn't exist: " + resourceId);
    }
    Optional<Integer> min = p.integer("MinCapacity");
    Optional<Integer> max = p.integer("MaxCapacity");
    ScalableTarget target = targets.get(key(namespace, resourceId, dimension));
    if (target == null) {
      if (min.isEmpty() || max.isEmpty()) {
        throw validation("MinCapacity and MaxCapacity are required to register a new scalable target");
      }
      target = new ScalableTarget(namespace, resourceId, dimension, arnPrefix + ids.hex(32), scheduler.now());
      target.roleArn = "arn:aws:iam::000000000000:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/"
          + "AWSServiceRoleForApplicationAutoScaling_ECSService";
    }
    int newMin = min.orElse(target.minCapacity);
    int newMax = max.orElse(target.maxCapacity);
    if (newMin < 0 || newMax < 0) {
      throw validation("Capacity must not be negative");
    }
    if (newMin > newMax) {
      throw validation("Minimum capacity cannot be greater than maximum capacity");
    }
    target.minCapacity = newMin;
    target.maxCapacity = newMax;
    if (p.has("SuspendedState")) {
      Params state = p.obj("SuspendedState");
      target.dynamicScalingInSuspended = state.bool("DynamicScalingInSuspended", false);
      target.dynamicScalingOutSuspended = state.bool("DynamicScalingOutSuspended", false);
      target.scheduledScalingSuspended = state.bool("ScheduledScalingSuspended", false);
    }
    targets.put(key(namespace, resourceId, dimension), target);
    // "it changes the resource's current capacity to a value that is inside of this range"
    int desired = ecs.desiredCount(service[0], service[1]).orElseThrow();
    int clamped = Math.max(newMin, Math.min(newMax, desired));
    if (clamped != desired) {
      ecs.scaleService(service[0], service[1], clamped);
    }
    return target;
  }

  List<ScalableTarget> describe(Params p) {
    String namespace = p.reqStr("ServiceNamespace");
    List<String> resourceIds = p.strings("ResourceIds");
    if (resourceIds.size() > MAX_RESOURCE_IDS) {
      throw validation("ResourceIds must contain at most " + MAX_RESOURCE_IDS + " elements");
    }
    Optional<String> dimension = p.str("ScalableDimension").filter(d -> !d.isEmpty());
    if (dimension.isPresent() && resourceIds.isEmpty()) {
      throw validation("ScalableDimension can only be specified together with ResourceIds");
    }
    return targets.values().stream()
        .filter(t -> t.namespace.equals(namespace))
        .filter(t -> resourceIds.isEmpty() || resourceIds.contains(t.resourceId))
        .filter(t -> dimension.isEmpty() || dimension.get().equals(t.dimension))
        .toList();
  }

  void deregister(Params p) {
    String namespace = p.reqStr("ServiceNamespace");
    String resourceId = p.reqStr("ResourceId");
    String dimension = p.reqStr("ScalableDimension");
    if (targets.remove(key(namespace, resourceId, dimension)) == null) {
      throw AwsError.client("ObjectNotFoundException", "No scalable target registered for service namespace: "
          + namespace + ", resource ID: " + resourceId + ", scalable dimension: " + dimension);
    }
  }

  /** {@code service/CLUSTER/SERVICE} split into cluster and service, after checking namespace and dimension. */
  private static String[] ecsService(String namespace, String resourceId, String dimension) {
    if (!ECS.equals(namespace)) {
      throw validation("The sandbox models Application Auto Scaling for the ecs namespace only, not " + namespace);
    }
    if (!ECS_DESIRED_COUNT.equals(dimension)) {
      throw validation("Unsupported scalable dimension '" + dimension + "' for service namespace ecs");
    }
    String[] parts = resourceId.split("/");
    if (parts.length != 3 || !parts[0].equals("service") || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw validation("Unsupported resource ID '" + resourceId + "'; an ECS service is service/CLUSTER/SERVICE");
    }
    return new String[] {parts[1], parts[2]};
  }

  /**
   * A scaling activity of a dynamic policy asking for {@code desiredCount}, as target tracking does when its
   * metric moves. Kept inside the range; not done while the matching direction is suspended ("Set the value
   * to true if you don't want Application Auto Scaling to remove capacity when a scaling policy is
   * triggered", SuspendedState). Returns what happened, in words, and records it.
   */
  public String scale(String cluster, String service, int desiredCount) {
    String resourceId = "service/" + cluster + "/" + service;
    ScalableTarget target = targets.get(key(ECS, resourceId, ECS_DESIRED_COUNT));
    String outcome;
    if (target == null) {
      outcome = "no scalable target for " + resourceId;
    } else {
      int current = ecs.desiredCount(cluster, service).orElse(0);
      int wanted = Math.max(target.minCapacity, Math.min(target.maxCapacity, desiredCount));
      if (wanted < current && target.dynamicScalingInSuspended) {
        outcome = "scale-in of " + resourceId + " to " + wanted + " skipped: dynamic scale-in is suspended";
      } else if (wanted > current && target.dynamicScalingOutSuspended) {
        outcome = "scale-out of " + resourceId + " to " + wanted + " skipped: dynamic scale-out is suspended";
      } else if (wanted == current) {
        outcome = resourceId + " already at " + current;
      } else {
        ecs.scaleService(cluster, service, wanted);
        outcome = resourceId + " scaled from " + current + " to " + wanted;
      }
    }
    activities.add(scheduler.now() + " " + outcome);
    return outcome;
  }

  /** Every scaling activity so far, oldest first, for tests. */
  public List<String> activities() {
    return List.copyOf(activities);
  }
}
