package dev.teal.bench;

import dev.teal.sandbox.VirtualClock;
import dev.teal.sandbox.http.CallLog;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.testing.FleetWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Target 4: what a converged fleet costs. N deployments adopted and settled, then ten simulated minutes on
 * a virtual clock shared by the simulator and the operator (stepped, the operator's real-time ticks
 * catching up after each step); calls are counted per simulated minute from the call log's timestamps.
 * Then drift: right after a resync, someone changes a production rule's weights by hand, and the clock
 * moves until teal's ModifyRule restores it.
 */
final class SteadyStateBenchmark {

  static final Duration WINDOW = Duration.ofMinutes(10);
  private static final long PER_MINUTE_LIMIT = 60;

  private final BenchOptions options;
  private final Map<Long, Long> elbPerMinute = new TreeMap<>();
  private final Map<Long, Long> ecsPerMinute = new TreeMap<>();
  private final Map<String, Long> elbByOperation = new TreeMap<>();
  private long targetHealthCalls;
  private long writes;
  private Duration resyncInterval;
  private Duration driftRepairedAfter;
  private int deployments;

  SteadyStateBenchmark(BenchOptions options) {
    this.options = options;
  }

  void run() {
    deployments = options.n();
    try (BenchSandbox sandbox = BenchSandbox.onVirtualClock(deployments)) {
      VirtualClock clock = sandbox.virtualClock();
      clock.advanceSeconds(30); // every blue task runs and is healthy
      List<FleetWorld.Deployment> fleet = sandbox.fleet().deployments();
      Documents documents = sandbox.table("steady", true, fleet);
      CallLog log = sandbox.simulator().calls();
      try (BenchOperator operator = sandbox.operator(documents, Map.of())) {
        resyncInterval = operator.settings().resyncInterval();
        VirtualDriver driver = new VirtualDriver(clock, operator, sandbox.simulator());
        List<String> names = fleet.stream().map(FleetWorld.Deployment::name).toList();
        // Adoption is rate limited (10 writes/s): let virtual seconds pass until every document is settled.
        driver.advanceUntil(() -> names.stream().allMatch(n -> documents.settled(operator.statuses(), n)),
            Duration.ofSeconds(1), Duration.ofMinutes(30));
        log.reset();
        Instant start = clock.instant();
        driver.advanceFor(WINDOW, options.steadyStep());
        count(log.records(), start);
        driftRepairedAfter = drift(sandbox, driver, operator, fleet.get(fleet.size() / 2));
      }
    }
  }

  private void count(List<CallRecord> calls, Instant start) {
    for (CallRecord c : calls) {
      long minute = Duration.between(start, c.time()).toMinutes();
      if (c.time().isBefore(start) || minute >= WINDOW.toMinutes()) {
        continue;
      }
      if (c.mutating()) {
        writes++;
      } else if (c.service().equals("elb")) {
        elbPerMinute.merge(minute, 1L, Long::sum);
        elbByOperation.merge(c.operation(), 1L, Long::sum);
        if (c.operation().equals("elb:DescribeTargetHealth")) {
          targetHealthCalls++;
        }
      } else if (c.service().equals("ecs")) {
        ecsPerMinute.merge(minute, 1L, Long::sum);
      }
    }
  }

  /**
   * Waits for the next resync to finish, so the drift lands just after one, then moves the rule by
   * hand (to a group teal does not know) and steps the clock until teal's ModifyRule puts it back.
   */
  private Duration drift(BenchSandbox sandbox, VirtualDriver driver, BenchOperator operator,
      FleetWorld.Deployment d) {
    long resyncs = operator.operator().events().resync().completed();
    driver.advanceUntil(() -> operator.operator().events().resync().completed() > resyncs, options.steadyStep(),
        resyncInterval.multipliedBy(2));
    var elb = sandbox.observerElb();
    String intruder = elb.createTargetGroup(r -> r.name("intruder").protocol(ProtocolEnum.HTTP).port(80)
        .vpcId(FleetWorld.VPC).targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
    elb.modifyRule(r -> r.ruleArn(d.productionRuleArn()).actions(a -> a.type("forward").forwardConfig(f -> f
        .targetGroups(TargetGroupTuple.builder().targetGroupArn(d.blueTargetGroupArn()).weight(50).build(),
            TargetGroupTuple.builder().targetGroupArn(intruder).weight(50).build()))));
    Instant drifted = sandbox.virtualClock().instant();
    CallLog log = sandbox.simulator().calls();
    driver.advanceUntil(() -> repair(log, d, drifted).isPresent(), options.steadyStep(), resyncInterval.multipliedBy(2));
    return Duration.between(drifted, repair(log, d, drifted).orElseThrow().time());
  }

  private static Optional<CallRecord> repair(CallLog log, FleetWorld.Deployment d, Instant after) {
    return CallRecords.first(log.records("elb:ModifyRule"), after.minusNanos(1),
        c -> CallRecords.ruleOf(c).equals(d.productionRuleArn()));
  }

  /** Converged deployments cost no target-health read and no write. */
  boolean quiet() {
    return targetHealthCalls == 0 && writes == 0;
  }

  /** The hand-made drift was put back (within twice the resync interval, or the run would have failed). */
  boolean driftRepaired() {
    return driftRepairedAfter != null;
  }

  Row elbRow() {
    return perMinuteRow("4a", "ELB", elbPerMinute, "ELB Describe* ≤ 60 calls per minute in total (a tenth of the"
        + " bucket's 10/s refill)");
  }

  Row ecsRow() {
    return perMinuteRow("4b", "ECS", ecsPerMinute, "ECS Describe* ≤ 60 calls per minute in total");
  }

  private Row perMinuteRow(String id, String service, Map<Long, Long> perMinute, String target) {
    long max = perMinute.values().stream().mapToLong(Long::longValue).max().orElse(0);
    long total = perMinute.values().stream().mapToLong(Long::longValue).sum();
    double mean = (double) total / WINDOW.toMinutes();
    List<String> minutes = new ArrayList<>();
    for (long m = 0; m < WINDOW.toMinutes(); m++) {
      minutes.add(String.valueOf(perMinute.getOrDefault(m, 0L)));
    }
    String measured = String.format("max %d/min, mean %.1f/min (%d deployments, 10 simulated min)", max, mean,
        deployments);
    String notes = "Per minute: " + String.join(", ", minutes) + ". Verdict on the busiest minute. All of it is the"
        + " resync (teal.resync-interval " + resyncInterval.toMinutes() + " min), which checks a fifth of the fleet"
        + " every fifth of the interval: " + service + " describes "
        + (service.equals("ELB") ? "those deployments' two rules, 20 rules a call" : "their services, 10 a call")
        + ". It grows linearly with the fleet; a longer resync interval lowers it, at the cost of slower drift"
        + " detection.";
    return new Row(id, target, measured, Verdict.of(max <= PER_MINUTE_LIMIT), notes);
  }

  Row targetHealthRow() {
    String measured = targetHealthCalls + " DescribeTargetHealth, " + writes + " writes in 10 simulated min";
    return new Row("4c", "no DescribeTargetHealth outside transitions (and no writes)", measured,
        Verdict.of(targetHealthCalls == 0 && writes == 0), "ELB reads in the window by operation: " + elbByOperation
        + ". The resync (FleetCheck) reads services and rules only; target health is read only while a"
        + " deployment waits for green.");
  }

  Row driftRow() {
    boolean met = driftRepairedAfter.compareTo(resyncInterval.plus(options.steadyStep())) <= 0;
    return new Row("4d", "drift still detected within the resync interval (" + resyncInterval.toMinutes() + " min)",
        "production rule changed by hand: restored after " + driftRepairedAfter.toSeconds() + " s (simulated)",
        Verdict.of(met), "Injected right after a resync finished; detection waits until the fifth of the fleet"
            + " this deployment is in comes round (at most one interval), when the fleet check sees the weights"
            + " differ from the status and reconciles that deployment only. Resolution: one clock step ("
            + options.steadyStep().toSeconds() + " s).");
  }
}
