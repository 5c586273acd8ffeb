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
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GatesStatus(List<AlarmResult> alarms, Instant unhealthySince) {

  public GatesStatus {
    alarms = alarms == null ? List.of() : List.copyOf(alarms);
  }

  public static final GatesStatus NONE = new GatesStatus(List.of(), null);

  public GatesStatus withAlarms(List<AlarmResult> seen) {
    return new GatesStatus(seen, unhealthySince);
  }

  public GatesStatus withUnhealthySince(Instant since) {
    return new GatesStatus(alarms, since);
  }

  /** Null when nothing is recorded, so an empty record does not appear in the status. */
  public GatesStatus orNull() {
    return alarms.isEmpty() && unhealthySince == null ? null : this;
  }

  /** One alarm: its name and state (OK, ALARM or INSUFFICIENT_DATA). */
  public record AlarmResult(String name, String state) {
  }
}
