package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress through {@code spec.strategy.promotion.steps}.
 *
 * @param step index of the step whose weight production carries now
 * @param weight green's production weight at that step
 * @param stepStartedAt when that weight was set; the next step waits for stepInterval from here
 * @param bakeStartedAt when production was seen at 100% green and the bake ({@code spec.strategy.bake}) began;
 *     green is made primary once the bake has passed from here. Null before then, and without a bake
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"revision", "step", "weight", "stepStartedAt", "bakeStartedAt"})
public record PromotionStatus(String revision, int step, int weight, Instant stepStartedAt, Instant bakeStartedAt) {

  /** A step not baking (yet). */
  public PromotionStatus(String revision, int step, int weight, Instant stepStartedAt) {
    this(revision, step, weight, stepStartedAt, null);
  }

  /** The same step with its bake begun at {@code at}. */
  public PromotionStatus bakingSince(Instant at) {
    return new PromotionStatus(revision, step, weight, stepStartedAt, at);
  }

  /** The same step with its timers moved on by {@code held} (a pause neither shortens nor skips a wait). */
  public PromotionStatus later(Duration held) {
    return new PromotionStatus(revision, step, weight, stepStartedAt == null ? null : stepStartedAt.plus(held),
        bakeStartedAt == null ? null : bakeStartedAt.plus(held));
  }
}
