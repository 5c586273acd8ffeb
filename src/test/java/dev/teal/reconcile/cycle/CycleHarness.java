package dev.teal.reconcile.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.ApplicationAutoScaling;
import dev.teal.aws.EcsGateway;
import dev.teal.aws.ElbGateway;
import dev.teal.aws.ListenerEndpoints;
import dev.teal.aws.sdk.SdkApplicationAutoScaling;
import dev.teal.aws.sdk.SdkEcsGateway;
import dev.teal.aws.sdk.SdkElbGateway;
import dev.teal.aws.sdk.SdkFunctionGateway;
import dev.teal.aws.sdk.SdkMetricsGateway;
import dev.teal.model.AnalysisSpec;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.HealthCheckSpec;
import dev.teal.model.HttpAnalysisSpec;
import dev.teal.model.ObjectMeta;
import dev.teal.model.Phase;
import dev.teal.model.PromotionSpec;
import dev.teal.model.StrategySpec;
import dev.teal.model.TargetGroupSpec;
import dev.teal.model.TrafficSpec;
import dev.teal.reconcile.ActionGate;
import dev.teal.reconcile.Executor;
import dev.teal.reconcile.HookCalls;
import dev.teal.reconcile.HookUrlPolicy;
import dev.teal.reconcile.HttpAnalysisRunner;
import dev.teal.reconcile.Observer;
import dev.teal.reconcile.Planner;
import dev.teal.reconcile.Reconciler;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.DemoService;
import dev.teal.sandbox.SandboxSimulator;
import dev.teal.sandbox.VirtualClock;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.store.ChangeContext;
import dev.teal.store.DeploymentStore;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.StoredDeployment;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * Runs teal's real reconciler against the sandbox (simulator + DynamoDB Local) through the real SDK
 * clients, on the simulator's virtual clock, and checks the safety invariants after every reconcile.
 */
public final class CycleHarness {

  public static final String NAME = "web";
  public static final Duration POLL = Duration.ofSeconds(5);

  public final SandboxExtension sandbox;
  public final DemoIds demo;
  public final VirtualClock clock;
  public final DynamoDeploymentStore store;
  public Reconciler reconciler;
  public final List<String> invariantViolations = new ArrayList<>();
  private final ActionGate gate;
  /** Target groups the world started with that teal has not routed to (a first deployment's placeholder). */
  public final java.util.Set<String> preexisting = new java.util.HashSet<>();
  public int reconciles;
  /** Where a {@link Stops} stopped the reconciler, if it did. */
  public String stoppedAt;
  /** The spec last applied, so the invariant check needs no read of the store. */
  private DeploymentSpec applied;
  /**
   * When set, the world churns (autoscaling, task replacement), so a production group may be short of
   * healthy targets for a while without teal doing anything wrong: the invariant then allows a shortfall
   * for this long, but never a group without a healthy target.
   */
  private Duration churnGrace;
  private final Map<String, java.time.Instant> shortSince = new java.util.HashMap<>();
  /** Where webhook hooks may go; set it, then make a {@link #newReconciler()}, to allow a local test server. */
  public HookUrlPolicy hookUrls = HookUrlPolicy.PUBLIC_ONLY;
  /** Where webhook and Lambda hooks run; in the poll by default, so a poll returns their verdict. */
  public java.util.concurrent.Executor hookExecutor = HttpAnalysisRunner.ON_THE_CALLER;
  /** DeleteTargetGroup calls seen by the last invariant check: a group's delete is when it may leave a set behind. */
  private long groupDeletesChecked;

  public CycleHarness(SandboxExtension sandbox) {
    this(sandbox, ActionGate.OPEN);
  }

  /** With every mutating action asked of {@code gate} first, as the daemon's rate limit and lease do. */
  public CycleHarness(SandboxExtension sandbox, ActionGate gate) {
    this.sandbox = sandbox;
    this.gate = gate;
    this.demo = sandbox.seedDemo();
    this.clock = sandbox.clock();
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    this.store = new DynamoDeploymentStore(sandbox.dynamoDb(), sandbox.tableName(), clock);
    this.reconciler = newReconciler();
    clock.advance(Duration.ofSeconds(60)); // the demo's blue tasks start and pass their health checks
  }

  /** A fresh reconciler with no memory of its own, as after a restart. */
  public Reconciler newReconciler() {
    return newReconciler(UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity());
  }

  /** A fresh reconciler whose gateways and store are wrapped, e.g. to stop it at a chosen call. */
  public Reconciler newReconciler(UnaryOperator<EcsGateway> ecsWrapper, UnaryOperator<ElbGateway> elbWrapper,
      UnaryOperator<DeploymentStore> storeWrapper) {
    return newReconciler(ecsWrapper, elbWrapper, UnaryOperator.identity(), storeWrapper);
  }

  /** As above, with Application Auto Scaling wrapped too. */
  public Reconciler newReconciler(UnaryOperator<EcsGateway> ecsWrapper, UnaryOperator<ElbGateway> elbWrapper,
      UnaryOperator<ApplicationAutoScaling> autoScalingWrapper, UnaryOperator<DeploymentStore> storeWrapper) {
    EcsGateway ecs = ecsWrapper.apply(new SdkEcsGateway(sandbox.ecs()));
    ElbGateway elb = elbWrapper.apply(new SdkElbGateway(sandbox.elb()));
    ApplicationAutoScaling autoScaling = autoScalingWrapper.apply(new SdkApplicationAutoScaling(sandbox.autoScaling()));
    SandboxSimulator simulator = sandbox.simulator();
    ListenerEndpoints endpoints = arn -> Optional.of(simulator.listenerUrl(arn));
    return new Reconciler(storeWrapper.apply(store), new Observer(ecs, elb, autoScaling,
        new SdkMetricsGateway(sandbox.cloudWatch())),
        new Planner(POLL, Duration.ofMinutes(1)),
        new Executor(ecs, elb, autoScaling, new HttpAnalysisRunner(endpoints, Duration.ofSeconds(2), clock), gate,
            new HookCalls(ecs, new SdkFunctionGateway(sandbox.lambda()), endpoints, hookUrls, clock,
                hookExecutor, deployment -> { }, Duration.ZERO)),
        clock, 20, Optional::empty);
  }

  public DeploymentSpec spec(String image, DesiredPhase phase) {
    return new DeploymentSpec(demo.cluster(), demo.service(), demo.taskDefinitionFamily(), demo.containerName(), demo.containerPort(),
        image, phase, new TrafficSpec(demo.productionRuleArn(), null, demo.testRuleArn(),
            new TargetGroupSpec(demo.vpcId(), 80, "HTTP", new HealthCheckSpec("/healthz", 10, 5, 2, 3, "200-399"), 30)),
        null, new StrategySpec(100, PromotionSpec.of(List.of(100), Duration.ofMinutes(1)), null,
            Duration.ofMinutes(30), Duration.ofMinutes(10), null));
  }

  /** The same deployment settings for another demo service (see {@link dev.teal.sandbox.DemoWorld#seedSpot}). */
  public DeploymentSpec spec(DemoService service, String image, DesiredPhase phase) {
    DeploymentSpec base = spec(image, phase);
    return new DeploymentSpec(base.cluster(), service.service(), service.taskDefinitionFamily(), service.containerName(),
        service.containerPort(), image, phase, new TrafficSpec(service.productionRuleArn(), null, service.testRuleArn(),
            base.traffic().targetGroup()), null, base.strategy());
  }

  public static DeploymentSpec withStrategy(DeploymentSpec spec, UnaryOperator<StrategySpec> change) {
    return new DeploymentSpec(spec.cluster(), spec.service(), spec.taskDefinition(), spec.container(),
        spec.containerPort(), spec.image(), spec.phase(), spec.traffic(), spec.network(), change.apply(spec.strategy()));
  }

  public static StrategySpec steps(StrategySpec s, List<Integer> steps, Duration interval) {
    return new StrategySpec(s.previewScale(), PromotionSpec.of(steps, interval), s.autoPromoteAfter(),
        s.scaleDownDelay(), s.progressDeadline(), s.analysis());
  }

  public static StrategySpec analysis(StrategySpec s, int requests, int maxFailures) {
    return new StrategySpec(s.previewScale(), s.promotion(), s.autoPromoteAfter(), s.scaleDownDelay(),
        s.progressDeadline(), new AnalysisSpec(new HttpAnalysisSpec("/healthz", 200, requests, maxFailures)));
  }

  /** With fail fast set: {@code 0, 0} leaves a broken green to the progress deadline. */
  public static StrategySpec failFast(StrategySpec s, int unhealthyChecks, int stoppedTasks) {
    return new StrategySpec(s.previewScale(), s.promotion(), s.autoPromoteAfter(), s.scaleDownDelay(),
        s.progressDeadline(), s.analysis(), s.gates(), new dev.teal.model.FailFastSpec(unhealthyChecks, stoppedTasks));
  }

  public static StrategySpec autoPromote(StrategySpec s, Duration after) {
    return new StrategySpec(s.previewScale(), s.promotion(), after, s.scaleDownDelay(), s.progressDeadline(),
        s.analysis());
  }

  /** See {@link #churnGrace}. */
  public CycleHarness tolerateChurn(Duration grace) {
    this.churnGrace = grace;
    return this;
  }

  public void apply(DeploymentSpec spec) {
    applied = spec;
    Optional<StoredDeployment> current = store.get(NAME);
    if (current.isEmpty()) {
      store.create(new BlueGreenDeployment(BlueGreenDeployment.API_VERSION, BlueGreenDeployment.KIND,
          ObjectMeta.named(NAME), spec, null), new ChangeContext("test", "test apply"));
    } else {
      store.updateSpec(NAME, current.get().resourceVersion(), spec, null, new ChangeContext("test", "test apply"));
    }
  }

  public DeploymentSpec currentSpec() {
    return store.get(NAME).orElseThrow().spec();
  }

  public DeploymentStatus status() {
    return Optional.ofNullable(store.get(NAME).orElseThrow().status()).orElse(DeploymentStatus.empty());
  }

  /** One reconcile, followed by the invariant check. */
  public Reconciler.Result reconcileOnce() {
    reconciles++;
    Reconciler.Result result = reconciler.reconcile(NAME);
    checkInvariants("after reconcile " + reconciles);
    return result;
  }

  /**
   * Replaces the reconciler with one that {@code stops} will stop (or just count) at its mutating ECS
   * and ELB calls. Status writes need no stop points of their own: the status is written right before
   * each action, so "before call k" is the moment right after that write, and "after call k" the moment
   * right before the next one.
   */
  public void stopWith(Stops stops) {
    reconciler = newReconciler(e -> stops.wrap(EcsGateway.class, e, Stops.ECS_MUTATING),
        e -> stops.wrap(ElbGateway.class, e, Stops.ELB_MUTATING),
        a -> stops.wrap(ApplicationAutoScaling.class, a, Stops.AUTO_SCALING_MUTATING), UnaryOperator.identity());
  }

  /**
   * Reconciles as the daemon would: again at once when asked to continue, after advancing the virtual
   * clock by the requested delay when waiting, until {@code done} holds for the stored status.
   */
  public DeploymentStatus runUntil(Predicate<DeploymentStatus> done, Duration virtualLimit) {
    var deadline = clock.instant().plus(virtualLimit);
    for (int i = 0; i < 500; i++) {
      Reconciler.Result result;
      try {
        result = reconcileOnce();
      } catch (Stops.Stopped killed) {
        // The process died at the stop point: all in-memory state is gone; a fresh instance takes over.
        stoppedAt = killed.getMessage();
        reconciler = newReconciler();
        checkInvariants("right after " + killed.getMessage());
        continue;
      }
      DeploymentStatus status = status();
      if (done.test(status)) {
        return status;
      }
      Duration wait = result.requeueAfter() == null ? POLL : result.requeueAfter();
      if (clock.instant().plus(wait).isAfter(deadline)) {
        break;
      }
      clock.advance(wait);
    }
    throw new AssertionError("not reached within " + virtualLimit + " of virtual time; status: " + status().phase()
        + " — " + status().message() + "; events: " + status().events());
  }

  public DeploymentStatus runUntilPhase(Phase phase) {
    return runUntil(s -> s.phase() == phase, Duration.ofHours(2));
  }

  public DeploymentStatus runUntilQuiet() {
    return runUntil(s -> {
      var ready = s.condition("Ready");
      var progressing = s.condition("Progressing");
      return ready != null && (ready.isTrue() || s.phase().isFailure())
          && progressing != null && !progressing.isTrue() && s.observedSpecHash() != null;
    }, Duration.ofHours(3));
  }

  /** Mutating calls the simulator has answered (successfully) so far. */
  public List<CallRecord> mutatingCalls() {
    return sandbox.simulator().calls().mutating().stream().filter(c -> c.outcome() == CallRecord.Outcome.OK).toList();
  }

  public long count(String operation) {
    return sandbox.simulator().calls().records(operation).stream()
        .filter(c -> c.outcome() == CallRecord.Outcome.OK).count();
  }

  /** Production weights as ELB has them: target group ARN to weight. */
  public Map<String, Integer> weights(String ruleArn) {
    Rule rule = sandbox.observerElb().describeRules(r -> r.ruleArns(ruleArn)).rules().get(0);
    var weights = new java.util.LinkedHashMap<String, Integer>();
    rule.actions().stream().filter(a -> a.forwardConfig() != null)
        .flatMap(a -> a.forwardConfig().targetGroups().stream())
        .forEach(t -> weights.put(t.targetGroupArn(), t.weight()));
    return weights;
  }

  /** Task sets of the service the deployment drives. */
  public List<TaskSet> taskSets() {
    String service = applied == null ? demo.service() : applied.service();
    DescribeServicesResponse response = sandbox.observerEcs().describeServices(r -> r.cluster(demo.cluster())
        .services(service));
    return response.services().isEmpty() ? List.of() : response.services().get(0).taskSets();
  }

  public List<String> targetGroupNames() {
    return sandbox.observerElb().describeTargetGroups(r -> { }).targetGroups().stream()
        .map(t -> t.targetGroupName()).sorted().toList();
  }

  /** GETs through a listener and returns the image that answered (from the simulator's data plane). */
  public String servedImage(String listenerArn) {
    return servedImage(listenerArn, "/");
  }

  /** GETs {@code path} through a listener and returns the image that answered. */
  public String servedImage(String listenerArn, String path) {
    try {
      var uri = sandbox.simulator().listenerUrl(listenerArn).resolve(path);
      var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
      return response.headers().firstValue("x-teal-image").orElse("HTTP " + response.statusCode());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The safety invariants: production forwards only to target groups with at least the required number
   * of healthy targets, nothing a rule forwards to has been deleted, and no task set (a draining one
   * included) uses a target group that has been deleted: ECS deregisters a draining task set's targets for
   * the group's deregistration delay, so its group must outlive it.
   */
  public void checkInvariants(String when) {
    if (applied == null) {
      return;
    }
    String production = applied.traffic().productionRule() != null ? applied.traffic().productionRule()
        : applied.traffic().productionListener();
    String test = applied.traffic().testRule();
    Map<String, List<TargetGroupTuple>> forwards = new java.util.LinkedHashMap<>();
    if (applied.traffic().productionRule() == null) {
      listenerForward(production).ifPresent(f -> forwards.put(production, f));
    }
    for (Rule rule : describeRulesIgnoringDeleted(applied.traffic().productionRule() == null ? List.of(test)
        : List.of(production, test))) {
      forwards.put(rule.ruleArn(), rule.actions().get(0).forwardConfig().targetGroups());
    }
    List<TaskSet> taskSets = null;
    long groupDeletes = sandbox.simulator().calls().count("elb:DeleteTargetGroup");
    if (groupDeletes != groupDeletesChecked) {
      groupDeletesChecked = groupDeletes;
      List<TaskSet> all = taskSets = taskSets();
      List<String> usedByTaskSets = all.stream().flatMap(t -> t.loadBalancers().stream())
          .map(lb -> lb.targetGroupArn()).distinct().toList();
      for (String missing : missingTargetGroups(usedByTaskSets)) {
        all.stream().filter(t -> t.loadBalancers().stream().anyMatch(lb -> missing.equals(lb.targetGroupArn())))
            .forEach(t -> invariantViolations.add(when + ": task set " + t.id() + " (" + t.status()
                + ") still uses target group " + missing + ", which was deleted"));
      }
    }
    for (var route : forwards.entrySet()) {
      List<TargetGroupTuple> forward = route.getValue();
      for (String missing : missingTargetGroups(forward.stream().map(TargetGroupTuple::targetGroupArn).toList())) {
        invariantViolations.add(when + ": " + route.getKey() + " forwards to deleted target group " + missing);
      }
      if (!route.getKey().equals(production)) {
        continue;
      }
      for (TargetGroupTuple tuple : forward) {
        String tg = tuple.targetGroupArn();
        if (tuple.weight() == 0 || preexisting.contains(tg)) {
          continue;
        }
        taskSets = taskSets == null ? taskSets() : taskSets;
        List<TaskSet> serving = taskSets.stream().filter(t -> !"DRAINING".equals(t.status()))
            .filter(t -> t.loadBalancers().stream().anyMatch(lb -> tg.equals(lb.targetGroupArn()))).toList();
        if (serving.isEmpty()) {
          invariantViolations.add(when + ": production forwards " + tuple.weight() + "% to " + tg
              + ", which no live task set serves");
          continue;
        }
        int required = Math.max(1, serving.stream().mapToInt(TaskSet::computedDesiredCount).sum());
        long healthy = sandbox.observerElb().describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions()
            .stream().filter(d -> d.targetHealth().state() == TargetHealthStateEnum.HEALTHY).count();
        if (healthy >= required) {
          shortSince.remove(tg);
        } else if (churnGrace == null || healthy == 0) {
          invariantViolations.add(when + ": production forwards " + tuple.weight() + "% to " + tg + " with "
              + healthy + " of " + required + " targets healthy");
        } else {
          java.time.Instant since = shortSince.computeIfAbsent(tg, k -> clock.instant());
          if (clock.instant().isAfter(since.plus(churnGrace))) {
            invariantViolations.add(when + ": production forwards " + tuple.weight() + "% to " + tg + " with "
                + healthy + " of " + required + " targets healthy since " + since);
          }
        }
      }
    }
  }

  /** A production listener's weighted forward, unless the test deleted the listener. */
  private Optional<List<TargetGroupTuple>> listenerForward(String listenerArn) {
    try {
      return sandbox.observerElb().describeListeners(r -> r.listenerArns(listenerArn)).listeners().stream()
          .findFirst().map(l -> l.defaultActions().get(0).forwardConfig().targetGroups());
    } catch (software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException deleted) {
      return Optional.empty();
    }
  }

  private List<Rule> describeRulesIgnoringDeleted(List<String> arns) {
    try {
      return sandbox.observerElb().describeRules(r -> r.ruleArns(arns)).rules();
    } catch (RuleNotFoundException oneWasDeletedByTheTest) {
      List<Rule> rules = new ArrayList<>();
      for (String arn : arns) {
        try {
          rules.addAll(sandbox.observerElb().describeRules(r -> r.ruleArns(arn)).rules());
        } catch (RuleNotFoundException deleted) {
          // the test removed it on purpose
        }
      }
      return rules;
    }
  }

  private List<String> missingTargetGroups(List<String> arns) {
    try {
      sandbox.observerElb().describeTargetGroups(r -> r.targetGroupArns(arns));
      return List.of();
    } catch (TargetGroupNotFoundException some) {
      return arns.stream().filter(arn -> {
        try {
          sandbox.observerElb().describeTargetGroups(r -> r.targetGroupArns(arn));
          return false;
        } catch (TargetGroupNotFoundException e) {
          return true;
        }
      }).toList();
    }
  }


  public void assertInvariantsHeld() {
    assertThat(invariantViolations).as("safety invariants").isEmpty();
  }

  /** Reconciles once more and asserts that nothing in AWS changed: every action's effect is already in place. */
  public void assertIdempotent() {
    int before = mutatingCalls().size();
    reconcileOnce();
    assertThat(mutatingCalls().size()).as("mutating calls of a second reconcile: " + mutatingCalls()
        .subList(before, mutatingCalls().size())).isEqualTo(before);
  }
}
