package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * Something the operator did or saw, kept in the status (most recent last, bounded).
 *
 * @param type "Normal" or "Warning", as in Kubernetes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"time", "type", "reason", "message"})
public record DeploymentEvent(Instant time, String type, String reason, String message) {

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
}
