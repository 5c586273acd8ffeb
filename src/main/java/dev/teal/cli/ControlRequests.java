package dev.teal.cli;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import dev.teal.store.StoredDeployment;
import java.time.Instant;

/**
 * What the control commands (pause, resume, abort, retry, undo, promote --full) share: who is asking
 * and when, and what the operator last reported to be in flight. A request that makes no sense for what
 * is in flight is refused with the reason, and nothing is written.
 */
final class ControlRequests {

  private ControlRequests() {}

  /** The caller's ARN (from STS), recorded in the request and in the audit record. */
  static String caller(TealCli root) {
    return root.changeContext().actor();
  }

  static Instant now(TealCli root) {
    return root.environment().clock().instant();
  }

  static DeploymentStatus status(StoredDeployment d) {
    return d.status() == null ? DeploymentStatus.empty() : d.status();
  }

  /** The green the operator reports in flight (being brought up, previewed or promoted), or null. */
  static String greenInFlight(StoredDeployment d) {
    DeploymentStatus status = status(d);
    return status.preview() == null ? null : status.preview().revision();
  }

  /** Whether blue is still kept after a promotion, waiting for scaleDownDelay. */
  static boolean blueKept(StoredDeployment d) {
    DeploymentStatus status = status(d);
    return status.previous() != null && status.previous().taskSet() != null;
  }

  static String describeState(StoredDeployment d) {
    DeploymentStatus status = status(d);
    return status.phase() == null ? "not reconciled yet" : status.phase().wireName()
        + (status.message() == null ? "" : ": " + status.message());
  }

  static boolean degraded(StoredDeployment d) {
    return status(d).phase() == Phase.DEGRADED && status(d).aborted() != null;
  }

  static TealCli.RefusedException refused(String message) {
    return new TealCli.RefusedException(message + "; nothing was written");
  }
}
