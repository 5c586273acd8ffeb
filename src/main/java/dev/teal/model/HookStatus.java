package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * One lifecycle hook of the green in flight, as far as it got. Recorded with state {@link #RUNNING} and its
 * idempotency key before the call is made, so an operator that restarts mid-hook finds the task it started
 * (ECS: by {@code startedBy}, derived from the key) or sends the same key again (webhook, Lambda) instead of
 * starting a second run.
 *
 * @param point the hook point ({@link HooksSpec#POINTS})
 * @param stage {@code preview} for the test traffic points, {@code step-N} before production step N,
 *     {@code promoted} after production is all green
 * @param name the hook's name
 * @param revision green's revision
 * @param kind webhook, ecsTask or lambda
 * @param state Running, Passed or Failed
 * @param idempotencyKey the same for every attempt of this hook for this green; new for a new attempt at green
 * @param attempts how many calls were made (webhook retries, a resend after a restart)
 * @param taskArn the ECS task the hook runs (ecsTask)
 * @param stoppedReason ECS's stopped reason of that task once it stopped
 * @param message what happened, in a person's words
 * @param startedAt when the hook was first called; its timeout runs from here
 * @param at when this was last changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"point", "stage", "name", "revision", "kind", "state", "idempotencyKey", "attempts", "taskArn",
    "stoppedReason", "message", "startedAt", "at"})
public record HookStatus(String point, String stage, String name, String revision, String kind, String state,
    String idempotencyKey, Integer attempts, String taskArn, String stoppedReason, String message, Instant startedAt,
    Instant at) {

  public static final String RUNNING = "Running";
  public static final String PASSED = "Passed";
  public static final String FAILED = "Failed";

  @JsonIgnore
  public boolean running() {
    return RUNNING.equals(state);
  }

  @JsonIgnore
  public boolean passed() {
    return PASSED.equals(state);
  }

  @JsonIgnore
  public boolean failed() {
    return FAILED.equals(state);
  }

  /** Whether this is the record of hook {@code name} at {@code point} and {@code stage}. */
  public boolean isFor(String point, String stage, String name) {
    return this.point.equals(point) && this.stage.equals(stage) && this.name.equals(name);
  }

  public HookStatus with(String newState, Integer newAttempts, String newTaskArn, String newStoppedReason,
      String newMessage, Instant now) {
    return new HookStatus(point, stage, name, revision, kind, newState, idempotencyKey, newAttempts, newTaskArn,
        newStoppedReason, newMessage, startedAt, now);
  }
}
