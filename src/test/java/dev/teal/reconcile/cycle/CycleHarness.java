package dev.teal.reconcile.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.ListenerEndpoints;
import dev.teal.aws.sdk.SdkEcsGateway;
import dev.teal.aws.sdk.SdkElbGateway;
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
import dev.teal.reconcile.HttpAnalysisRunner;
import dev.teal.reconcile.Observer;
import dev.teal.reconcile.Planner;
import dev.teal.reconcile.Reconciler;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.SandboxSimulator;
import dev.teal.sandbox.VirtualClock;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.store.ChangeContext;
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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * Runs teal's real reconciler against the sandbox (simulator + DynamoDB Local) through the real SDK
 * clients, on the simulator's virtual clock, and checks the safety invariants after every reconcile.
 */
final class CycleHarness {

  static final String NAME = "web";
  static final Duration POLL = Duration.ofSeconds(5);

  final SandboxExtension sandbox;
  final DemoIds demo;
  final VirtualClock clock;
  final DynamoDeploymentStore store;
  final Reconciler reconciler;
  final List<String> invariantViolations = new ArrayList<>();
  private final ActionGate gate;
  /** Target groups the world started with that teal has not routed to (a first deployment's placeholder). */
  final java.util.Set<String> preexisting = new java.util.HashSet<>();
  int reconciles;

  CycleHarness(SandboxExtension sandbox) {
    this(sandbox, ActionGate.OPEN);
  }

  /** With every mutating action asked of {@code gate} first, as the daemon's rate limit and lease do. */
  CycleHarness(SandboxExtension sandbox, ActionGate gate) {
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
  Reconciler newReconciler() {
    var ecs = new SdkEcsGateway(sandbox.ecs());
    var elb = new SdkElbGateway(sandbox.elb());
    SandboxSimulator simulator = sandbox.simulator();
    ListenerEndpoints endpoints = arn -> Optional.of(simulator.listenerUrl(arn));
    return new Reconciler(store, new Observer(ecs, elb), new Planner(POLL, Duration.ofMinutes(1)),
        new Executor(ecs, elb, new HttpAnalysisRunner(endpoints, Duration.ofSeconds(2), clock), gate), clock, 20,
        Optional::empty);
  }

  DeploymentSpec spec(String image, DesiredPhase phase) {
    return new DeploymentSpec(demo.cluster(), demo.service(), demo.taskDefinitionFamily(), demo.containerName(), demo.containerPort(),
        image, phase, new TrafficSpec(demo.productionRuleArn(), null, demo.testRuleArn(),
            new TargetGroupSpec(demo.vpcId(), 80, "HTTP", new HealthCheckSpec("/healthz", 10, 5, 2, 3, "200-399"), 30)),
        null, new StrategySpec(100, new PromotionSpec(List.of(100), Duration.ofMinutes(1)), null,
            Duration.ofMinutes(30), Duration.ofMinutes(10), null));
  }

  static DeploymentSpec withStrategy(DeploymentSpec spec, UnaryOperator<StrategySpec> change) {
    return new DeploymentSpec(spec.cluster(), spec.service(), spec.taskDefinition(), spec.container(),
        spec.containerPort(), spec.image(), spec.phase(), spec.traffic(), spec.network(), change.apply(spec.strategy()));
  }

  static StrategySpec steps(StrategySpec s, List<Integer> steps, Duration interval) {
    return new StrategySpec(s.previewScale(), new PromotionSpec(steps, interval), s.autoPromoteAfter(),
        s.scaleDownDelay(), s.progressDeadline(), s.analysis());
  }

  static StrategySpec analysis(StrategySpec s, int requests, int maxFailures) {
    return new StrategySpec(s.previewScale(), s.promotion(), s.autoPromoteAfter(), s.scaleDownDelay(),
        s.progressDeadline(), new AnalysisSpec(new HttpAnalysisSpec("/healthz", 200, requests, maxFailures)));
  }

  static StrategySpec autoPromote(StrategySpec s, Duration after) {
    return new StrategySpec(s.previewScale(), s.promotion(), after, s.scaleDownDelay(), s.progressDeadline(),
        s.analysis());
  }

  void apply(DeploymentSpec spec) {
    Optional<StoredDeployment> current = store.get(NAME);
    if (current.isEmpty()) {
      store.create(new BlueGreenDeployment(BlueGreenDeployment.API_VERSION, BlueGreenDeployment.KIND,
          ObjectMeta.named(NAME), spec, null), new ChangeContext("test", "test apply"));
    } else {
      store.updateSpec(NAME, current.get().resourceVersion(), spec, null, new ChangeContext("test", "test apply"));
    }
  }

  DeploymentSpec currentSpec() {
    return store.get(NAME).orElseThrow().spec();
  }

  DeploymentStatus status() {
    return Optional.ofNullable(store.get(NAME).orElseThrow().status()).orElse(DeploymentStatus.empty());
  }

  /** One reconcile, followed by the invariant check. */
  Reconciler.Result reconcileOnce() {
    Reconciler.Result result = reconciler.reconcile(NAME);
    reconciles++;
    checkInvariants("after reconcile " + reconciles);
    return result;
  }

  /**
   * Reconciles as the daemon would: again at once when asked to continue, after advancing the virtual
   * clock by the requested delay when waiting, until {@code done} holds for the stored status.
   */
  DeploymentStatus runUntil(Predicate<DeploymentStatus> done, Duration virtualLimit) {
    var deadline = clock.instant().plus(virtualLimit);
    for (int i = 0; i < 500; i++) {
      Reconciler.Result result = reconcileOnce();
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

  DeploymentStatus runUntilPhase(Phase phase) {
    return runUntil(s -> s.phase() == phase, Duration.ofHours(2));
  }

  DeploymentStatus runUntilQuiet() {
    return runUntil(s -> {
      var ready = s.condition("Ready");
      var progressing = s.condition("Progressing");
      return ready != null && (ready.isTrue() || s.phase().isFailure())
          && progressing != null && !progressing.isTrue() && s.observedSpecHash() != null;
    }, Duration.ofHours(3));
  }

  /** Mutating calls the simulator has answered (successfully) so far. */
  List<CallRecord> mutatingCalls() {
    return sandbox.simulator().calls().mutating().stream().filter(c -> c.outcome() == CallRecord.Outcome.OK).toList();
  }

  long count(String operation) {
    return sandbox.simulator().calls().records(operation).stream()
        .filter(c -> c.outcome() == CallRecord.Outcome.OK).count();
  }

  /** Production weights as ELB has them: target group ARN to weight. */
  Map<String, Integer> weights(String ruleArn) {
    Rule rule = sandbox.elb().describeRules(r -> r.ruleArns(ruleArn)).rules().get(0);
    var weights = new java.util.LinkedHashMap<String, Integer>();
    rule.actions().stream().filter(a -> a.forwardConfig() != null)
        .flatMap(a -> a.forwardConfig().targetGroups().stream())
        .forEach(t -> weights.put(t.targetGroupArn(), t.weight()));
    return weights;
  }

  /** Task sets of the service the deployment drives. */
  List<TaskSet> taskSets() {
    String service = store.get(NAME).map(d -> d.spec().service()).orElse(demo.service());
    DescribeServicesResponse response = sandbox.ecs().describeServices(r -> r.cluster(demo.cluster())
        .services(service));
    return response.services().isEmpty() ? List.of() : response.services().get(0).taskSets();
  }

  List<String> targetGroupNames() {
    return sandbox.elb().describeTargetGroups(r -> { }).targetGroups().stream()
        .map(t -> t.targetGroupName()).sorted().toList();
  }

  /** GETs through a listener and returns the image that answered (from the simulator's data plane). */
  String servedImage(String listenerArn) {
    try {
      var uri = sandbox.simulator().listenerUrl(listenerArn).resolve("/");
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
   * of healthy targets, and nothing a rule forwards to has been deleted.
   */
  void checkInvariants(String when) {
    List<TaskSet> taskSets = taskSets();
    var spec = store.get(NAME).map(StoredDeployment::spec);
    String production = spec.map(d -> d.traffic().productionRule()).orElse(demo.productionRuleArn());
    String test = spec.map(d -> d.traffic().testRule()).orElse(demo.testRuleArn());
    for (String ruleArn : List.of(production, test)) {
      Rule rule;
      try {
        rule = sandbox.elb().describeRules(r -> r.ruleArns(ruleArn)).rules().get(0);
      } catch (RuleNotFoundException deletedByTheTest) {
        continue;
      }
      for (TargetGroupTuple tuple : rule.actions().get(0).forwardConfig().targetGroups()) {
        String tg = tuple.targetGroupArn();
        boolean exists = !sandbox.elb().describeTargetGroups(r -> r.targetGroupArns(tg)).targetGroups().isEmpty();
        if (!exists) {
          invariantViolations.add(when + ": rule forwards to deleted target group " + tg);
          continue;
        }
        if (!ruleArn.equals(production) || tuple.weight() == 0 || preexisting.contains(tg)) {
          continue;
        }
        List<TaskSet> serving = taskSets.stream().filter(t -> !"DRAINING".equals(t.status()))
            .filter(t -> t.loadBalancers().stream().anyMatch(lb -> tg.equals(lb.targetGroupArn()))).toList();
        if (serving.isEmpty()) {
          invariantViolations.add(when + ": production forwards " + tuple.weight() + "% to " + tg
              + ", which no live task set serves");
          continue;
        }
        int required = Math.max(1, serving.stream().mapToInt(TaskSet::computedDesiredCount).sum());
        long healthy = sandbox.elb().describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions()
            .stream().filter(d -> d.targetHealth().state() == TargetHealthStateEnum.HEALTHY).count();
        if (healthy < required) {
          invariantViolations.add(when + ": production forwards " + tuple.weight() + "% to " + tg + " with "
              + healthy + " of " + required + " targets healthy");
        }
      }
    }
  }

  void assertInvariantsHeld() {
    assertThat(invariantViolations).as("safety invariants").isEmpty();
  }

  /** Reconciles once more and asserts that nothing in AWS changed: every action's effect is already in place. */
  void assertIdempotent() {
    int before = mutatingCalls().size();
    reconcileOnce();
    assertThat(mutatingCalls().size()).as("mutating calls of a second reconcile: " + mutatingCalls()
        .subList(before, mutatingCalls().size())).isEqualTo(before);
  }
}
