package dev.teal.bench;

import dev.teal.aws.AwsCallListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.jboss.logging.MDC;

/**
 * Every AWS call the benchmarked operator made (DynamoDB included), from the client's side: when it
 * started and ended on the wall clock, on which thread, and for which deployment (the reconcile puts the
 * deployment's name in the logging MDC). This is how "minus what the simulated AWS itself takes" is
 * computed: the time during which a deployment's reconcile was waiting for AWS.
 */
final class CallTimeline implements AwsCallListener {

  /** The MDC key the operator's reconcile handler sets (ReconcileHandler.MDC_DEPLOYMENT). */
  static final String MDC_DEPLOYMENT = "deployment";

  record Call(String operation, String outcome, Instant start, Instant end, String thread, String deployment) {

    boolean ok() {
      return OK.equals(outcome);
    }
  }

  private final Clock wall = Clock.systemUTC();
  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

  @Override
  public void onCall(String operation, String outcome, Duration latency) {
    Instant end = wall.instant();
    Object deployment = MDC.get(MDC_DEPLOYMENT);
    calls.add(new Call(operation, outcome, end.minus(latency), end, Thread.currentThread().getName(),
        deployment == null ? null : deployment.toString()));
  }

  List<Call> calls(Predicate<Call> filter) {
    return calls.stream().filter(filter).toList();
  }

  void reset() {
    calls.clear();
  }

  /** The calls a reconcile of {@code deployment} made (not the stream, lease, resync or health watch). */
  List<Call> reconcileCallsOf(String deployment) {
    return calls(c -> deployment.equals(c.deployment()));
  }

  /**
   * How much of {@code [from, to]} at least one of {@code calls} was in flight: the union of their
   * intervals, clipped to the window, so overlapping calls are not counted twice.
   */
  static Duration covered(List<Call> calls, Instant from, Instant to) {
    List<Call> inWindow = new ArrayList<>(calls.stream()
        .filter(c -> c.end().isAfter(from) && c.start().isBefore(to)).toList());
    inWindow.sort(Comparator.comparing(Call::start));
    Duration total = Duration.ZERO;
    Instant coveredUntil = from;
    for (Call c : inWindow) {
      Instant start = c.start().isBefore(coveredUntil) ? coveredUntil : c.start();
      Instant end = c.end().isAfter(to) ? to : c.end();
      if (end.isAfter(start)) {
        total = total.plus(Duration.between(start, end));
        coveredUntil = end;
      }
    }
    return total;
  }
}
