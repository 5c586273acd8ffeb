package dev.teal.bench;

import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.sandbox.http.CallLog;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.testing.FleetWorld;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Target 5: many deployments doing whole cycles at once under the ELB Describe* token bucket (40 burst,
 * 10/s, on the system clock). Every deployment gets a new image with {@code phase: promote} (one step,
 * blue scaled down at once) within a second or two; the run ends when the last one is Promoted with blue
 * gone. The bound is what the bucket allows for the describes teal made, plus one cycle's simulated wait
 * (green's tasks start, its targets pass their checks; the deployments wait side by side):
 * {@code bound = successful ELB describes / 10 per s + wait}.
 */
final class ScaleBenchmark {

  static final String TARGET = "deployments doing whole cycles at once under the ELB token bucket: all converge,"
      + " none fails, wall ≤ 1.5 × bound";
  static final int BURST = 40;
  static final double REFILL_PER_SECOND = 10;
  private static final double LIMIT = 1.5;

  /** One run's numbers. */
  record Result(int deployments, Duration wall, long okDescribes, long throttledDescribes, long failedReconciles,
      long throttledCalls, int converged, int failedOrDegraded, long writes, long necessaryWrites, long redundant,
      Map<String, Long> origins) {

    Duration bound() {
      return Duration.ofMillis((long) (okDescribes / REFILL_PER_SECOND * 1000)).plus(BenchSandbox.SIMULATED_WAIT);
    }

    double ratio() {
      return (double) wall.toMillis() / bound().toMillis();
    }

    double describesPerCycle() {
      return (double) okDescribes / deployments;
    }
  }

  private final BenchSandbox sandbox;
  private final Documents documents;
  private final Set<String> cycled = new HashSet<>();
  private int version = 100;

  ScaleBenchmark(BenchSandbox sandbox, Documents documents) {
    this.sandbox = sandbox;
    this.documents = documents;
  }

  /** Runs {@code which} through one whole cycle each, all at once, under the bucket. */
  Result run(List<FleetWorld.Deployment> which, Duration timeout) {
    List<String> names = which.stream().map(FleetWorld.Deployment::name).toList();
    List<String> all = sandbox.fleet().deployments().stream().map(FleetWorld.Deployment::name).toList();
    try (BenchOperator operator = sandbox.operator(documents, Map.of())) {
      documents.awaitSettled(operator.statuses(), all, Duration.ofMinutes(10));
      awaitIdle(operator);
      CallLog log = sandbox.simulator().calls();
      sandbox.simulator().faults().describeTokenBucket(BURST, REFILL_PER_SECOND);
      try {
        log.reset();
        operator.describes().reset();
        long failedBefore = operator.failedReconciles();
        long throttledCallsBefore = throttledCalls(operator);
        String image = "registry.bench/app:" + version++;
        Clock wall = Clock.systemUTC();
        Instant start = wall.instant();
        FleetWorld.inParallel(names.stream().<Callable<Void>>map(n -> () -> {
          documents.deploy(n, image, DesiredPhase.PROMOTE);
          return null;
        }).toList());
        Instant end = awaitAll(operator, names, start, timeout);
        List<CallRecord> calls = log.records();
        long ok = calls.stream().filter(c -> CallRecords.isDescribe(c, "elb") && c.ok()).count();
        long throttled = calls.stream().filter(c -> CallRecords.isDescribe(c, "elb") && CallRecords.isThrottled(c))
            .count();
        List<CallRecord> writes = calls.stream().filter(CallRecord::mutating).toList();
        long necessary = 0;
        Map<String, Long> necessaryByOperation = new java.util.TreeMap<>();
        for (String n : names) {
          for (var w : MinimalWritesBenchmark.necessaryCycle(cycled.contains(n))) {
            necessaryByOperation.merge(w.operation(), 1L, Long::sum);
            necessary++;
          }
        }
        long notOk = writes.stream().filter(c -> !c.ok()).count();
        long redundant = MinimalWritesBenchmark.redundant(MinimalWritesBenchmark.countByOperation(
            writes.stream().filter(CallRecord::ok).map(CallRecord::operation).toList()), necessaryByOperation, notOk);
        int failed = (int) names.stream().map(n -> operator.statuses().latest(n).map(StatusLog.Write::phase))
            .filter(p -> p.isPresent() && (p.get() == Phase.FAILED || p.get() == Phase.DEGRADED)).count();
        int converged = (int) names.stream().filter(n -> documents.settled(operator.statuses(), n)).count();
        cycled.addAll(names);
        return new Result(names.size(), Duration.between(start, end), ok, throttled,
            operator.failedReconciles() - failedBefore, throttledCalls(operator) - throttledCallsBefore, converged,
            failed, writes.size(), necessary, redundant, operator.describes().counts());
      } finally {
        sandbox.simulator().faults().disableDescribeTokenBucket();
      }
    }
  }

  /** The instant the last of {@code names} was settled for its new spec (or the timeout passed). */
  private Instant awaitAll(BenchOperator operator, List<String> names, Instant start, Duration timeout) {
    Set<String> waiting = new HashSet<>(names);
    Instant[] last = {start};
    int[] reported = {names.size()};
    try {
      Waits.until(names.size() + " deployments to finish their cycle", timeout, Duration.ofMillis(200), () -> {
        for (String n : List.copyOf(waiting)) {
          var latest = operator.statuses().latest(n);
          if (latest.isPresent() && latest.get().settledFor(documents.specHash(n))) {
            waiting.remove(n);
            last[0] = latest.get().at().isAfter(last[0]) ? latest.get().at() : last[0];
          } else if (latest.isPresent() && latest.get().phase().isFailure()) {
            waiting.remove(n); // will not converge on its own; counted as failed
          }
        }
        if (waiting.size() <= reported[0] - Math.max(1, names.size() / 10)) {
          reported[0] = waiting.size();
          Benchmarks.progress("  scale: " + (names.size() - waiting.size()) + "/" + names.size() + " done after "
              + Duration.between(start, Instant.now()).toSeconds() + " s");
        }
        return waiting.isEmpty();
      });
    } catch (IllegalStateException timedOut) {
      // the row reports how many converged; the wall time is then the whole wait
      return Instant.now();
    }
    return last[0];
  }

  private static long throttledCalls(BenchOperator operator) {
    return operator.calls().calls(c -> c.outcome().contains("Throttl")).size();
  }

  private static void awaitIdle(BenchOperator operator) {
    Waits.until("the operator to be idle", Duration.ofSeconds(120), Duration.ofMillis(20), operator::settled,
        () -> String.valueOf(operator.operator().status()));
  }

  static Row row(String id, Result r, String extra) {
    boolean met = r.converged() == r.deployments() && r.failedOrDegraded() == 0 && r.ratio() <= LIMIT;
    String measured = String.format("%d deployments: wall %d s, bound %d s, ratio %.2f; %d/%d converged",
        r.deployments(), r.wall().toSeconds(), r.bound().toSeconds(), r.ratio(), r.converged(), r.deployments());
    String notes = String.format("%d ELB describes answered (%.1f per cycle), %d throttled by the bucket; %d SDK"
            + " calls failed for throttling after retries, %d reconciles failed and were retried, %d deployments"
            + " Failed/Degraded. Writes: %d for %d necessary (%d redundant). Bound = %d describes / %.0f per s + %d s"
            + " of simulated wait.", r.okDescribes(), r.describesPerCycle(), r.throttledDescribes(),
        r.throttledCalls(), r.failedReconciles(), r.failedOrDegraded(), r.writes(), r.necessaryWrites(),
        r.redundant(), r.okDescribes(), REFILL_PER_SECOND, BenchSandbox.SIMULATED_WAIT.toSeconds());
    return new Row(id, TARGET, measured, Verdict.of(met), notes + (extra.isEmpty() ? "" : " " + extra));
  }

  static List<String> details(Result r) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%d deployments under the bucket: %.1f ELB describes per cycle. Describe and List calls"
        + " by origin (caller via gateway), per cycle:", r.deployments(), r.describesPerCycle()));
    r.origins().forEach((origin, count) -> lines.add(String.format("  %7.2f  %s", (double) count / r.deployments(),
        origin)));
    return lines;
  }
}
