package dev.teal.reconcile;

import dev.teal.model.DesiredPhase;
import dev.teal.reconcile.Target.Mode;

/**
 * Target choice: what the spec asks to run, when stable is not already that. A new image (or a first
 * deployment); under {@code phase: rollback} the last stable image, on blue while it still runs.
 * Nothing when the same spec already failed ({@code draft.aborted}); a changed spec clears that and
 * tries again. Retrying or undoing on request would be decided here.
 */
final class TargetChoice {

  private TargetChoice() {}

  /** Sets {@link PlanningPass#target}; never acts. */
  static Action choose(PlanningPass p) {
    p.target = wanted(p);
    return null;
  }

  private static Target wanted(PlanningPass p) {
    if (p.spec.phase() == DesiredPhase.ROLLBACK) {
      return rollbackTarget(p);
    }
    String revision = Revisions.idFor(p.ctx.name(), p.spec);
    if (p.draft.stable != null && (revision.equals(p.draft.stable.revision())
        || p.draft.stable.isAdopted() && p.draft.stable.image().equals(p.spec.image()))) {
      return null; // already serving (an adopted revision has no teal hash, so its image decides)
    }
    if (p.draft.aborted != null) {
      if (revision.equals(p.draft.aborted.revision()) && p.ctx.specHash().equals(p.draft.aborted.specHash())) {
        p.blockedByAbort = true;
        return null;
      }
      p.draft.aborted = null; // the spec changed: try again
    }
    return new Target(revision, p.spec.image(), p.draft.stable == null ? Mode.FIRST : Mode.NORMAL);
  }

  private static Target rollbackTarget(PlanningPass p) {
    if (p.draft.stable == null || !p.draft.stable.image().equals(p.spec.image())) {
      return null; // production is not on the image being rolled back; only green has to go
    }
    if (p.draft.previous == null && p.draft.preview != null && !p.draft.preview.image().equals(p.spec.image())) {
      return new Target(p.draft.preview.revision(), p.draft.preview.image(), Mode.ROLLBACK); // flip under way
    }
    if (p.draft.previous == null) {
      if (p.draft.preview == null) {
        throw new CannotAct(Reasons.NO_ROLLBACK_TARGET, p.spec.image()
            + " is the only image teal has run in production for this deployment; there is nothing to roll back to");
      }
      return null;
    }
    if (p.liveTaskSet(p.draft.previous.taskSet()).isPresent()) {
      return new Target(p.draft.previous.revision(), p.draft.previous.image(), Mode.ROLLBACK); // blue still runs
    }
    String image = p.draft.previous.image();
    return new Target(Revisions.idFor(p.ctx.name(), p.spec.withImage(image)), image, Mode.ROLLBACK);
  }
}
