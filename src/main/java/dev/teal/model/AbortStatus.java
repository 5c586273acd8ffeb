package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * A revision that failed a gate, or was aborted on request. It is not created again while the spec hash
 * stays the one it failed under, so a broken image does not churn; a spec change re-arms it (changes to
 * {@code spec.control} other than {@code retry} do not count: pausing or aborting is not a new attempt).
 *
 * @param by who aborted it ({@code teal abort}); null when a gate did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"revision", "image", "specHash", "reason", "message", "at", "by"})
public record AbortStatus(String revision, String image, String specHash, String reason, String message, Instant at,
    String by) {

  public AbortStatus(String revision, String image, String specHash, String reason, String message, Instant at) {
    this(revision, image, specHash, reason, message, at, null);
  }
}
