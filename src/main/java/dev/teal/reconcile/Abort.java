package dev.teal.reconcile;

import dev.teal.model.AbortStatus;
import dev.teal.model.ControlSpec.AbortRequest;
import dev.teal.model.RevisionStatus;
import dev.teal.reconcile.Target.Mode;

/**
 * Abort: green failed (a gate, an analysis, the progress deadline) or someone aborted it ({@code teal
 * abort}, {@code spec.control.abort}), so it is given up for this attempt. Production and test go back
 * to stable, green is retired for {@link CleanUp} (torn down), and the attempt is recorded in {@code
 * draft.aborted}, which blocks it until a new attempt ({@link TargetChoice}): a spec change or {@code
 * teal retry}.
 */
final class Abort {

  private Abort() {}

  /**
   * A pass step: aborts the target when {@code spec.control.abort} names it. Never acts itself: the routes
   * and clean-up that follow in the pass do. A request for another revision (one that finished, or was
   * superseded) does nothing.
   */
  static Action onRequest(PlanningPass p) {
    AbortRequest request = p.control.abort();
    if (request == null || p.target == null || p.target.mode() == Mode.ROLLBACK
        || !p.target.revision().equals(request.revision())) {
      return null;
    }
    String by = request.by() == null ? "someone" : request.by();
    abort(p, Reasons.ABORTED, "aborted by " + by + ": green " + p.target.image() + " (revision "
        + p.target.revision() + ") is removed; teal retry runs it again, teal set-image or teal undo moves on",
        request.by());
    return null;
  }

  /** Gives green up: records why, routes back to stable, retires green; the pass has no target after this. */
  static void abort(PlanningPass p, String reason, String message) {
    abort(p, reason, message, null);
  }

  private static void abort(PlanningPass p, String reason, String message, String by) {
    RevisionStatus green = p.draft.preview != null ? p.draft.preview
        : RevisionStatus.of(p.target.revision(), p.target.image());
    p.draft.aborted = new AbortStatus(green.revision(), green.image(), p.attemptHash, reason, message, p.now, by);
    if (p.draft.preview != null) {
      p.draft.retire(green);
    }
    p.draft.clearPreviewProgress();
    Routes.bothToStable(p);
    p.draft.warning(Reasons.ABORTED, message + "; production stays on "
        + (p.draft.stable == null ? "what it was" : p.draft.stable.image()));
    p.target = null;
    p.blockedByAbort = true;
  }

  /** After an abort: routes back to stable first, then green's resources go. */
  static Action afterAbort(PlanningPass p) {
    Action routes = Routes.enforce(p);
    return routes != null ? routes : CleanUp.next(p);
  }
}
