package dev.teal.document;

import dev.teal.model.MetricGateSpec;
import dev.teal.model.MetricGateSpec.BlueComparison;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of {@code spec.strategy.gates.metrics}: each gate names one per-target-group metric of the load
 * balancer, a statistic CloudWatch computes, a bound (absolute, against blue, or both) and an interval CloudWatch
 * can have a period of. A malformed gate is refused here, naming its field, rather than failing at GetMetricData.
 */
final class MetricGateRules {

  /** At most this many metric gates: each reads up to five series a window. */
  static final int MAX_METRIC_GATES = 10;
  /** Windows are whole minutes (ALB reports its metrics per minute), at most an hour. */
  static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
  static final Duration MAX_INTERVAL = Duration.ofHours(1);

  private MetricGateRules() {}

  static void metrics(Rules r, List<MetricGateSpec> gates) {
    String p = "spec.strategy.gates.metrics";
    if (gates.size() > MAX_METRIC_GATES) {
      r.add(p, "must hold at most " + MAX_METRIC_GATES + " metric gates (holds " + gates.size() + ")");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < gates.size(); i++) {
      MetricGateSpec g = gates.get(i);
      String at = p + "[" + i + "]";
      if (g == null) {
        r.add(at, "is required: a metric gate with a name, a metric and a bound");
        continue;
      }
      r.required(at + ".name", g.name());
      r.pattern(at + ".name", g.name(), Patterns.METRIC_GATE_NAME,
          "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
      if (g.name() != null && !names.add(g.name())) {
        r.add(at + ".name", "names metric gate " + Rules.quote(g.name()) + " twice");
      }
      metric(r, at, g);
      bound(r, at, g);
      interval(r, at + ".interval", g.interval());
      r.range(at + ".minSamples", g.minSamples(), 1, 1_000_000);
      r.range(at + ".failureLimit", g.failureLimit(), 1, 100);
    }
  }

  private static void metric(Rules r, String at, MetricGateSpec g) {
    r.required(at + ".metric", g.metric());
    if (g.metric() != null && !g.metric().isEmpty() && !MetricGateSpec.METRICS.contains(g.metric())) {
      r.add(at + ".metric", "must be a metric AWS/ApplicationELB reports per target group: "
          + String.join(", ", MetricGateSpec.METRICS) + " (was " + Rules.quote(g.metric()) + ")");
    }
    r.pattern(at + ".stat", g.stat(), Patterns.METRIC_STAT,
        "must be Sum, Average, Minimum, Maximum, SampleCount or a percentile such as p99 or p99.9");
    if (g.per() != null) {
      if (!MetricGateSpec.COUNT_METRICS.contains(g.per())) {
        r.add(at + ".per", "must be a count metric AWS/ApplicationELB reports per target group: "
            + String.join(", ", MetricGateSpec.COUNT_METRICS) + " (was " + Rules.quote(g.per()) + ")");
      }
      if ("TargetResponseTime".equals(g.metric())) {
        r.add(at + ".per", "must not be set for TargetResponseTime: a share is of a count (was "
            + Rules.quote(g.per()) + ")");
      }
      if (g.stat() != null && !"Sum".equals(g.stat())) {
        r.add(at + ".stat", "must be Sum or left out with per: the share is 100 x Sum(metric) / Sum(per) (was "
            + Rules.quote(g.stat()) + ")");
      }
    }
  }

  private static void bound(Rules r, String at, MetricGateSpec g) {
    BlueComparison c = g.compareToBlue();
    if (g.max() == null && c == null) {
      r.add(at, "needs a bound: max (green's value at most this), compareToBlue (at most blue's x factor +"
          + " tolerance), or both");
    }
    finite(r, at + ".max", g.max(), false);
    if (c != null) {
      finite(r, at + ".compareToBlue.factor", c.factor(), true);
      finite(r, at + ".compareToBlue.tolerance", c.tolerance(), false);
    }
  }

  private static void finite(Rules r, String path, Double value, boolean positive) {
    if (value != null && (value.isNaN() || value.isInfinite() || value < 0 || positive && value == 0)) {
      r.add(path, "must be a " + (positive ? "positive" : "non-negative") + " number (was " + value + ")");
    }
  }

  private static void interval(Rules r, String path, Duration interval) {
    r.duration(path, interval, MIN_INTERVAL, MAX_INTERVAL);
    if (interval != null && !interval.isNegative() && interval.toNanos() % 60_000_000_000L != 0) {
      r.add(path, "must be whole minutes: CloudWatch's period for ALB metrics is a multiple of 60 seconds (was "
          + GoDuration.format(interval) + ")");
    }
  }
}
