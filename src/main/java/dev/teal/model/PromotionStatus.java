package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * Progress through {@code spec.strategy.promotion.steps}.
 *
 * @param step index of the step whose weight production carries now
 * @param weight green's production weight at that step
 * @param stepStartedAt when that weight was set; the next step waits for stepInterval from here
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"revision", "step", "weight", "stepStartedAt"})
public record PromotionStatus(String revision, int step, int weight, Instant stepStartedAt) {}
