package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Gates green must keep passing from the moment it exists until it is promoted: each is checked on every
 * reconcile while a deployment is in flight, and a failure aborts green (production straight back to stable).
 *
 * @param alarms CloudWatch alarms (names, in this account and region); any of them in ALARM aborts green
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GatesSpec(List<String> alarms) {

  public GatesSpec {
    alarms = alarms == null ? List.of() : List.copyOf(alarms);
  }
}
