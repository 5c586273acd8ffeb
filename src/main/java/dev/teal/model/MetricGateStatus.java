package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * One metric gate's last evaluation ({@code status.gates.metrics[]}), replaced at every window.
 *
 * @param name the gate's name ({@code spec.strategy.gates.metrics[].name})
 * @param windowStart start of the window last evaluated (inclusive)
 * @param windowEnd its end (exclusive); a window is evaluated once, and the next read waits for the next window
 * @param weight green's production weight (percent) when the window was read
 * @param green green's value over the window; null when CloudWatch had none
 * @param blue blue's value over the window, for a comparison; null when there is none
 * @param bound the highest value green was allowed; null when no verdict was given
 * @param greenSamples requests green served in the window (RequestCount)
 * @param blueSamples requests blue served in it, for a comparison
 * @param verdict {@link #PASSED}, {@link #FAILED} or {@link #NO_VERDICT}
 * @param failures windows failed so far by this green; it is aborted at {@code failureLimit}
 * @param evaluations windows evaluated so far (with or without a verdict)
 * @param message the evaluation in a person's words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "windowStart", "windowEnd", "weight", "green", "blue", "bound", "greenSamples",
    "blueSamples", "verdict", "failures", "evaluations", "message"})
public record MetricGateStatus(
    String name,
    Instant windowStart,
    Instant windowEnd,
    Integer weight,
    Double green,
    Double blue,
    Double bound,
    Long greenSamples,
    Long blueSamples,
    String verdict,
    int failures,
    int evaluations,
    String message) {

  public static final String PASSED = "Passed";
  public static final String FAILED = "Failed";
  /** Too little traffic (fewer requests than minSamples) or no datapoint: neither a pass nor a failure. */
  public static final String NO_VERDICT = "NoVerdict";
}
