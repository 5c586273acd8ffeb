package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the gates of the deployment in flight last saw ({@code spec.strategy.gates}); cleared with green.
 *
 * @param alarms each alarm of {@code spec.strategy.gates.alarms} with the state CloudWatch last reported; a
 *     state change is a status change, an unchanged state is not
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GatesStatus(List<AlarmResult> alarms) {

  public GatesStatus {
    alarms = alarms == null ? List.of() : List.copyOf(alarms);
  }

  /** One alarm: its name and state (OK, ALARM or INSUFFICIENT_DATA). */
  public record AlarmResult(String name, String state) {
  }
}
