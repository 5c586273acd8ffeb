package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * A Kubernetes-style condition. {@code lastTransitionTime} moves only when {@code status} changes.
 *
 * @param status "True", "False" or "Unknown"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "status", "reason", "message", "lastTransitionTime"})
public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  public boolean isTrue() {
    return TRUE.equals(status);
  }
}
