package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Where a deployment is, as reported in {@code status.phase}. */
public enum Phase {
  /** Seen, nothing done yet. */
  PENDING("Pending"),
  /** Green is being created or is coming up. */
  PROGRESSING("Progressing"),
  /** Green is healthy and analysed behind the test route; waiting for promote. */
  PREVIEWING("Previewing"),
  /** Production traffic is shifting to green. */
  PROMOTING("Promoting"),
  /**
   * Held by {@code teal pause} or a step's indefinite pause: production stays at its current weight;
   * health and gates keep running. {@code status.paused} says since when and by whom.
   */
  PAUSED("Paused"),
  /** The spec's image serves production. */
  PROMOTED("Promoted"),
  /** Production is returning to the last stable image. */
  ROLLING_BACK("RollingBack"),
  /** Production serves the last stable image; green is gone. */
  ROLLED_BACK("RolledBack"),
  /** Green failed a gate and was aborted; production is on stable. Retried when the spec changes. */
  DEGRADED("Degraded"),
  /** Teal cannot act (a missing service or rule, a resource it does not own in the way). */
  FAILED("Failed");

  private final String wireName;

  Phase(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static Phase fromWire(String value) {
    return Arrays.stream(values())
        .filter(p -> p.wireName.equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown phase '" + value + "'"));
  }

  /** Phases a watcher should treat as the end of an attempt that did not succeed. */
  public boolean isFailure() {
    return this == DEGRADED || this == FAILED;
  }
}
