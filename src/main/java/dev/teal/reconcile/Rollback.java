package dev.teal.reconcile;

import dev.teal.aws.EcsTaskSet;
import dev.teal.model.PromotionStatus;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import java.util.List;

/**
 * Rollback: once the revision rolled back to is ready (blue still running, or brought up again),
 * production and test move to it in one step, it is made primary, and the demoted revision is
 * retired. Which revision that is, is {@link TargetChoice}'s decision; a green that was only
 * previewed is torn down by {@link UnwantedRevisions}. An undo would reuse this flip.
 */
final class Rollback {

  private Rollback() {}

  /** Rollback onto a ready revision: production and test at once, then primary, then the demoted one goes. */
  static Action rollBackTo(PlanningPass p, EcsTaskSet revisionTaskSet) {
    List<RouteWeight> only = List.of(p.weight(p.draft.preview, 100));
    if (!p.draft.productionIntent.equals(only) || !p.draft.testIntent.equals(only)) {
      p.draft.productionIntent = only;
      p.draft.testIntent = only;
      p.draft.promotion = new PromotionStatus(p.target.revision(), 0, 100, p.now);
      p.draft.normal(Reasons.ROLLING_BACK, "production and test back to " + p.target.image());
      return Routes.enforce(p);
    }
    Action routes = Routes.enforce(p);
    if (routes != null) {
      return routes;
    }
    if (!revisionTaskSet.isPrimary()) {
      return new Action.MakePrimary(p.target.revision(), p.spec.cluster(), p.spec.service(), revisionTaskSet.arn());
    }
    RevisionStatus demoted = p.draft.stable;
    p.draft.stable = p.draft.preview;
    p.draft.previous = null;
    p.draft.clearPreviewProgress();
    p.draft.promotedAt = p.now;
    p.target = null;
    p.draft.retire(demoted);
    p.draft.normal(Reasons.ROLLED_BACK, "rolled back to " + p.draft.stable.image() + "; removing " + demoted.image());
    return CleanUp.next(p);
  }
}
