package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;

/**
 * ECS's LINEAR strategy ({@code LinearConfiguration}) as a shorthand for steps: production moves in
 * equal increments of {@code stepPercent}, holding {@code stepBakeTime} at each, then to 100.
 *
 * @param stepPercent 3-100, default 10 (ECS's {@code stepPercent}, whole percent here)
 * @param stepBakeTime 0s-24h, default 6m (ECS's {@code stepBakeTimeInMinutes}, as a duration here)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"stepPercent", "stepBakeTime"})
public record LinearShift(Integer stepPercent, Duration stepBakeTime) {}
