package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * The last analysis run against green, or the one still running: its progress is recorded as it goes, so
 * an operator that takes over resumes it where it was instead of starting again.
 *
 * @param stage "preview" before promotion, or "step-N" during the weighted shift
 * @param passed the verdict; false while running
 * @param requests how many requests were sent (so far, while running)
 * @param failures how many of them failed
 * @param at when this was recorded
 * @param running true while requests are still being sent; absent once the verdict is in
 * @param startedAt when the run began (the first run, not a resumed one): the step's time bound counts from here
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"revision", "stage", "passed", "running", "requests", "failures", "message", "startedAt", "at"})
public record AnalysisStatus(
    String revision, String stage, boolean passed, int requests, int failures, String message, Instant at,
    Boolean running, Instant startedAt) {

  /** A finished analysis. */
  public AnalysisStatus(String revision, String stage, boolean passed, int requests, int failures, String message,
      Instant at) {
    this(revision, stage, passed, requests, failures, message, at, null, null);
  }

  /** Whether requests are still being sent (no verdict yet). */
  public boolean inProgress() {
    return Boolean.TRUE.equals(running);
  }

  /** Whether this is about {@code revision}'s analysis at {@code stage}. */
  public boolean isFor(String revision, String stage) {
    return this.revision.equals(revision) && this.stage.equals(stage);
  }
}
