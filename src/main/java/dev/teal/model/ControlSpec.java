package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Requests people make of a rollout in flight, written by {@code teal pause}, {@code resume}, {@code
 * abort}, {@code retry} and {@code promote --full}. They are part of the spec, so they are audited like
 * every spec change, survive restarts and can be written by any tool; the operator acts on them.
 *
 * <p>Abort, resume and full promotion name the revision they are for (the one {@code status.preview}
 * showed when they were written), so a request left in the spec never applies to a later revision.
 *
 * @param pause hold production at its current weight; steps, auto-promotion and the scale-down timer
 *     stop until it is removed ({@code teal resume})
 * @param resume passes an indefinite step pause ({@code pause: {}} on a step) of one revision
 * @param abort give up the named revision now: production back to stable, green torn down, Degraded
 * @param retry a counter: raising it runs the aborted revision again without changing the image
 * @param fullPromotion break-glass: the named revision skips its remaining steps and analysis
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"pause", "resume", "abort", "retry", "fullPromotion"})
public record ControlSpec(
    PauseRequest pause,
    ResumeRequest resume,
    AbortRequest abort,
    Integer retry,
    FullPromotionRequest fullPromotion) {

  public static final ControlSpec NONE = new ControlSpec(null, null, null, null, null);

  public ControlSpec withPause(PauseRequest value) {
    return new ControlSpec(value, resume, abort, retry, fullPromotion);
  }

  public ControlSpec withResume(ResumeRequest value) {
    return new ControlSpec(pause, value, abort, retry, fullPromotion);
  }

  public ControlSpec withAbort(AbortRequest value) {
    return new ControlSpec(pause, resume, value, retry, fullPromotion);
  }

  public ControlSpec withRetry(Integer value) {
    return new ControlSpec(pause, resume, abort, value, fullPromotion);
  }

  public ControlSpec withFullPromotion(FullPromotionRequest value) {
    return new ControlSpec(pause, resume, abort, retry, value);
  }

  /** The retry counter, 0 when not written. */
  public int retryCount() {
    return retry == null ? 0 : retry;
  }

  /** Whether no request is written (an empty control block means the same as none). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isEmpty() {
    return equals(NONE);
  }

  /**
   * @param by who asked (the caller's ARN)
   * @param at when they asked (the writer's clock)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"by", "at"})
  public record PauseRequest(String by, java.time.Instant at) {}

  /** @param step the 1-based step whose indefinite pause this passes */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"revision", "step", "by", "at"})
  public record ResumeRequest(String revision, Integer step, String by, java.time.Instant at) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"revision", "by", "at"})
  public record AbortRequest(String revision, String by, java.time.Instant at) {}

  /** @param reason why the remaining steps and analysis are skipped; required */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"revision", "reason", "by", "at"})
  public record FullPromotionRequest(String revision, String reason, String by, java.time.Instant at) {}
}
