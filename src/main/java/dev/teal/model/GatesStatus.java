package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What the gates of the deployment in flight last saw ({@code spec.strategy.gates}); cleared with green.
 *
 * @param alarms each alarm of {@code spec.strategy.gates.alarms} with the state CloudWatch last reported; a
 *     state change is a status change, an unchanged state is not
 * @param unhealthySince since when green, being brought up, has been short of healthy targets with some of them
 *     {@code unhealthy} ({@code spec.strategy.failFast.unhealthyChecks} counts from here); null when it is not
 * @param metrics each metric gate of {@code spec.strategy.gates.metrics} with its last evaluated window, its verdict
 *     and the failures so far ({@link MetricGateStatus})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GatesStatus(List<AlarmResult> alarms, Instant unhealthySince, List<MetricGateStatus> metrics) {

  public GatesStatus {
    alarms = alarms == null ? List.of() : List.copyOf(alarms);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
  }

  /** Without metric gates. */
  public GatesStatus(List<AlarmResult> alarms, Instant unhealthySince) {
    this(alarms, unhealthySince, null);
  }

  public static final GatesStatus NONE = new GatesStatus(List.of(), null);

  public GatesStatus withAlarms(List<AlarmResult> seen) {
    return new GatesStatus(seen, unhealthySince, metrics);
  }

  public GatesStatus withUnhealthySince(Instant since) {
    return new GatesStatus(alarms, since, metrics);
  }

  public GatesStatus withMetrics(List<MetricGateStatus> evaluated) {
    return new GatesStatus(alarms, unhealthySince, evaluated);
  }

  /** The last evaluation of the metric gate named, if there is one. */
  public java.util.Optional<MetricGateStatus> metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** Null when nothing is recorded, so an empty record does not appear in the status. */
  public GatesStatus orNull() {
    return alarms.isEmpty() && unhealthySince == null && metrics.isEmpty() ? null : this;
  }

  /** One alarm: its name and state (OK, ALARM or INSUFFICIENT_DATA). */
  public record AlarmResult(String name, String state) {
  }
}
