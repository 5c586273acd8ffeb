package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;

/** How green is brought up, gated and promoted. Durations are written like "90s", "2m" or "1h30m". */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"previewScale", "promotion", "autoPromoteAfter", "scaleDownDelay", "progressDeadline", "analysis"})
public record StrategySpec(
    /* Percent of the service's desiredCount that the green task set runs while previewing. */
    Integer previewScale,
    PromotionSpec promotion,
    /* Promote on its own this long after green is ready; null waits for phase: promote. */
    Duration autoPromoteAfter,
    /* Keep blue at full scale this long after promotion, so a rollback is an instant flip. */
    Duration scaleDownDelay,
    /* Green must be healthy (and analysed) within this, or the deployment is aborted as Degraded. */
    Duration progressDeadline,
    AnalysisSpec analysis) {}
