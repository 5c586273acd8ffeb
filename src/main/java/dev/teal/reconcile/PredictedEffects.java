package dev.teal.reconcile;

import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.RouteState;
import dev.teal.aws.TargetGroupInfo;
import dev.teal.aws.TargetHealthCounts;
import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.model.AnalysisStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link PlanPreview} assumes an action and a wait do, without AWS: the observation after the action
 * as the {@link Executor} would fold it in (with placeholders for what AWS would name), and the
 * observation once a wait ends well (tasks running and steady, targets healthy, draining task sets gone).
 * These are predictions, and the plan says so.
 */
final class PredictedEffects {

  /** How a resource AWS has not created yet is named in a plan. */
  static final String NEW = "(new)";

  private PredictedEffects() {}

  /** The observation after {@code action}, as if AWS did exactly what was asked. */
  static Observed after(Action action, Observed before, TaskDefinitionInfo template, Instant now) {
    if (action instanceof Action.ClaimService c) {
      return before.withService(before.service().withTags(withAll(before.service().tags(), c.tags())));
    }
    if (action instanceof Action.ClaimRoute c) {
      return before.withTags(c.route().arn(), withAll(before.tagsOf(c.route().arn()).orElse(Map.of()), c.tags()));
    }
    if (action instanceof Action.AdoptTaskSet a) {
      return replaceTaskSet(before, a.taskSetArn(), t -> t.withTags(a.tags()));
    }
    if (action instanceof Action.RegisterTaskDefinition r) {
      String family = Revisions.family(r.template());
      String arn = "arn:aws:ecs:task-definition/" + family + ":" + NEW;
      TaskDefinitionInfo registered = new TaskDefinitionInfo(arn, family, 0, r.images(), r.tags(),
          template == null ? "awsvpc" : template.networkMode());
      return before.withTaskDefinition(r.revision(), registered).withTaskDefinition(arn, registered);
    }
    if (action instanceof Action.CreateTargetGroup c) {
      String arn = "arn:aws:elasticloadbalancing:targetgroup/" + c.name() + "/" + NEW;
      return before.withTargetGroup(new TargetGroupInfo(arn, c.name(), c.settings().healthCheckIntervalSeconds(),
          c.tags(), c.settings().deregistrationDelaySeconds()), TargetHealthCounts.NONE);
    }
    if (action instanceof Action.ConfigureTargetGroup c) {
      TargetGroupInfo group = before.targetGroups().values().stream().filter(g -> g.arn().equals(c.targetGroupArn()))
          .findFirst().orElseThrow();
      return before.withTargetGroup(group.withDeregistrationDelay(c.deregistrationDelaySeconds()),
          before.healthOf(c.targetGroupArn()));
    }
    if (action instanceof Action.CreateTaskSet c) {
      int desired = desired(before.service(), c.scalePercent());
      EcsTaskSet created = new EcsTaskSet(NEW, "arn:aws:ecs:task-set/" + c.revision() + "/" + NEW, c.revision(),
          "ACTIVE", c.taskDefinitionArn(), c.scalePercent(), "STABILIZING", 0, desired, desired,
          List.of(c.targetGroupArn()), c.placement(), now, c.tags());
      var taskSets = new ArrayList<>(before.taskSets());
      taskSets.add(created);
      return before.withService(before.service().withTaskSets(List.copyOf(taskSets)));
    }
    if (action instanceof Action.ScaleTaskSet s) {
      int desired = desired(before.service(), s.percent());
      return replaceTaskSet(before, s.taskSetArn(), t -> withRunning(t.withScale(s.percent()), t.runningCount(),
          desired, false));
    }
    if (action instanceof Action.SetRoute r) {
      RouteState current = before.route(r.route()).orElseThrow();
      return before.withRoute(current.withForward(r.targets()));
    }
    if (action instanceof Action.MakePrimary p) {
      EcsService service = before.service();
      return before.withService(service.withTaskSets(service.taskSets().stream()
          .map(t -> t.arn().equals(p.taskSetArn()) ? t.withStatus(EcsTaskSet.PRIMARY)
              : t.isPrimary() ? t.withStatus("ACTIVE") : t)
          .toList()));
    }
    if (action instanceof Action.DeleteTaskSet d) {
      return replaceTaskSet(before, d.taskSetArn(), t -> t.withStatus(EcsTaskSet.DRAINING));
    }
    if (action instanceof Action.DeleteTargetGroup d) {
      return before.withoutTargetGroup(d.targetGroupArn());
    }
    if (action instanceof Action.SetScaleInSuspended s) {
      return before.withScalableTarget(new dev.teal.aws.ApplicationAutoScaling.ScalableTarget(s.target().resourceId(),
          s.target().minCapacity(), s.target().maxCapacity(),
          s.target().suspended().withDynamicScalingIn(s.suspended())));
    }
    if (action instanceof Action.RunAnalysis a) {
      return before.withAnalysis(new AnalysisStatus(a.revision(), a.stage(), true, a.spec().requests(), 0,
          "predicted to pass (teal plan sends no requests)", now));
    }
    if (action instanceof Action.RunHook h) {
      var r = h.request().onRecord();
      return before.withHook(r.with(dev.teal.model.HookStatus.PASSED, r.attempts(), r.taskArn(), null,
          "predicted to pass (teal plan calls no hook)", now));
    }
    throw new IllegalArgumentException("no prediction for " + action);
  }

  private static Map<String, String> withAll(Map<String, String> tags, Map<String, String> more) {
    var copy = new HashMap<>(tags);
    copy.putAll(more);
    return Map.copyOf(copy);
  }

  /**
   * The observation once every wait ends well: draining task sets are gone, every other one runs its
   * desired count and is steady, and each target group has as many healthy targets as its task sets run.
   */
  static Observed waitsEndWell(Observed before) {
    if (before.service() == null) {
      return before;
    }
    List<EcsTaskSet> live = before.taskSets().stream().filter(t -> !EcsTaskSet.DRAINING.equals(t.status()))
        .map(t -> withRunning(t, t.computedDesiredCount(), t.computedDesiredCount(), true)).toList();
    Map<String, Integer> running = new HashMap<>();
    live.forEach(t -> Optional.ofNullable(t.targetGroupArn())
        .ifPresent(tg -> running.merge(tg, t.runningCount(), Integer::sum)));
    Observed settled = before.withService(before.service().withTaskSets(live));
    for (var entry : running.entrySet()) {
      settled = settled.withHealth(entry.getKey(), new TargetHealthCounts(entry.getValue(), 0, 0, 0, 0));
    }
    return settled;
  }

  private static int desired(EcsService service, double percent) {
    return service == null ? 0 : (int) Math.ceil(service.desiredCount() * percent / 100.0);
  }

  private static EcsTaskSet withRunning(EcsTaskSet t, int running, int desired, boolean steady) {
    return new EcsTaskSet(t.id(), t.arn(), t.externalId(), t.status(), t.taskDefinition(), t.scalePercent(),
        steady ? EcsTaskSet.STEADY_STATE : "STABILIZING", running, Math.max(0, desired - running), desired,
        t.targetGroupArns(), t.placement(), t.createdAt(), t.tags());
  }

  private static Observed replaceTaskSet(Observed before, String arn, java.util.function.UnaryOperator<EcsTaskSet> change) {
    EcsService service = before.service();
    return before.withService(service.withTaskSets(service.taskSets().stream()
        .map(t -> t.arn().equals(arn) ? change.apply(t) : t).toList()));
  }
}
