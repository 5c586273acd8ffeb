package dev.teal.reconcile;

import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.Placement;
import dev.teal.aws.TargetGroupInfo;
import dev.teal.aws.TargetGroupSettings;
import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.reconcile.Target.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Green bring-up: the resources of the target revision, found again when they exist (after a crash)
 * or created one per pass, in the order AWS needs them: task definition, target group, the target
 * group attached to the test route, task set; then the task set at the scale it should run at.
 * Readiness is {@link Readiness}'s.
 */
final class GreenBringUp {

  /** ECS allows this many task sets per service. */
  static final int MAX_TASK_SETS = 5;

  private GreenBringUp() {}

  /** Creates what green lacks, one resource per pass; null when everything exists (or no slot is free yet). */
  static Action createResources(PlanningPass p) {
    start(p);
    Action action = ensureTaskDefinition(p);
    if (action == null) {
      action = ensureTargetGroup(p);
    }
    if (action == null && p.draft.preview.targetGroup() == null) {
      return null; // green's task definition is still to be read
    }
    if (action == null) {
      action = attachToTestRoute(p);
    }
    if (action == null) {
      action = ensureTaskSet(p);
    }
    if (action != null) {
      p.progress(Reasons.CREATING_RESOURCES, "creating resources for " + p.target.image());
    }
    return action;
  }

  /** Green at previewScale while previewed; at 100% once promotion is wanted, or for a first deployment or rollback. */
  static Action scale(PlanningPass p, EcsTaskSet green, boolean promoting) {
    double wantedScale = promoting || p.target.mode() != Mode.NORMAL ? 100 : p.spec.strategy().previewScale();
    if (Math.abs(green.scalePercent() - wantedScale) > 0.001) {
      p.draft.normal(Reasons.TASK_SET_SCALED,
          "scaling green " + p.target.image() + " to " + (int) wantedScale + "%");
      return new Action.ScaleTaskSet(p.target.revision(), p.spec.cluster(), p.spec.service(), green.arn(), wantedScale);
    }
    return null;
  }

  /** Records green in {@code draft.preview} (blue itself when rolling back onto it) the first time it is worked on. */
  private static void start(PlanningPass p) {
    if (p.draft.preview != null) {
      return;
    }
    if (p.draft.previous != null && p.draft.previous.revision().equals(p.target.revision())) {
      p.draft.preview = p.draft.previous; // blue is still running: roll back onto it
      p.draft.previous = null;
    } else {
      p.draft.preview = RevisionStatus.of(p.target.revision(), p.target.image()).withTemplate(p.target.template());
      p.draft.normal(Reasons.DEPLOYING, switch (p.target.mode()) {
        case FIRST -> "first deployment: bringing up " + p.target.image();
        case ROLLBACK -> "rolling back: bringing " + p.target.image() + " up again";
        case NORMAL -> "bringing up green " + p.target.image() + " as revision " + p.target.revision();
      });
    }
    p.draft.progressStartedAt = p.now;
    p.draft.analysis = null;
    p.draft.hooks = java.util.List.of(); // an earlier green's hooks say nothing about this one
  }

  /** Finds green's task definition (by revision tag, or from its task set), or registers it. */
  private static Action ensureTaskDefinition(PlanningPass p) {
    if (p.draft.preview.taskDefinition() != null) {
      return null;
    }
    String found = Optional.ofNullable(p.observed.taskDefinitions().get(p.target.revision()))
        .map(TaskDefinitionInfo::arn)
        .or(() -> p.observed.service().taskSetWithExternalId(p.target.revision()).map(EcsTaskSet::taskDefinition))
        .orElse(null);
    if (found != null) {
      p.draft.preview = p.draft.preview.withTaskDefinition(found);
      return null;
    }
    return TaskDefinitionRegistration.register(p);
  }

  /** Finds green's target group by name (only if teal owns it), or creates it. */
  private static Action ensureTargetGroup(PlanningPass p) {
    if (p.draft.preview.targetGroup() != null) {
      return null; // recorded once found or created; the task set's health shows if it went missing
    }
    String name = Revisions.targetGroupName(p.ctx.name(), p.target.revision());
    Optional<TargetGroupInfo> group = p.observed.targetGroupNamed(name);
    if (group.isPresent()) {
      if (!Revisions.ownedBy(group.get().tags(), p.ctx.name())) {
        throw new CannotAct(Reasons.TARGET_GROUP_NAME_TAKEN, "target group " + name
            + " exists but was not created by teal for " + p.ctx.name() + "; teal will not use or change it");
      }
      int delay = p.spec.traffic().targetGroup().deregistrationDelaySeconds();
      if (!Integer.valueOf(delay).equals(group.get().deregistrationDelaySeconds())) {
        return new Action.ConfigureTargetGroup(p.target.revision(), group.get().arn(), delay);
      }
      p.draft.preview = p.draft.preview.withTargetGroup(group.get().arn());
      return null;
    }
    String networkMode = greenNetworkMode(p);
    if (networkMode == null) {
      return null;
    }
    p.draft.normal(Reasons.TARGET_GROUP_CREATED, "creating target group " + name);
    return new Action.CreateTargetGroup(p.target.revision(), name,
        targetGroupSettings(p, TargetGroupSettings.targetTypeFor(networkMode)),
        Revisions.tags(p.ctx.name(), p.target.revision()));
  }

  /**
   * ECS creates a task set only for a target group attached to a load balancer, and ALB health-checks
   * only attached groups; green joins the test route at weight 0 before its task set exists.
   */
  private static Action attachToTestRoute(PlanningPass p) {
    String green = p.draft.preview.targetGroup();
    if (p.observed.route(p.test).orElseThrow().references(green)
        || p.draft.testIntent.stream().anyMatch(w -> green.equals(w.targetGroup()))) {
      return null;
    }
    List<RouteWeight> intent = new ArrayList<>(p.draft.testIntent.isEmpty()
        ? p.observed.route(p.test).orElseThrow().forward().stream()
            .map(t -> new RouteWeight(null, null, t.targetGroupArn(), t.weight())).toList()
        : p.draft.testIntent);
    intent.add(p.weight(p.draft.preview, 0));
    p.draft.testIntent = List.copyOf(intent);
    p.draft.normal(Reasons.TEST_TRAFFIC_SHIFTED, "attached green's target group to the test " + p.describe(p.test)
        + " at weight 0, so ECS can register its tasks and the ALB health-checks them");
    return Routes.enforce(p);
  }

  /** Finds green's task set (by externalId), or creates it when ECS has room for one more. */
  private static Action ensureTaskSet(PlanningPass p) {
    Optional<EcsTaskSet> existing = p.liveTaskSet(p.draft.preview.taskSet())
        .or(() -> p.observed.service().taskSetWithExternalId(p.target.revision()));
    if (existing.isPresent()) {
      if (!existing.get().arn().equals(p.draft.preview.taskSet())) {
        p.draft.preview = p.draft.preview.withTaskSet(existing.get().arn());
      }
      return null;
    }
    // ECS counts draining task sets toward its limit: a deleted one holds its slot until it has drained.
    long all = p.observed.taskSets().size();
    if (all >= MAX_TASK_SETS) {
      long draining = p.observed.taskSets().stream().filter(t -> EcsTaskSet.DRAINING.equals(t.status())).count();
      p.progress(Reasons.WAITING_FOR_TASK_SET_SLOT, "the service already has " + all + " task sets (" + draining
          + " draining), ECS's limit of " + MAX_TASK_SETS + "; waiting for a slot");
      p.draft.progressStartedAt = null; // progressDeadline is for green becoming ready: it starts with the task set
      p.waitAtMost(p.pollInterval);
      return null;
    }
    String networkMode = greenNetworkMode(p);
    if (networkMode == null) {
      return null;
    }
    Placement placement = GreenPlacement.choose(p.observed.service(),
        p.draft.stable == null ? Optional.empty() : p.liveTaskSet(p.draft.stable.taskSet()), p.spec.network(),
        networkMode).orElseThrow(() -> new CannotAct(Reasons.NETWORK_UNKNOWN, "the service has no task set to copy"
            + " network settings from; set spec.network (subnets, securityGroups) for its first deployment"));
    double scale = p.target.mode() == Mode.NORMAL && !Preview.promotionWanted(p)
        ? p.spec.strategy().previewScale() : 100;
    p.draft.normal(Reasons.TASK_SET_CREATED,
        "creating task set for " + p.target.image() + " at " + (int) scale + "%");
    // One token per attempt, on record before the call: a crash after it finds the same token; a task set of
    // this attempt that is gone (its taskSet recorded, not live) makes the next create a new attempt.
    if (p.draft.preview.clientToken() == null || p.draft.preview.taskSet() != null) {
      p.draft.preview = p.draft.preview.withTaskSet(null)
          .withClientToken(Revisions.clientToken(p.ctx.name(), p.target.revision(), p.ctx.generation(),
              p.control.retryCount(), p.now));
    }
    return new Action.CreateTaskSet(p.target.revision(), p.spec.cluster(), p.spec.service(),
        p.draft.preview.taskDefinition(), p.draft.preview.targetGroup(), p.spec.container(), p.spec.containerPort(),
        scale, placement, Revisions.tags(p.ctx.name(), p.target.revision()), p.draft.preview.clientToken());
  }

  /**
   * The network mode of green's task definition, or null (after noting the wait) while it is not read
   * yet: the observer reads it on the next reconcile. A task definition in the none network mode cannot
   * be placed behind a load balancer.
   */
  private static String greenNetworkMode(PlanningPass p) {
    Optional<TaskDefinitionInfo> definition = p.observed.taskDefinitionWithArn(p.draft.preview.taskDefinition());
    if (definition.isEmpty() || definition.get().networkMode() == null) {
      p.progress(Reasons.CREATING_RESOURCES, "reading task definition " + p.draft.preview.taskDefinition());
      p.waitAtMost(Duration.ofMillis(1));
      return null;
    }
    String mode = definition.get().networkMode();
    if ("none".equals(mode)) {
      throw new CannotAct(Reasons.NETWORK_MODE_UNSUPPORTED, "task definition " + definition.get().arn()
          + " uses the none network mode; its tasks cannot be reached through a load balancer");
    }
    return mode;
  }

  private static TargetGroupSettings targetGroupSettings(PlanningPass p, String targetType) {
    var tg = p.spec.traffic().targetGroup();
    var hc = tg.healthCheck();
    return new TargetGroupSettings(tg.vpcId(), tg.port(), tg.protocol(), hc.path(), hc.intervalSeconds(),
        hc.timeoutSeconds(), hc.healthyThreshold(), hc.unhealthyThreshold(), hc.matcher(),
        tg.deregistrationDelaySeconds(), targetType);
  }
}
