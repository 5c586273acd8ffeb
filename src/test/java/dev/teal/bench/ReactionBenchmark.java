package dev.teal.bench;

import dev.teal.operator.events.EventSources;
import dev.teal.sandbox.http.CallLog;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.testing.FleetWorld;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Target 1: from a spec write in DynamoDB to teal's first AWS call for it, i.e. the instant the write
 * returned to the first {@code ecs:DescribeServices} naming that deployment's service in the simulator's
 * call log (the reconcile's first AWS call), both on the system clock. The spec change is one that makes
 * no new revision ({@code progressDeadline}), so each sample is one reconcile and nothing else; samples
 * are spaced by a random pause, so writes land at random points of the stream's idle wait or the poll.
 */
final class ReactionBenchmark {

  static final String TARGET = "spec write → first AWS call: p50 ≤ 300 ms, p99 ≤ 1 s";
  private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLLING_TIMEOUT = Duration.ofSeconds(30);

  private final BenchSandbox sandbox;
  private final BenchOptions options;
  private final Random random = new Random(11);

  ReactionBenchmark(BenchSandbox sandbox, BenchOptions options) {
    this.sandbox = sandbox;
    this.options = options;
  }

  /** Row 1a: the stream, one deployment in the table. */
  Row streamWithOne() {
    return stream("1a", sandbox.fleet().first(1));
  }

  /** Row 1b: the stream, the whole fleet in the table. */
  Row streamWithAll() {
    return stream("1b", sandbox.fleet().deployments());
  }

  private Row stream(String id, List<FleetWorld.Deployment> fleet) {
    String target = TARGET + ", " + fleet.size() + " deployment" + (fleet.size() == 1 ? "" : "s") + " in the table"
        + " (stream)";
    Documents documents = sandbox.table("reaction", true, fleet);
    try (BenchOperator operator = sandbox.operator(documents, Map.of())) {
      awaitStarted(operator, documents, fleet, EventSources.Mode.STREAM);
      Distribution reaction = sample(operator, documents, fleet, options.samples(), options.warmUpSamples(),
          STREAM_TIMEOUT);
      boolean met = reaction.p50().compareTo(Duration.ofMillis(300)) <= 0
          && reaction.p99().compareTo(Duration.ofSeconds(1)) <= 0;
      return new Row(id, target, reaction.render(), Verdict.of(met), "max " + Distribution.millis(reaction.max())
          + ". Bounded by the stream's idle wait (teal.stream.idle-wait " + idleWait(operator) + "): a write lands"
          + " anywhere in the wait between two empty GetRecords polls, then one GetItem of the document; a"
          + " shorter wait moves it at the cost of more GetRecords calls. " + options.warmUpSamples()
          + " warm-up samples discarded.");
    }
  }

  /** Row 1c: no stream on the table, so the daemon polls the documents. */
  Row pollingWithAll() {
    List<FleetWorld.Deployment> fleet = sandbox.fleet().deployments();
    Documents documents = sandbox.table("polling", false, fleet);
    try (BenchOperator operator = sandbox.operator(documents, Map.of())) {
      awaitStarted(operator, documents, fleet, EventSources.Mode.POLLING);
      Distribution reaction = sample(operator, documents, fleet, options.pollingSamples(), 0, POLLING_TIMEOUT);
      return new Row("1c", "polling fallback (table without a stream), " + fleet.size() + " deployments: report",
          reaction.render(), Verdict.REPORTED, "max " + Distribution.millis(reaction.max())
          + ". Bounded by teal.poll-interval (" + operator.settings().pollInterval().toSeconds() + " s): a write waits"
          + " for the next listing of all documents (a Scan), about half an interval on average. The stream"
          + " (teal init turns it on) is the path the targets are for.");
    }
  }

  private void awaitStarted(BenchOperator operator, Documents documents, List<FleetWorld.Deployment> fleet,
      EventSources.Mode mode) {
    documents.awaitSettled(operator.statuses(), fleet.stream().map(FleetWorld.Deployment::name).toList(),
        Duration.ofMinutes(10));
    Waits.until("the operator to settle in " + mode + " mode", Duration.ofSeconds(120), Duration.ofMillis(20),
        () -> operator.operator().events().mode() == mode && operator.settled(),
        () -> String.valueOf(operator.operator().status()));
  }

  private Distribution sample(BenchOperator operator, Documents documents, List<FleetWorld.Deployment> fleet,
      int samples, int warmUp, Duration timeout) {
    CallLog log = sandbox.simulator().calls();
    Clock wall = Clock.systemUTC();
    List<Duration> measured = new ArrayList<>();
    int discarded = 0;
    while (measured.size() < samples) {
      FleetWorld.Deployment d = fleet.get(random.nextInt(fleet.size()));
      log.reset();
      long resyncs = operator.operator().events().resync().completed();
      documents.update(d.name(), FleetWorld::withOtherProgressDeadline);
      Instant written = wall.instant();
      CallRecord first = awaitFirstDescribe(log, d.service(), written, timeout);
      documents.awaitSettled(operator.statuses(), List.of(d.name()), timeout);
      awaitIdle(operator);
      if (operator.operator().events().resync().completed() != resyncs) {
        discarded++; // a resync ran meanwhile and may have made the call: not a clean sample
      } else if (warmUp > 0) {
        warmUp--;
      } else {
        measured.add(Duration.between(written, first.time()));
      }
      if (discarded > samples) {
        throw new IllegalStateException("resyncs kept overlapping the samples");
      }
      Pause.millis(random.nextInt(300));
    }
    return new Distribution(measured);
  }

  /** The sample is the simulator's timestamp of the call, so how often this looks does not change it. */
  private static CallRecord awaitFirstDescribe(CallLog log, String service, Instant after, Duration timeout) {
    return Waits.value("a DescribeServices for " + service, timeout, Duration.ofMillis(5),
        () -> CallRecords.first(log.records("ecs:DescribeServices"), after,
            c -> CallRecords.describesOnly(c, service)));
  }

  private static void awaitIdle(BenchOperator operator) {
    Waits.until("the operator to be idle", Duration.ofSeconds(30), Duration.ofMillis(5), operator::settled,
        () -> String.valueOf(operator.operator().status()));
  }

  private static String idleWait(BenchOperator operator) {
    return operator.settings().streamIdleWait().toMillis() + " ms";
  }
}
