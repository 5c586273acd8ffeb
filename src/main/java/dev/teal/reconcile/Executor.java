package dev.teal.reconcile;

import dev.teal.aws.ApplicationAutoScaling;
import dev.teal.aws.EcsGateway;
import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.ElbGateway;
import dev.teal.aws.RouteState;
import dev.teal.aws.TargetGroupInfo;
import dev.teal.aws.TargetHealthCounts;
import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.model.OwnershipTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Performs one action through the gateways and returns the observation as it is after the action,
 * so the planner can continue without describing the world again.
 */
public final class Executor {

  private final EcsGateway ecs;
  private final ElbGateway elb;
  private final ApplicationAutoScaling autoScaling;
  private final AnalysisRunner analysis;
  private final ActionGate gate;
  private final HookRunner hooks;
  /** Claims are read and written under this lock, so two reconciles of this operator never both claim. */
  private final Object claims = new Object();

  public Executor(EcsGateway ecs, ElbGateway elb, AnalysisRunner analysis) {
    this(ecs, elb, analysis, ActionGate.OPEN);
  }

  /** @param gate asked before every mutating action (see {@link #admit}) */
  public Executor(EcsGateway ecs, ElbGateway elb, AnalysisRunner analysis, ActionGate gate) {
    this(ecs, elb, ApplicationAutoScaling.NONE, analysis, gate);
  }

  public Executor(EcsGateway ecs, ElbGateway elb, ApplicationAutoScaling autoScaling, AnalysisRunner analysis,
      ActionGate gate) {
    this(ecs, elb, autoScaling, analysis, gate, HookRunner.NONE);
  }

  /** @param hooks runs the lifecycle hooks ({@link Action.RunHook}) */
  public Executor(EcsGateway ecs, ElbGateway elb, ApplicationAutoScaling autoScaling, AnalysisRunner analysis,
      ActionGate gate, HookRunner hooks) {
    this.hooks = hooks;
    this.ecs = ecs;
    this.elb = elb;
    this.autoScaling = autoScaling;
    this.analysis = analysis;
    this.gate = gate;
  }

  /**
   * Whether {@code action} may run now. Reads always may; a mutating action asks the gate, which takes
   * its permit when it says yes. The reconciler asks before it writes the action's status, so an action
   * held back leaves no intent on record that did not happen.
   */
  public Optional<ActionGate.Deferral> admit(Action action) {
    return action.mutating() ? gate.admit(action) : Optional.empty();
  }

  public Observed execute(Action action, Observed before) {
    if (action instanceof Action.ClaimService c) {
      return claimService(c, before);
    }
    if (action instanceof Action.ClaimRoute c) {
      return claimRoute(c, before);
    }
    if (action instanceof Action.AdoptTaskSet a) {
      ecs.tagResource(a.taskSetArn(), a.tags());
      return replaceTaskSet(before, a.taskSetArn(), t -> t.withTags(a.tags()));
    }
    if (action instanceof Action.RegisterTaskDefinition r) {
      // One container: the one-image call every gateway has; sidecars too: the call that sets them all.
      TaskDefinitionInfo registered = r.images().size() == 1
          ? ecs.registerTaskDefinitionWithImage(r.template(), r.container(), r.image(), r.tags())
          : ecs.registerTaskDefinitionWithImages(r.template(), r.images(), r.tags());
      // Under both keys: the revision id finds it while its ARN is not yet recorded, the ARN once it is.
      return before.withTaskDefinition(r.revision(), registered).withTaskDefinition(registered.arn(), registered);
    }
    if (action instanceof Action.CreateTargetGroup c) {
      TargetGroupInfo created = elb.createTargetGroup(c.name(), c.settings(), c.tags());
      return before.withTargetGroup(new TargetGroupInfo(created.arn(), c.name(),
          c.settings().healthCheckIntervalSeconds(), c.tags(), c.settings().deregistrationDelaySeconds()),
          TargetHealthCounts.NONE);
    }
    if (action instanceof Action.ConfigureTargetGroup c) {
      elb.setDeregistrationDelay(c.targetGroupArn(), c.deregistrationDelaySeconds());
      TargetGroupInfo group = before.targetGroups().values().stream().filter(g -> g.arn().equals(c.targetGroupArn()))
          .findFirst().orElseThrow();
      return before.withTargetGroup(group.withDeregistrationDelay(c.deregistrationDelaySeconds()),
          before.healthOf(c.targetGroupArn()));
    }
    if (action instanceof Action.CreateTaskSet c) {
      EcsTaskSet created = ecs.createTaskSet(c.request());
      var taskSets = new ArrayList<>(before.taskSets());
      taskSets.removeIf(t -> t.arn().equals(created.arn()));
      taskSets.add(created.withTags(c.tags()));
      return before.withService(before.service().withTaskSets(List.copyOf(taskSets)));
    }
    if (action instanceof Action.ScaleTaskSet s) {
      ecs.updateTaskSetScale(s.cluster(), s.service(), s.taskSetArn(), s.percent());
      return replaceTaskSet(before, s.taskSetArn(), t -> t.withScale(s.percent()));
    }
    if (action instanceof Action.SetRoute r) {
      RouteState current = before.route(r.route()).orElseThrow();
      if (!current.forward().equals(r.targets())) {
        elb.setForward(r.route(), r.targets());
      }
      return before.withRoute(current.withForward(r.targets()));
    }
    if (action instanceof Action.MakePrimary p) {
      ecs.updateServicePrimaryTaskSet(p.cluster(), p.service(), p.taskSetArn());
      EcsService service = before.service();
      return before.withService(service.withTaskSets(service.taskSets().stream()
          .map(t -> t.arn().equals(p.taskSetArn()) ? t.withStatus(EcsTaskSet.PRIMARY)
              : t.isPrimary() ? t.withStatus("ACTIVE") : t)
          .toList()));
    }
    if (action instanceof Action.DeleteTaskSet d) {
      ecs.deleteTaskSet(d.cluster(), d.service(), d.taskSetArn());
      return replaceTaskSet(before, d.taskSetArn(), t -> t.withStatus(EcsTaskSet.DRAINING));
    }
    if (action instanceof Action.DeleteTargetGroup d) {
      elb.deleteTargetGroup(d.targetGroupArn());
      return before.withoutTargetGroup(d.targetGroupArn());
    }
    if (action instanceof Action.SetScaleInSuspended s) {
      var state = s.target().suspended().withDynamicScalingIn(s.suspended());
      autoScaling.setSuspendedState(s.target(), state);
      return before.withScalableTarget(new ApplicationAutoScaling.ScalableTarget(s.target().resourceId(),
          s.target().minCapacity(), s.target().maxCapacity(), state));
    }
    if (action instanceof Action.RunAnalysis a) {
      return before.withAnalysis(analysis.poll(new AnalysisRunner.Request(a.deployment(), a.revision(), a.stage(),
          before.route(a.testRoute()).orElseThrow(), a.spec(), a.resumeFrom())));
    }
    if (action instanceof Action.RunHook h) {
      return before.withHook(hooks.poll(h.request()));
    }
    throw new IllegalArgumentException("no executor for " + action);
  }

  /**
   * Tags the service as the deployment's, if it still carries the claim the planner saw; otherwise (another
   * document claimed it meanwhile) folds in what it carries now and writes nothing, so the planner decides
   * again. The read and the tagging happen under one lock: two reconciles never both claim.
   */
  private Observed claimService(Action.ClaimService c, Observed before) {
    synchronized (claims) {
      Map<String, String> now = ecs.describeService(c.cluster(), c.service()).map(EcsService::tags)
          .orElse(before.service().tags());
      String owner = Claims.owner(now);
      String deployment = c.tags().get(OwnershipTags.DEPLOYMENT);
      if (!Objects.equals(owner, c.replacing()) && !deployment.equals(owner)) {
        return before.withService(before.service().withTags(now));
      }
      if (!deployment.equals(owner)) {
        ecs.tagResource(c.serviceArn(), c.tags());
      }
      return before.withService(before.service().withTags(merged(now, c.tags())));
    }
  }

  /** As {@link #claimService}, for a rule or listener. */
  private Observed claimRoute(Action.ClaimRoute c, Observed before) {
    synchronized (claims) {
      Map<String, String> now = elb.describeTags(List.of(c.route().arn())).getOrDefault(c.route().arn(), Map.of());
      String owner = Claims.owner(now);
      String deployment = c.tags().get(OwnershipTags.DEPLOYMENT);
      if (!Objects.equals(owner, c.replacing()) && !deployment.equals(owner)) {
        return before.withTags(c.route().arn(), now);
      }
      if (!deployment.equals(owner)) {
        elb.addTags(c.route().arn(), c.tags());
      }
      return before.withTags(c.route().arn(), merged(now, c.tags()));
    }
  }

  private static Map<String, String> merged(Map<String, String> tags, Map<String, String> more) {
    var copy = new java.util.LinkedHashMap<>(tags);
    copy.putAll(more);
    return Map.copyOf(copy);
  }

  private static Observed replaceTaskSet(Observed before, String arn,
      java.util.function.UnaryOperator<EcsTaskSet> change) {
    EcsService service = before.service();
    return before.withService(service.withTaskSets(service.taskSets().stream()
        .map(t -> t.arn().equals(arn) ? change.apply(t) : t)
        .toList()));
  }
}
