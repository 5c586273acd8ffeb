package dev.teal.reconcile;

import dev.teal.model.AwsWait;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import java.time.Instant;
import java.util.List;

/** Status changes made outside a planning pass, with the same rules for conditions and events. */
final class StatusEdits {

  private StatusEdits() {}

  /** Records which generation and spec a status was computed for. */
  static DeploymentStatus observed(DeploymentStatus from, long generation, String specHash) {
    return new DeploymentStatus(from.phase(), from.message(), generation, specHash, from.stable(), from.preview(),
        from.previous(), from.retired(), from.traffic(), from.promotion(), from.analysis(), from.progressStartedAt(),
        from.previewReadyAt(), from.promotedAt(), from.aborted(), from.claimed(), from.scaleIn(), from.awaitingAws(),
        from.conditions(), from.events(), from.paused(), from.history(), from.gates(), from.hooks());
  }

  /** Marks the deployment Failed; the event is recorded only when the reason is new, so a retry loop does not spam. */
  static DeploymentStatus failed(DeploymentStatus from, String reason, String message, Instant now) {
    return failed(from, reason, message, message, now);
  }

  /**
   * As {@link #failed(DeploymentStatus, String, String, Instant)}, with the long account ({@code message})
   * in the status message only, and {@code summary} in the conditions and the event, so a long list (a
   * spec's problems) is written once rather than four times.
   */
  static DeploymentStatus failed(DeploymentStatus from, String reason, String message, String summary, Instant now) {
    StatusDraft draft = new StatusDraft(from, now);
    draft.phase = Phase.FAILED;
    draft.message = message;
    draft.condition(Reasons.READY, false, reason, summary);
    draft.condition(Reasons.PROGRESSING, false, reason, summary);
    var previous = from.condition(Reasons.READY);
    if (previous == null || !reason.equals(previous.reason())) {
      draft.warning(reason, summary);
    }
    return draft.build();
  }

  /**
   * The smallest status that still says what happened: phase Failed, why, which spec it is about, and the
   * Ready condition. What the status remembered (revisions, routes) is left out: it is what did not fit.
   */
  static DeploymentStatus compactFailure(String reason, String message, long generation, String specHash,
      Instant now) {
    return new DeploymentStatus(Phase.FAILED, StatusLimits.truncate(message), generation, specHash, null, null, null,
        List.of(), null, null, null, null, null, null, null,
        List.of(new Condition(Reasons.READY, Condition.FALSE, reason, "see the status message", now)), List.of());
  }

  /**
   * Records a wait for AWS to catch up: the phase stays, the message says what is awaited, and an event
   * is recorded when the wait begins (not on every retry).
   */
  static DeploymentStatus awaitingAws(DeploymentStatus from, AwsWait wait, boolean begins, Instant now) {
    StatusDraft draft = new StatusDraft(from, now);
    draft.awaitingAws = wait;
    draft.message = "waiting for AWS to catch up: " + wait.operation() + " answered " + wait.errorCode()
        + " for a change made a moment ago; retrying";
    draft.condition(Reasons.PROGRESSING, true, Reasons.AWS_NOT_YET_CONSISTENT, draft.message);
    if (begins) {
      draft.normal(Reasons.AWS_NOT_YET_CONSISTENT, wait.operation() + " answered " + wait.errorCode() + ": "
          + wait.message() + "; AWS is eventually consistent, retrying");
    }
    return draft.build();
  }
}
