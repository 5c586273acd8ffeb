package dev.teal.reconcile;

import dev.teal.model.AwsWait;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import java.time.Instant;

/** Status changes made outside a planning pass, with the same rules for conditions and events. */
final class StatusEdits {

  private StatusEdits() {}

  /** Records which generation and spec a status was computed for. */
  static DeploymentStatus observed(DeploymentStatus from, long generation, String specHash) {
    return new DeploymentStatus(from.phase(), from.message(), generation, specHash, from.stable(), from.preview(),
        from.previous(), from.retired(), from.traffic(), from.promotion(), from.analysis(), from.progressStartedAt(),
        from.previewReadyAt(), from.promotedAt(), from.aborted(), from.scaleIn(), from.awaitingAws(), from.conditions(),
        from.events(), from.paused(), from.history(), from.gates());
  }

  /** Marks the deployment Failed; the event is recorded only when the reason is new, so a retry loop does not spam. */
  static DeploymentStatus failed(DeploymentStatus from, String reason, String message, Instant now) {
    StatusDraft draft = new StatusDraft(from, now);
    draft.phase = Phase.FAILED;
    draft.message = message;
    draft.condition(Reasons.READY, false, reason, message);
    draft.condition(Reasons.PROGRESSING, false, reason, message);
    var previous = from.condition(Reasons.READY);
    if (previous == null || !reason.equals(previous.reason())) {
      draft.warning(reason, message);
    }
    return draft.build();
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
