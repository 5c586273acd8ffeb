package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.List;

/**
 * One metric gate ({@code spec.strategy.gates.metrics[]}): a CloudWatch statistic of green's target group on the
 * production load balancer (namespace {@code AWS/ApplicationELB}; teal fills in the {@code TargetGroup} and
 * {@code LoadBalancer} dimensions), evaluated over consecutive windows of {@code interval} while green serves
 * production. Green's value must stay at or below an absolute bound ({@code max}), or at or below blue's value over
 * the same window ({@code compareToBlue}: blue × factor + tolerance), or both.
 *
 * @param name names the gate in the status, in events and in {@code teal describe}
 * @param metric an {@code AWS/ApplicationELB} metric reported per target group ({@link #METRICS})
 * @param stat the statistic over a window: Sum (the default), Average, Minimum, Maximum, SampleCount or a percentile
 *     such as p99
 * @param per a count metric to divide by: the gate's value is then the share {@code 100 × Sum(metric) / Sum(per)}, in
 *     percent (the 5xx share is {@code metric: HTTPCode_Target_5XX_Count, per: RequestCount}); null: the statistic
 * @param max green's value above this fails the window; null: no absolute bound
 * @param compareToBlue green's value above blue's × factor + tolerance fails the window; null: no comparison
 * @param interval the evaluation interval: each window is this long (whole minutes), one read per window
 * @param minSamples the least RequestCount green (and blue, when compared) must have served in a window for it to
 *     get a verdict; a thinner window gets none and neither passes nor fails
 * @param failureLimit green is aborted when this many of its windows have failed (in total, not in a row)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "metric", "stat", "per", "max", "compareToBlue", "interval", "minSamples", "failureLimit"})
public record MetricGateSpec(
    String name,
    String metric,
    String stat,
    String per,
    Double max,
    BlueComparison compareToBlue,
    Duration interval,
    Integer minSamples,
    Integer failureLimit) {

  /** The namespace every gate reads, whose per-target-group metrics teal can fill the dimensions of. */
  public static final String NAMESPACE = "AWS/ApplicationELB";
  /** The metric the samples of a window are counted in. */
  public static final String REQUEST_COUNT = "RequestCount";
  /**
   * The {@code AWS/ApplicationELB} metrics reported per target group and load balancer (ELB User Guide, "CloudWatch
   * metrics for your Application Load Balancer", dimensions {@code TargetGroup, LoadBalancer}).
   */
  public static final List<String> METRICS = List.of("RequestCount", "TargetResponseTime",
      "HTTPCode_Target_2XX_Count", "HTTPCode_Target_3XX_Count", "HTTPCode_Target_4XX_Count",
      "HTTPCode_Target_5XX_Count", "TargetConnectionErrorCount", "TargetTLSNegotiationErrorCount");
  /** The count metrics among them: what {@code per} may name (a share of a duration means nothing). */
  public static final List<String> COUNT_METRICS = METRICS.stream().filter(m -> !m.equals("TargetResponseTime"))
      .toList();

  public static final String DEFAULT_STAT = "Sum";
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  public static final int DEFAULT_MIN_SAMPLES = 50;
  public static final int DEFAULT_FAILURE_LIMIT = 1;

  /** The statistic that applies. */
  @JsonIgnore
  public String statOrDefault() {
    return stat == null ? DEFAULT_STAT : stat;
  }

  @JsonIgnore
  public Duration intervalOrDefault() {
    return interval == null ? DEFAULT_INTERVAL : interval;
  }

  @JsonIgnore
  public int minSamplesOrDefault() {
    return minSamples == null ? DEFAULT_MIN_SAMPLES : minSamples;
  }

  @JsonIgnore
  public int failureLimitOrDefault() {
    return failureLimit == null ? DEFAULT_FAILURE_LIMIT : failureLimit;
  }

  /** Whether an empty window of this statistic is a value of 0 (a count nobody reported) rather than no value. */
  @JsonIgnore
  public boolean missingIsZero() {
    return per == null && ("Sum".equals(statOrDefault()) || "SampleCount".equals(statOrDefault()));
  }

  /**
   * Green against blue over the same window: green's value must be at most {@code blue × factor + tolerance}.
   *
   * @param factor blue's value is multiplied by this (p99 latency within 1.5 × blue's: 1.5); null is 1
   * @param tolerance then this is added (a 5xx share at most one point above blue's: 1); null is 0
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BlueComparison(Double factor, Double tolerance) {

    /** The bound on green's value given blue's. */
    public double bound(double blue) {
      return blue * (factor == null ? 1.0 : factor) + (tolerance == null ? 0.0 : tolerance);
    }
  }
}
