package dev.teal.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One transition to notify about, inside the {@link HistoryEntry} of the status write that made it.
 * Its event id is derived from where it sits ({@link HistoryEntry#eventId(int)}), so every delivery of it,
 * by any operator instance, carries the same id.
 *
 * @param reason a constant clients can match: the abort's or failure's reason, or the step's
 * @param message for people
 * @param step the promotion step production is at, counted from 1; null unless {@link NotificationType#STEP}
 * @param steps how many steps the promotion has (null when unknown)
 * @param weight green's production weight in percent at that step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "reason", "message", "step", "steps", "weight"})
public record Notification(NotificationType type, String reason, String message, Integer step, Integer steps,
    Integer weight) {

  public Notification {
    Objects.requireNonNull(type, "type");
  }

  public static Notification of(NotificationType type, String reason, String message) {
    return new Notification(type, reason, message, null, null, null);
  }
}
