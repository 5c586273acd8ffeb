package dev.teal.cli;

import dev.teal.model.Condition;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.store.StoredDeployment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether a deployment has reached what its current spec asks for: the pure part of {@code teal status
 * --watch}, so every case is testable without waiting.
 *
 * <p>Only a status computed for the current spec counts ({@code status.observedSpecHash} equals the
 * hash of the spec now stored), so a status left over from the previous image never ends a watch.
 * Then: phase preview is reached at Previewing (or Promoted when the image already serves production),
 * promote at Promoted, rollback at RolledBack; Degraded or Failed ends the watch as a failure.
 */
final class StatusWatch {

  enum Outcome { WAITING, REACHED, FAILED }

  /** @param reason why the watch ended (or what it waits for) */
  record Verdict(Outcome outcome, String reason) {}

  private StatusWatch() {}

  static Verdict evaluate(StoredDeployment d) {
    if (!d.specValid()) {
      return new Verdict(Outcome.FAILED, "the stored spec is invalid, so the operator will not act on it: "
          + String.join("; ", d.specProblems().stream().map(Object::toString).toList()));
    }
    DeploymentSpec spec = d.effectiveSpec();
    Phase target = target(spec.phase());
    DeploymentStatus status = d.status();
    if (status == null || !d.specHash().equals(status.observedSpecHash())) {
      return new Verdict(Outcome.WAITING, "waiting for the operator to act on the current spec (hash "
          + d.specHash() + ")");
    }
    Phase phase = status.phase();
    if (phase != null && phase.isFailure()) {
      return new Verdict(Outcome.FAILED, failureReason(status));
    }
    boolean reached = phase == target
        || (spec.phase() == DesiredPhase.PREVIEW && phase == Phase.PROMOTED && status.stable() != null
            && Objects.equals(status.stable().image(), spec.image()));
    if (reached && phase == Phase.ROLLED_BACK) {
      // The spec's image is the one rolled back; say what serves production instead.
      String serving = status.stable() == null ? "nothing teal knows" : status.stable().image();
      return new Verdict(Outcome.REACHED, d.name() + " is RolledBack: production serves " + serving + " ("
          + spec.image() + " was rolled back; generation " + d.generation() + ")");
    }
    if (reached) {
      return new Verdict(Outcome.REACHED, d.name() + " is " + phase.wireName() + " with " + spec.image()
          + " (generation " + d.generation() + ")");
    }
    return new Verdict(Outcome.WAITING, "waiting for " + target.wireName() + " (now "
        + (phase == null ? "-" : phase.wireName()) + ")");
  }

  /** The phase that means "done" for a desired phase. */
  static Phase target(DesiredPhase desired) {
    return switch (desired) {
      case PREVIEW -> Phase.PREVIEWING;
      case PROMOTE -> Phase.PROMOTED;
      case ROLLBACK -> Phase.ROLLED_BACK;
    };
  }

  /** One progress line: time, status phase, message, production weights. */
  static String progressLine(StoredDeployment d, Instant now) {
    return now.truncatedTo(ChronoUnit.SECONDS) + "  " + progressKey(d);
  }

  /** The part of the progress line that, when it changes, is worth a new line. */
  static String progressKey(StoredDeployment d) {
    DeploymentStatus status = d.status();
    if (!d.specValid()) {
      return "InvalidSpec  " + d.specProblems().get(0);
    }
    if (status == null) {
      return "-  waiting for the operator  production -";
    }
    boolean current = d.specHash().equals(status.observedSpecHash());
    return (status.phase() == null ? "-" : status.phase().wireName()) + "  "
        + Summaries.orNone(status.message()) + (current ? "" : " (for an earlier spec)")
        + "  production " + Summaries.productionTraffic(status);
  }

  private static String failureReason(DeploymentStatus status) {
    List<String> parts = new ArrayList<>();
    parts.add(status.phase().wireName());
    if (status.message() != null) {
      parts.add(status.message());
    }
    Condition condition = status.condition(status.phase().wireName());
    if (condition != null) {
      parts.add("condition " + condition.type() + "=" + condition.status() + " reason " + condition.reason()
          + (condition.message() == null ? "" : ": " + condition.message()));
    } else if (status.aborted() != null && status.aborted().reason() != null) {
      parts.add("reason " + status.aborted().reason() + (status.aborted().message() == null ? ""
          : ": " + status.aborted().message()));
    }
    return String.join(": ", parts);
  }
}
