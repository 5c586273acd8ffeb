package dev.teal.reconcile;

import dev.teal.model.AbortStatus;
import dev.teal.model.RevisionStatus;

/**
 * Abort: green failed (a gate, an analysis, the progress deadline), so it is given up for this spec.
 * Production and test go back to stable, green is retired for {@link CleanUp}, and the attempt is
 * recorded in {@code draft.aborted}, which blocks the same spec until it changes (see
 * {@link TargetChoice}). A manual abort would start here too.
 */
final class Abort {

  private Abort() {}

  /** Gives green up: records why, routes back to stable, retires green; the pass has no target after this. */
  static void abort(PlanningPass p, String reason, String message) {
    RevisionStatus green = p.draft.preview;
    p.draft.aborted = new AbortStatus(green.revision(), green.image(), p.ctx.specHash(), reason, message, p.now);
    p.draft.retire(green);
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
