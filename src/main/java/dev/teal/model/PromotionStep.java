package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a production shift: green's weight, and how long the step holds before the next.
 * Written as a bare number ({@code 50}: hold {@code stepInterval}) or as {@code {weight: 50, pause:
 * {duration: 10m}}} (hold 10m) or {@code {weight: 50, pause: {}}} (hold until {@code teal resume}).
 *
 * @param weight green's share of production, 1-100
 * @param pause how long to hold this step; null holds {@code stepInterval}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromotionStep(Integer weight, StepPause pause) {

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public PromotionStep(@JsonProperty("weight") Integer weight, @JsonProperty("pause") StepPause pause) {
    this.weight = weight;
    this.pause = pause;
  }

  /** The short form: a bare weight. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static PromotionStep of(int weight) {
    return new PromotionStep(weight, null);
  }

  public static PromotionStep paused(int weight, Duration duration) {
    return new PromotionStep(weight, new StepPause(duration));
  }

  public static PromotionStep indefinite(int weight) {
    return new PromotionStep(weight, new StepPause(null));
  }

  /** Written back in the form it was read: a bare number when there is no pause. */
  @JsonValue
  Object written() {
    if (pause == null) {
      return weight;
    }
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("weight", weight);
    form.put("pause", pause);
    return form;
  }

  /** Whether this step waits for {@code teal resume}. */
  public boolean waitsForResume() {
    return pause != null && pause.duration() == null;
  }

  /**
   * A step's own pause.
   *
   * @param duration how long to hold; null (written {@code pause: {}}) holds until {@code teal resume}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StepPause(Duration duration) {}
}
