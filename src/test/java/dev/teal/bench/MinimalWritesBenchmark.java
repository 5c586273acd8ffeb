package dev.teal.bench;

import dev.teal.model.DesiredPhase;
import dev.teal.sandbox.http.CallLog;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.testing.FleetWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Target 3: the mutating AWS calls of a whole cycle are exactly the necessary ones. One deployment on a
 * virtual clock: the operator adopts the service, runs two whole cycles (new image with {@code phase:
 * promote}, one step, blue scaled down at once), the first from the adopted blue and the second from a
 * blue teal created, then ten quiet minutes; every write the simulator answered is compared with the
 * necessary set of {@link #necessaryCycle}.
 */
final class MinimalWritesBenchmark {

  static final String TARGET = "writes of a whole cycle = the necessary set; 0 redundant; 0 in steady state";

  /** A necessary write of a cycle, with why. */
  record Necessary(String operation, String why) {}

  /**
   * The writes a cycle needs, in order. {@code tealBlue}: blue was created by teal (so its target group is
   * teal's to delete); an adopted blue's group is not.
   */
  static List<Necessary> necessaryCycle(boolean tealBlue) {
    List<Necessary> list = new ArrayList<>(List.of(
        new Necessary("ecs:RegisterTaskDefinition", "register the revision (template with the new image)"),
        new Necessary("elb:CreateTargetGroup", "create green's target group"),
        new Necessary("elb:ModifyTargetGroupAttributes", "deregistration delay 30 s (the document's default) differs"
            + " from ELB's 300 s"),
        new Necessary("elb:ModifyRule", "test rule: attach green at weight 0 (ECS creates a task set only for an"
            + " attached group; ALB checks only attached groups)"),
        new Necessary("ecs:CreateTaskSet", "create green's task set"),
        new Necessary("elb:ModifyRule", "test rule: green 100 (blue stays at 0)"),
        new Necessary("elb:ModifyRule", "production rule: the one step, green 100"),
        new Necessary("ecs:UpdateServicePrimaryTaskSet", "make green the primary task set"),
        new Necessary("elb:ModifyRule", "test rule: detach blue at scale-down"),
        new Necessary("ecs:DeleteTaskSet", "delete blue's task set")));
    if (tealBlue) {
      list.add(new Necessary("elb:DeleteTargetGroup", "delete blue's target group"));
    }
    return list;
  }

  /**
   * The writes of adopting a service: the claims (docs/security.md, "Claims"), so that no other document can
   * take the service or its routes, then the ownership tag on the adopted task set.
   */
  static List<Necessary> necessaryAdoption() {
    return List.of(
        new Necessary("ecs:TagResource", "claim the service for this deployment"),
        new Necessary("elb:AddTags", "claim the test rule"),
        new Necessary("elb:AddTags", "claim the production rule"),
        new Necessary("ecs:TagResource", "tag the adopted task set"));
  }

  /** Counts by operation. */
  static Map<String, Long> countByOperation(List<String> operations) {
    Map<String, Long> counts = new TreeMap<>();
    operations.forEach(op -> counts.merge(op, 1L, Long::sum));
    return counts;
  }

  /** Writes beyond the necessary ones, per operation (and every write AWS did not answer OK). */
  static long redundant(Map<String, Long> actual, Map<String, Long> necessary, long notOk) {
    long extra = notOk;
    for (Map.Entry<String, Long> e : actual.entrySet()) {
      extra += Math.max(0, e.getValue() - necessary.getOrDefault(e.getKey(), 0L));
    }
    return extra;
  }

  static long missing(Map<String, Long> actual, Map<String, Long> necessary) {
    long missing = 0;
    for (Map.Entry<String, Long> e : necessary.entrySet()) {
      missing += Math.max(0, e.getValue() - actual.getOrDefault(e.getKey(), 0L));
    }
    return missing;
  }

  private final Map<String, List<CallRecord>> writes = new LinkedHashMap<>();
  private boolean exact;

  Row run() {
    try (BenchSandbox sandbox = BenchSandbox.onVirtualClock(1)) {
      sandbox.virtualClock().advanceSeconds(30); // blue's task runs and is healthy
      FleetWorld.Deployment d = sandbox.fleet().deployments().get(0);
      Documents documents = sandbox.table("writes", true, List.of(d));
      CallLog log = sandbox.simulator().calls();
      try (BenchOperator operator = sandbox.operator(documents, Map.of())) {
        VirtualDriver driver = new VirtualDriver(sandbox.virtualClock(), operator, sandbox.simulator());
        Duration step = Duration.ofSeconds(1);
        driver.advanceUntil(() -> documents.settled(operator.statuses(), d.name()), step, Duration.ofMinutes(5));
        writes.put("adoption", log.mutating());
        for (String phase : List.of("cycle from an adopted blue", "cycle from a blue teal created")) {
          log.reset();
          documents.deploy(d.name(), "registry.bench/app:" + (writes.size() + 1), DesiredPhase.PROMOTE);
          driver.advanceUntil(() -> documents.settled(operator.statuses(), d.name()), step, Duration.ofMinutes(10));
          writes.put(phase, log.mutating());
        }
        log.reset();
        driver.advanceFor(Duration.ofMinutes(10), Duration.ofMinutes(1));
        writes.put("10 quiet minutes", log.mutating());
      }
    }
    return row();
  }

  /** Whether the writes were exactly the necessary set, and none in the quiet minutes (after {@link #run}). */
  boolean exact() {
    return exact;
  }

  /** The whole cycle's writes one by one, each with why it is necessary; the route changes with their weights. */
  List<String> details() {
    List<CallRecord> cycle = writes.getOrDefault("cycle from a blue teal created", List.of());
    List<Necessary> necessary = necessaryCycle(true);
    List<String> lines = new ArrayList<>();
    lines.add("The writes of one whole cycle (blue created by teal), as the simulator answered them:");
    for (int i = 0; i < cycle.size(); i++) {
      CallRecord c = cycle.get(i);
      String expected = i < necessary.size() && necessary.get(i).operation().equals(c.operation())
          ? necessary.get(i).why() : "NOT IN THE NECESSARY SET AT THIS POSITION";
      String weights = c.operation().equals("elb:ModifyRule") ? " " + render(CallRecords.forwardWeights(c)) : "";
      lines.add(String.format("  %2d. %-32s %s%s", i + 1, c.operation() + (c.ok() ? "" : " " + c.errorCode()),
          expected, weights));
    }
    return lines;
  }

  private String render(Map<String, Integer> weights) {
    List<String> parts = new ArrayList<>();
    weights.forEach((arn, w) -> parts.add(groupName(arn) + "=" + w));
    return "{" + String.join(", ", parts) + "}";
  }

  /** {@code arn:...:targetgroup/NAME/ID} → NAME. */
  private static String groupName(String arn) {
    String[] parts = arn.split("/");
    return parts.length >= 3 ? parts[parts.length - 2] : arn;
  }

  private Row row() {
    List<CallRecord> adoption = writes.get("adoption");
    List<CallRecord> fromAdopted = writes.get("cycle from an adopted blue");
    List<CallRecord> fromTeal = writes.get("cycle from a blue teal created");
    List<CallRecord> quiet = writes.get("10 quiet minutes");
    long redundant = redundant(fromAdopted, false) + redundant(fromTeal, true)
        + redundant(adoption, necessaryAdoption());
    long missing = missing(countOk(fromTeal), countNecessary(necessaryCycle(true)))
        + missing(countOk(fromAdopted), countNecessary(necessaryCycle(false)))
        + missing(countOk(adoption), countNecessary(necessaryAdoption()));
    boolean met = redundant == 0 && missing == 0 && quiet.isEmpty();
    exact = met;
    String measured = "whole cycle " + fromTeal.size() + " writes (" + necessaryCycle(true).size() + " necessary), "
        + redundant + " redundant; steady state " + quiet.size() + " in 10 simulated min";
    String notes = "The whole cycle, in order: " + describe(fromTeal) + ". The first cycle after adoption: "
        + fromAdopted.size() + " writes (no DeleteTargetGroup: an adopted blue's group is not teal's), adoption itself: "
        + adoption.size() + " (" + describe(adoption) + ")." + (missing == 0 ? "" : " Missing: " + missing + ".");
    return new Row("3", TARGET, measured, Verdict.of(met), notes);
  }

  private static long redundant(List<CallRecord> calls, boolean tealBlue) {
    return redundant(calls, necessaryCycle(tealBlue));
  }

  private static long redundant(List<CallRecord> calls, List<Necessary> necessary) {
    long notOk = calls.stream().filter(c -> !c.ok()).count();
    return redundant(countOk(calls), countNecessary(necessary), notOk);
  }

  private static Map<String, Long> countOk(List<CallRecord> calls) {
    return countByOperation(calls.stream().filter(CallRecord::ok).map(CallRecord::operation).toList());
  }

  private static Map<String, Long> countNecessary(List<Necessary> necessary) {
    return countByOperation(necessary.stream().map(Necessary::operation).toList());
  }

  private static String describe(List<CallRecord> calls) {
    return String.join(", ", calls.stream().map(c -> c.operation().substring(c.operation().indexOf(':') + 1)
        + (c.ok() ? "" : " (" + c.errorCode() + ")")).toList());
  }
}
