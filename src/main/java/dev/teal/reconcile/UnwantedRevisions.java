package dev.teal.reconcile;

import dev.teal.aws.EcsTaskSet;
import dev.teal.model.DesiredPhase;
import dev.teal.model.OwnershipTags;
import dev.teal.model.RevisionStatus;

/**
 * Revisions that are no longer wanted: teal-tagged task sets the status does not know of (orphans),
 * and a green the current spec does not ask for (superseded). Both are only moved to
 * {@code draft.retired} here; {@link CleanUp} deletes them once no route forwards to them.
 */
final class UnwantedRevisions {

  private UnwantedRevisions() {}

  /** Teal-tagged task sets the status does not know of (an interrupted create, a lost status) are retired. */
  static Action retireOrphans(PlanningPass p) {
    for (EcsTaskSet ts : p.observed.taskSets()) {
      if (EcsTaskSet.DRAINING.equals(ts.status()) || !Revisions.ownedBy(ts.tags(), p.ctx.name())
          || knownTaskSet(p, ts.arn())) {
        continue;
      }
      String revision = ts.tags().get(OwnershipTags.REVISION);
      boolean wanted = (p.target != null && p.target.revision().equals(revision))
          || (p.draft.preview != null && p.draft.preview.revision().equals(revision))
          || (p.draft.previous != null && p.draft.previous.revision().equals(revision))
          || (p.draft.stable != null && p.draft.stable.revision().equals(revision));
      if (wanted || ts.isPrimary()) {
        continue;
      }
      p.draft.warning(Reasons.ORPHAN_FOUND, "task set " + ts.id() + " of revision " + revision
          + " is not part of this deployment any more; deleting it");
      // Only a group named for this revision is the orphan's own; any other is shared and never deleted.
      String group = ts.targetGroupArn() != null
          && Observed.nameOf(ts.targetGroupArn()).equals(Revisions.targetGroupName(p.ctx.name(), revision))
          ? ts.targetGroupArn() : null;
      p.draft.retire(new RevisionStatus(revision, null, ts.taskDefinition(), ts.arn(), group,
          ts.tags().containsKey(OwnershipTags.ADOPTED) ? Boolean.TRUE : null));
    }
    return null;
  }

  private static boolean knownTaskSet(PlanningPass p, String arn) {
    return arn.equals(p.arnOf(p.draft.stable)) || arn.equals(p.arnOf(p.draft.preview))
        || arn.equals(p.arnOf(p.draft.previous))
        || p.draft.retired.stream().anyMatch(r -> arn.equals(r.taskSet()));
  }

  /** A green the spec no longer wants (a newer image, a rollback) is retired and the routes go back to stable. */
  static Action retireSupersededPreview(PlanningPass p) {
    if (p.draft.preview == null) {
      return null;
    }
    if (p.target != null && p.target.revision().equals(p.draft.preview.revision())) {
      return null;
    }
    RevisionStatus old = p.draft.preview;
    p.draft.retire(old);
    p.draft.clearPreviewProgress();
    Routes.bothToStable(p);
    if (p.spec.phase() == DesiredPhase.ROLLBACK) {
      p.draft.normal(Reasons.ROLLED_BACK, "rolled back: tearing down green " + old.image());
    } else {
      p.draft.normal(Reasons.SUPERSEDED, "green " + old.image() + " (revision " + old.revision()
          + ") is superseded" + (p.target == null ? "" : " by " + p.target.image()));
    }
    return null;
  }
}
