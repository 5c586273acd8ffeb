package dev.teal.reconcile;

import dev.teal.model.GatesStatus;
import dev.teal.model.MetricGateSpec;
import dev.teal.model.MetricGateSpec.BlueComparison;
import dev.teal.model.MetricGateStatus;
import dev.teal.reconcile.Target.Mode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The metric gates ({@code spec.strategy.gates.metrics}): each window CloudWatch reported on ({@link MetricQueries},
 * read by the {@link Observer}) gets a verdict, recorded in {@code status.gates.metrics}; a gate that failed
 * {@code failureLimit} windows aborts green. Pure: the reads were made before the pass, and a window already recorded
 * is not counted again (a reconcile plans several times over one observation).
 *
 * <p>Green is judged only while it serves production (every promotion step, and a bake at 100 %): before that it
 * has test traffic at most, which the HTTP analysis covers. A comparison needs blue to serve production in the same
 * window; when blue served fewer than minSamples requests (a bake, after the last step) only the gate's {@code max},
 * if it has one, gives a verdict. A rollback is not gated.
 */
final class MetricGates {

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  private MetricGates() {}

  /** Records the verdicts of the windows read, and aborts green when a gate reaches its failure limit. */
  static Action check(PlanningPass p) {
    List<MetricGateSpec> gates = p.spec.strategy() == null ? List.of() : p.spec.strategy().metricGates();
    if (gates.isEmpty() || p.draft.preview == null || p.target == null || p.target.mode() == Mode.ROLLBACK) {
      return null;
    }
    if (p.observed.metricReadings() != null) {
      record(p, gates, p.observed.metricReadings());
    }
    if (p.target != null && servesProduction(p)) {
      // Look again when the next window of any gate is complete, whatever else the pass waits for.
      gates.stream().map(g -> MetricQueries.windowEnd(p.now, g.intervalOrDefault()).plus(g.intervalOrDefault()))
          .min(Instant::compareTo).ifPresent(next -> p.waitAtMost(Duration.between(p.now, next).plusSeconds(1)));
    }
    return null;
  }

  private static boolean servesProduction(PlanningPass p) {
    return p.draft.preview.targetGroup() != null && p.observed.route(p.production)
        .map(r -> MetricQueries.share(r, p.draft.preview.targetGroup()) > 0).orElse(false);
  }

  private static void record(PlanningPass p, List<MetricGateSpec> gates, List<MetricReading> readings) {
    GatesStatus before = p.draft.gates == null ? GatesStatus.NONE : p.draft.gates;
    Map<String, MetricReading> byGate = readings.stream()
        .collect(Collectors.toMap(MetricReading::gate, Function.identity(), (a, b) -> b));
    List<MetricGateStatus> results = new ArrayList<>();
    MetricGateStatus stopped = null;
    for (MetricGateSpec gate : gates) {
      MetricGateStatus last = before.metric(gate.name()).orElse(null);
      MetricReading reading = byGate.get(gate.name());
      MetricGateStatus result = last;
      if (reading != null && (last == null || last.windowEnd() == null
          || reading.windowEnd().isAfter(last.windowEnd()))) {
        result = evaluate(gate, reading, last);
      }
      if (result != null) {
        results.add(result);
        if (stopped == null && result != last && MetricGateStatus.FAILED.equals(result.verdict())
            && result.failures() >= gate.failureLimitOrDefault()) {
          stopped = result;
        }
      }
    }
    GatesStatus seen = before.withMetrics(results);
    p.draft.gates = seen.orNull();
    if (stopped != null) {
      Abort.abort(p, Reasons.METRIC_GATE_FAILED, "metric gate " + stopped.name() + " failed "
          + stopped.failures() + (stopped.failures() == 1 ? " window" : " windows") + ", its failureLimit: "
          + stopped.message() + ", while green " + p.draft.preview.image() + " served " + stopped.weight()
          + " % of production");
      p.draft.gates = seen.withUnhealthySince(null).orNull(); // kept after the abort: teal describe shows why
    }
  }

  /** One window's verdict, given the gate's previous result (for the failures and evaluations so far). */
  static MetricGateStatus evaluate(MetricGateSpec gate, MetricReading r, MetricGateStatus previous) {
    int failures = previous == null ? 0 : previous.failures();
    int evaluations = (previous == null ? 0 : previous.evaluations()) + 1;
    int minSamples = gate.minSamplesOrDefault();
    String what = what(gate);
    String window = HH_MM.format(r.windowStart()) + "-" + HH_MM.format(r.windowEnd());
    Double green = value(gate, r.green(), r.greenPer());
    Double blue = gate.compareToBlue() == null ? null : value(gate, r.blue(), r.bluePer());
    if (r.greenRequests() < minSamples || green == null) {
      String why = r.greenRequests() < minSamples
          ? "green served " + r.greenRequests() + " requests in " + window + ", fewer than minSamples " + minSamples
          : "CloudWatch has no " + what + " for green in " + window;
      return new MetricGateStatus(gate.name(), r.windowStart(), r.windowEnd(), r.weight(), green, blue, null,
          r.greenRequests(), r.blueRequests(), MetricGateStatus.NO_VERDICT, failures, evaluations,
          why + ": no verdict");
    }
    BlueComparison comparison = gate.compareToBlue();
    boolean compared = comparison != null && blue != null && r.blueRequests() != null
        && r.blueRequests() >= minSamples;
    if (!compared && gate.max() == null) {
      String why = r.blueRequests() == null || r.blueRequests() < minSamples
          ? "blue served " + (r.blueRequests() == null ? 0 : r.blueRequests()) + " requests in " + window
              + ", fewer than minSamples " + minSamples
          : "CloudWatch has no " + what + " for blue in " + window;
      return new MetricGateStatus(gate.name(), r.windowStart(), r.windowEnd(), r.weight(), green, blue, null,
          r.greenRequests(), r.blueRequests(), MetricGateStatus.NO_VERDICT, failures, evaluations,
          why + ": no verdict");
    }
    double bound = Double.POSITIVE_INFINITY;
    List<String> against = new ArrayList<>();
    if (gate.max() != null) {
      bound = gate.max();
      against.add("max " + number(gate.max()));
    }
    if (compared) {
      double relative = comparison.bound(blue);
      bound = Math.min(bound, relative);
      against.add("blue's " + number(blue) + " (" + r.blueRequests() + " requests) x "
          + number(comparison.factor() == null ? 1.0 : comparison.factor()) + " + "
          + number(comparison.tolerance() == null ? 0.0 : comparison.tolerance()) + " = " + number(relative));
    }
    boolean failed = green > bound;
    String verdict = failed ? MetricGateStatus.FAILED : MetricGateStatus.PASSED;
    String message = what + " in " + window + ": green " + number(green) + " (" + r.greenRequests() + " requests) "
        + (failed ? "above " : "within ") + String.join(" and ", against);
    return new MetricGateStatus(gate.name(), r.windowStart(), r.windowEnd(), r.weight(), green, blue, bound,
        r.greenRequests(), r.blueRequests(), verdict, failed ? failures + 1 : failures, evaluations, message);
  }

  /**
   * A side's value: the share {@code 100 × metric / per} in percent, or the statistic. A count with no datapoint in
   * a window that had requests was 0 (ALB reports a count only when it is not), any other statistic is unknown.
   */
  static Double value(MetricGateSpec gate, Double metric, Double per) {
    if (gate.per() != null) {
      if (per == null || per == 0) {
        return null;
      }
      return 100.0 * (metric == null ? 0.0 : metric) / per;
    }
    return metric == null ? (gate.missingIsZero() ? 0.0 : null) : metric;
  }

  /** The gate's quantity in words: "HTTPCode_Target_5XX_Count per RequestCount (%)", "p99 TargetResponseTime". */
  static String what(MetricGateSpec gate) {
    return gate.per() != null ? gate.metric() + " per " + gate.per() + " (%)"
        : gate.statOrDefault() + " " + gate.metric();
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
  }
}
