package dev.teal.reconcile;

import dev.teal.model.DesiredPhase;
import dev.teal.model.RevisionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Blue scale-down: after a promotion the previous revision (blue) stays up, attached to the test
 * route at weight 0, for an instant rollback; once scaleDownDelay has passed it is retired. Its name
 * and image stay in {@code draft.previous}, so a later rollback can bring it up again.
 */
final class BlueScaleDown {

  private BlueScaleDown() {}

  /** Waits out scaleDownDelay after a promotion, then retires blue; acts to move the test route and delete it. */
  static Action next(PlanningPass p) {
    RevisionStatus blue = p.draft.previous;
    if (blue == null || (blue.taskSet() == null && blue.targetGroup() == null)
        || p.spec.phase() == DesiredPhase.ROLLBACK || p.draft.promotedAt == null) {
      return null;
    }
    if (Pause.holdsProduction(p)) {
      if (!p.held) {
        Pause.hold(p, "blue " + blue.image() + " is kept; its scale-down waits");
      }
      return null;
    }
    Instant due = p.draft.promotedAt.plus(p.spec.strategy().scaleDownDelay());
    if (p.now.isBefore(due)) {
      p.waitAtMost(Duration.between(p.now, due));
      if (Reasons.COMPLETE.equals(p.progressReason)) {
        p.progress(Reasons.SCALE_DOWN_PENDING,
            "blue " + blue.image() + " is kept for an instant rollback until " + due);
      }
      return null;
    }
    p.draft.retire(blue);
    p.draft.previous = new RevisionStatus(blue.revision(), blue.image(), blue.taskDefinition(), null, null,
        blue.adopted());
    p.draft.testIntent = List.of(p.weight(p.draft.stable, 100));
    p.draft.normal(Reasons.SCALED_DOWN, "scaleDownDelay has passed: removing blue " + blue.image());
    Action routes = Routes.enforce(p);
    return routes != null ? routes : CleanUp.next(p);
  }
}
