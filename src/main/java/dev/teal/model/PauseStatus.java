package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * What is holding the rollout, while something is held.
 *
 * @param reason {@code Paused} ({@code teal pause}) or {@code StepPause} (a step's {@code pause: {}})
 * @param by who paused (from {@code spec.control.pause.by}); null for a step pause
 * @param requestedAt when the pause was written ({@code spec.control.pause.at})
 * @param since when the operator began holding; on resume, the timers that stopped (step, auto-promotion,
 *     scale-down) move on by the time since then
 * @param step the 1-based step held at, while production is shifting
 * @param weight green's production weight held at
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"reason", "by", "requestedAt", "since", "step", "weight"})
public record PauseStatus(String reason, String by, Instant requestedAt, Instant since, Integer step,
    Integer weight) {

  public static final String PAUSED = "Paused";
  public static final String STEP_PAUSE = "StepPause";
}
