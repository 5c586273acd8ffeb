package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;

/**
 * How green is brought up, gated and promoted. Durations are written like "90s", "2m" or "1h30m".
 *
 * @param previewScale percent (1-100) of the service's desiredCount that the green task set runs while
 *     previewing
 * @param promotion the weighted production shift
 * @param autoPromoteAfter promote on its own this long after green is ready; null waits for {@code phase:
 *     promote} with no time limit
 * @param scaleDownDelay keep blue at full scale this long after promotion, so a rollback is an instant flip
 * @param progressDeadline green must be healthy (and analysed) within this, or the deployment is aborted
 *     as Degraded
 * @param analysis checks run through the test route before promotion and at every step; null runs none
 * @param gates gates green must keep passing while it is in flight (CloudWatch alarms); null has none
 * @param failFast when a green that is being brought up is given up without waiting for the progress deadline
 * @param bake how long production stays at 100% green, with every gate still running and blue still primary
 *     and at full scale, before green is made primary; a failure in it flips production back to blue. Null or
 *     zero: no bake
 * @param hooks lifecycle hooks green must pass at each point of its way; null has none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"previewScale", "promotion", "autoPromoteAfter", "scaleDownDelay", "progressDeadline", "analysis", "gates", "failFast", "bake", "hooks"})
public record StrategySpec(
    Integer previewScale,
    PromotionSpec promotion,
    Duration autoPromoteAfter,
    Duration scaleDownDelay,
    Duration progressDeadline,
    AnalysisSpec analysis,
    GatesSpec gates,
    FailFastSpec failFast,
    Duration bake,
    HooksSpec hooks) {

  /** Without lifecycle hooks. */
  public StrategySpec(Integer previewScale, PromotionSpec promotion, Duration autoPromoteAfter, Duration scaleDownDelay,
      Duration progressDeadline, AnalysisSpec analysis, GatesSpec gates, FailFastSpec failFast, Duration bake) {
    this(previewScale, promotion, autoPromoteAfter, scaleDownDelay, progressDeadline, analysis, gates, failFast, bake,
        null);
  }

  /** Without a bake. */
  public StrategySpec(Integer previewScale, PromotionSpec promotion, Duration autoPromoteAfter, Duration scaleDownDelay,
      Duration progressDeadline, AnalysisSpec analysis, GatesSpec gates, FailFastSpec failFast) {
    this(previewScale, promotion, autoPromoteAfter, scaleDownDelay, progressDeadline, analysis, gates, failFast, null);
  }

  /** Without fail-fast settings (the defaults apply). */
  public StrategySpec(Integer previewScale, PromotionSpec promotion, Duration autoPromoteAfter, Duration scaleDownDelay,
      Duration progressDeadline, AnalysisSpec analysis, GatesSpec gates) {
    this(previewScale, promotion, autoPromoteAfter, scaleDownDelay, progressDeadline, analysis, gates, null, null);
  }

  /** Without gates. */
  public StrategySpec(Integer previewScale, PromotionSpec promotion, Duration autoPromoteAfter, Duration scaleDownDelay,
      Duration progressDeadline, AnalysisSpec analysis) {
    this(previewScale, promotion, autoPromoteAfter, scaleDownDelay, progressDeadline, analysis, null, null, null);
  }

  /** The fail-fast settings that apply: the document's, or {@link FailFastSpec#DEFAULTS}. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public FailFastSpec failFastOrDefaults() {
    return failFast == null ? FailFastSpec.DEFAULTS : failFast;
  }

  /** The lifecycle hooks; {@code hooks} or none. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public HooksSpec hooksOrNone() {
    return hooks == null ? new HooksSpec(null, null, null, null) : hooks;
  }

  /** The alarms green is gated on; empty when none. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public java.util.List<String> alarmNames() {
    return gates == null ? java.util.List.of() : gates.alarms();
  }

  /** The metric gates green is held to; empty when none. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public java.util.List<MetricGateSpec> metricGates() {
    return gates == null ? java.util.List.of() : gates.metrics();
  }

  /** How long production bakes at 100% green before green is made primary; zero when there is no bake. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public Duration bakeOrZero() {
    return bake == null ? Duration.ZERO : bake;
  }
}
