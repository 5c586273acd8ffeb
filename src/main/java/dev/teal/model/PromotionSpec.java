package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The weighted production shift: explicit {@code steps}, or one of ECS's shorthands ({@code linear},
 * {@code canary}), which {@link #effectiveSteps()} turns into steps.
 *
 * @param steps green's production weight in percent at each step, strictly increasing and ending at
 *     100; a step may carry its own pause (see {@link PromotionStep})
 * @param stepInterval how long a step without its own pause holds (after its analysis passed)
 * @param linear ECS's LINEAR strategy, instead of steps
 * @param canary ECS's CANARY strategy, instead of steps
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"steps", "stepInterval", "linear", "canary"})
public record PromotionSpec(List<PromotionStep> steps, Duration stepInterval, LinearShift linear, CanaryShift canary) {

  public PromotionSpec(List<PromotionStep> steps, Duration stepInterval) {
    this(steps, stepInterval, null, null);
  }

  /** The short form: weights only, each step holding {@code stepInterval}. */
  public static PromotionSpec of(List<Integer> weights, Duration stepInterval) {
    return new PromotionSpec(weights == null ? null : weights.stream().map(PromotionStep::of).toList(),
        stepInterval, null, null);
  }

  /** Green's weight at each effective step. */
  public List<Integer> weights() {
    return effectiveSteps().stream().map(PromotionStep::weight).toList();
  }

  /**
   * The steps the shift goes through: {@code steps}, or the shorthand converted (with its bake time as
   * each step's pause). Expects defaults applied (a shorthand's omitted fields filled in).
   */
  public List<PromotionStep> effectiveSteps() {
    if (linear != null && linear.stepPercent() != null) {
      List<PromotionStep> out = new ArrayList<>();
      for (int w = linear.stepPercent(); w < 100; w += linear.stepPercent()) {
        out.add(PromotionStep.paused(w, linear.stepBakeTime()));
      }
      out.add(PromotionStep.of(100));
      return List.copyOf(out);
    }
    if (canary != null && canary.canaryPercent() != null) {
      return List.of(PromotionStep.paused(canary.canaryPercent(), canary.canaryBakeTime()), PromotionStep.of(100));
    }
    return steps == null ? List.of() : steps;
  }

  /** How long step {@code index} holds: its own pause, else stepInterval; null when it waits for resume. */
  public Duration holdOf(int index) {
    PromotionStep step = effectiveSteps().get(index);
    if (step.pause() == null) {
      return stepInterval;
    }
    return step.pause().duration();
  }
}
