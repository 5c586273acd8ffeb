package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Gates green must keep passing from the moment it exists until it is promoted: each is checked on every
 * reconcile while a deployment is in flight, and a failure aborts green (production straight back to stable).
 *
 * @param alarms CloudWatch alarms (names, in this account and region); any of them in ALARM aborts green
 * @param metrics CloudWatch metric gates on green's target group, alone or against blue's ({@link MetricGateSpec}),
 *     evaluated while green serves production
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GatesSpec(List<String> alarms, List<MetricGateSpec> metrics) {

  public GatesSpec {
    alarms = alarms == null ? List.of() : List.copyOf(alarms);
    metrics = metrics == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(metrics));
  }

  /** Alarms only. */
  public GatesSpec(List<String> alarms) {
    this(alarms, null);
  }
}
