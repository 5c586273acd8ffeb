package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;

/**
 * ECS's CANARY strategy ({@code CanaryConfiguration}) as a shorthand for steps: {@code canaryPercent} of
 * production for {@code canaryBakeTime}, then 100.
 *
 * @param canaryPercent 1-99, default 5 (ECS's {@code canaryPercent}, whole percent here)
 * @param canaryBakeTime 0s-24h, default 10m (ECS's {@code canaryBakeTimeInMinutes}, as a duration here)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"canaryPercent", "canaryBakeTime"})
public record CanaryShift(Integer canaryPercent, Duration canaryBakeTime) {}
