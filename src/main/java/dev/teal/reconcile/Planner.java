package dev.teal.reconcile;

import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.NetworkConfig;
import dev.teal.aws.RouteRef;
import dev.teal.aws.RouteState;
import dev.teal.aws.TargetGroupInfo;
import dev.teal.aws.TargetGroupSettings;
import dev.teal.aws.TargetHealthCounts;
import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.aws.WeightedTarget;
import dev.teal.model.AbortStatus;
import dev.teal.model.AnalysisStatus;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.OwnershipTags;
import dev.teal.model.Phase;
import dev.teal.model.PromotionStatus;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.reconcile.Target.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides the next step of a blue/green deployment from (spec, status, observed, now). Pure: no I/O,
 * no clock of its own, so every path is unit-testable.
 *
 * <p>One call returns at most one action. The reconcile loop executes it, folds its effect into the
 * observation and asks again, until the planner has nothing to do but wait.
 */
public final class Planner {

  /** ECS allows this many task sets per service. */
  static final int MAX_TASK_SETS = 5;
  static final String PRODUCTION = "production";
  static final String TEST = "test";
  static final String PREVIEW_STAGE = "preview";

  private final Duration pollInterval;
  private final Duration failedRetryInterval;

  /**
   * @param pollInterval how soon to look again while waiting for tasks or health checks
   * @param failedRetryInterval how soon to look again when teal cannot act (Failed)
   */
  public Planner(Duration pollInterval, Duration failedRetryInterval) {
    this.pollInterval = pollInterval;
    this.failedRetryInterval = failedRetryInterval;
  }

  /** How soon a deployment teal cannot act on is looked at again. */
  public Duration failedRetryInterval() {
    return failedRetryInterval;
  }

  public Decision plan(PlanContext context) {
    return new Planning(context).decide();
  }

  /** One planning pass (being split into one unit per concern). */
  private final class Planning extends PlanningPass {

    Planning(PlanContext ctx) {
      super(ctx, Planner.this.pollInterval);
    }

    Decision decide() {
      draft.observedGeneration = ctx.generation();
      draft.observedSpecHash = ctx.specHash();
      try {
        Action action = firstAction();
        if (action != null) {
          StatusPhase.finish(this);
          return new Decision(action, draft.build(), null);
        }
        StatusPhase.finish(this);
        return new Decision(null, draft.build(), requeue, healthWait);
      } catch (CannotAct failure) {
        return failed(failure);
      }
    }

    /** The steps of a pass, in the order that keeps traffic safe: routes before deletes, deletes before creates. */
    private Action firstAction() {
      Preconditions.check(this);
      Action action = StableResolution.resolve(this);
      if (action != null) {
        return action;
      }
      TargetChoice.choose(this);
      UnwantedRevisions.retireOrphans(this);
      UnwantedRevisions.retireSupersededPreview(this);
      Gates.check(this);
      action = Routes.enforce(this);
      if (action == null) {
        action = CleanUp.next(this);
      }
      if (action == null) {
        action = advance();
      }
      if (action == null) {
        action = BlueScaleDown.next(this);
      }
      return action;
    }

    // ---- bringing the target up and promoting it -------------------------------------------------

    private Action advance() {
      if (target == null) {
        return null;
      }
      startPreview();
      Action action = ensureTaskDefinition();
      if (action == null) {
        action = ensureTargetGroup();
      }
      if (action == null) {
        action = attachToTestRoute();
      }
      if (action == null) {
        action = ensureTaskSet();
      }
      if (action != null) {
        progress(Reasons.CREATING_RESOURCES, "creating resources for " + target.image());
        return action;
      }
      if (draft.preview.taskSet() == null) {
        return null; // waiting for a task set slot
      }
      EcsTaskSet green = liveTaskSet(draft.preview.taskSet()).orElseThrow();
      boolean promoting = Preview.promotionWanted(this);
      double wantedScale = promoting || target.mode() != Mode.NORMAL ? 100 : spec.strategy().previewScale();
      if (Math.abs(green.scalePercent() - wantedScale) > 0.001) {
        draft.normal(Reasons.TASK_SET_SCALED, "scaling green " + target.image() + " to " + (int) wantedScale + "%");
        return new Action.ScaleTaskSet(target.revision(), spec.cluster(), spec.service(), green.arn(), wantedScale);
      }
      if (!promoting && draft.promotion != null) {
        return Promotion.backToPreview(this);
      }
      if (!Readiness.isReady(this, green)) {
        return Readiness.awaitReady(this, green);
      }
      Readiness.markReady(this);
      if (target.mode() == Mode.ROLLBACK) {
        return Rollback.rollBackTo(this, green);
      }
      if (!Preview.greenOnTestRoute(this)) {
        return Preview.moveTestRouteToGreen(this);
      }
      Action analysis = Analysis.analyse(this, PREVIEW_STAGE);
      if (analysis != null || target == null) {
        return analysis;
      }
      if (!promoting) {
        Preview.awaitPromotion(this);
        return null;
      }
      return Promotion.promote(this, green);
    }

    private void startPreview() {
      if (draft.preview != null) {
        return;
      }
      if (draft.previous != null && draft.previous.revision().equals(target.revision())) {
        draft.preview = draft.previous; // blue is still running: roll back onto it
        draft.previous = null;
      } else {
        draft.preview = RevisionStatus.of(target.revision(), target.image());
        draft.normal(Reasons.DEPLOYING, switch (target.mode()) {
          case FIRST -> "first deployment: bringing up " + target.image();
          case ROLLBACK -> "rolling back: bringing " + target.image() + " up again";
          case NORMAL -> "bringing up green " + target.image() + " as revision " + target.revision();
        });
      }
      draft.progressStartedAt = now;
      draft.analysis = null;
    }

    private Action ensureTaskDefinition() {
      if (draft.preview.taskDefinition() != null) {
        return null;
      }
      String found = Optional.ofNullable(observed.taskDefinitions().get(target.revision()))
          .map(TaskDefinitionInfo::arn)
          .or(() -> observed.service().taskSetWithExternalId(target.revision()).map(EcsTaskSet::taskDefinition))
          .orElse(null);
      if (found != null) {
        draft.preview = draft.preview.withTaskDefinition(found);
        return null;
      }
      draft.normal(Reasons.TASK_DEFINITION_REGISTERED, "registering a revision of " + spec.taskDefinition()
          + " with " + spec.container() + " = " + target.image());
      return new Action.RegisterTaskDefinition(target.revision(), spec.taskDefinition(), spec.container(),
          target.image(), Revisions.tags(ctx.name(), target.revision()));
    }

    private Action ensureTargetGroup() {
      if (draft.preview.targetGroup() != null) {
        return null; // recorded once found or created; the task set's health shows if it went missing
      }
      String name = Revisions.targetGroupName(ctx.name(), target.revision());
      Optional<TargetGroupInfo> group = observed.targetGroupNamed(name);
      if (group.isPresent()) {
        if (!Revisions.ownedBy(group.get().tags(), ctx.name())) {
          throw new CannotAct(Reasons.TARGET_GROUP_NAME_TAKEN, "target group " + name
              + " exists but was not created by teal for " + ctx.name() + "; teal will not use or change it");
        }
        int delay = spec.traffic().targetGroup().deregistrationDelaySeconds();
        if (!Integer.valueOf(delay).equals(group.get().deregistrationDelaySeconds())) {
          return new Action.ConfigureTargetGroup(target.revision(), group.get().arn(), delay);
        }
        draft.preview = draft.preview.withTargetGroup(group.get().arn());
        return null;
      }
      draft.normal(Reasons.TARGET_GROUP_CREATED, "creating target group " + name);
      return new Action.CreateTargetGroup(target.revision(), name, targetGroupSettings(),
          Revisions.tags(ctx.name(), target.revision()));
    }

    /**
     * ECS creates a task set only for a target group attached to a load balancer, and ALB health-checks
     * only attached groups; green joins the test route at weight 0 before its task set exists.
     */
    private Action attachToTestRoute() {
      String green = draft.preview.targetGroup();
      if (observed.route(test).orElseThrow().references(green)
          || draft.testIntent.stream().anyMatch(w -> green.equals(w.targetGroup()))) {
        return null;
      }
      List<RouteWeight> intent = new ArrayList<>(draft.testIntent.isEmpty()
          ? observed.route(test).orElseThrow().forward().stream()
              .map(t -> new RouteWeight(null, null, t.targetGroupArn(), t.weight())).toList()
          : draft.testIntent);
      intent.add(weight(draft.preview, 0));
      draft.testIntent = List.copyOf(intent);
      draft.normal(Reasons.TEST_TRAFFIC_SHIFTED, "attached green's target group to the test " + describe(test)
          + " at weight 0, so ECS can register its tasks and the ALB health-checks them");
      return Routes.enforce(this);
    }

    private Action ensureTaskSet() {
      Optional<EcsTaskSet> existing = liveTaskSet(draft.preview.taskSet())
          .or(() -> observed.service().taskSetWithExternalId(target.revision()));
      if (existing.isPresent()) {
        if (!existing.get().arn().equals(draft.preview.taskSet())) {
          draft.preview = draft.preview.withTaskSet(existing.get().arn());
        }
        return null;
      }
      long live = observed.taskSets().stream().filter(t -> !EcsTaskSet.DRAINING.equals(t.status())).count();
      if (live >= MAX_TASK_SETS) {
        progress(Reasons.WAITING_FOR_TASK_SET_SLOT, "the service already has " + live
            + " task sets, ECS's limit; waiting for old ones to drain");
        waitAtMost(pollInterval);
        return null;
      }
      double scale = target.mode() == Mode.NORMAL && !Preview.promotionWanted(this) ? spec.strategy().previewScale() : 100;
      draft.normal(Reasons.TASK_SET_CREATED, "creating task set for " + target.image() + " at " + (int) scale + "%");
      return new Action.CreateTaskSet(target.revision(), spec.cluster(), spec.service(),
          draft.preview.taskDefinition(), draft.preview.targetGroup(), spec.container(), spec.containerPort(), scale,
          networkForNewTaskSet(), Revisions.tags(ctx.name(), target.revision()),
          Revisions.clientToken(ctx.name(), target.revision()));
    }

    private NetworkConfig networkForNewTaskSet() {
      Optional<NetworkConfig> fromStable = draft.stable == null ? Optional.empty()
          : liveTaskSet(draft.stable.taskSet()).map(EcsTaskSet::network);
      Optional<NetworkConfig> fromAny = fromStable.or(() -> observed.taskSets().stream()
          .map(EcsTaskSet::network).filter(Objects::nonNull).findFirst());
      if (fromAny.isPresent()) {
        return fromAny.get();
      }
      var network = spec.network();
      if (network == null || network.subnets() == null || network.subnets().isEmpty()) {
        throw new CannotAct(Reasons.NETWORK_UNKNOWN, "the service has no task set to copy network settings from;"
            + " set spec.network (subnets, securityGroups) for its first deployment");
      }
      return new NetworkConfig(Objects.requireNonNullElse(network.launchType(), "FARGATE"), network.subnets(),
          Objects.requireNonNullElse(network.securityGroups(), List.of()),
          Boolean.TRUE.equals(network.assignPublicIp()), null);
    }

    private TargetGroupSettings targetGroupSettings() {
      var tg = spec.traffic().targetGroup();
      var hc = tg.healthCheck();
      return new TargetGroupSettings(tg.vpcId(), tg.port(), tg.protocol(), hc.path(), hc.intervalSeconds(),
          hc.timeoutSeconds(), hc.healthyThreshold(), hc.unhealthyThreshold(), hc.matcher(),
          tg.deregistrationDelaySeconds());
    }

    private Decision failed(CannotAct failure) {
      // Failed is computed from the status as read, plus the bookkeeping of this pass (generation, hash).
      DeploymentStatus failedStatus = StatusEdits.failed(draft.build(), failure.reason, failure.getMessage(), now);
      return new Decision(null, failedStatus, failedRetryInterval);
    }
  }
}
