package dev.teal.reconcile;

import dev.teal.model.DesiredPhase;
import dev.teal.model.RouteWeight;
import dev.teal.reconcile.Target.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Preview: a ready green is shown on the test route (stable stays attached at weight 0, so it keeps
 * being health-checked) and waits there until promotion is wanted: {@code phase: promote}, or
 * autoPromoteAfter. A resume or a manual promote is decided here.
 */
final class Preview {

  private Preview() {}

  /** Whether the test route's intent already is green (with stable attached at weight 0). */
  static boolean greenOnTestRoute(PlanningPass p) {
    return p.draft.testIntent.equals(greenOnTest(p));
  }

  /** Moves the test route to green. */
  static Action moveTestRouteToGreen(PlanningPass p) {
    p.draft.testIntent = greenOnTest(p);
    p.draft.normal(Reasons.TEST_TRAFFIC_SHIFTED,
        "test " + p.describe(p.test) + " now forwards to green " + p.target.image());
    return Routes.enforce(p);
  }

  private static List<RouteWeight> greenOnTest(PlanningPass p) {
    return Routes.withAttached(p, p.weight(p.draft.preview, 100), p.draft.stable);
  }

  /**
   * Whether green should go on to production: {@code phase: promote}, a first deployment or a rollback,
   * or autoPromoteAfter has passed since green was ready and the preview analysis passed.
   */
  static boolean promotionWanted(PlanningPass p) {
    if (p.target.mode() != Mode.NORMAL || p.spec.phase() == DesiredPhase.PROMOTE) {
      return true;
    }
    Duration auto = p.spec.strategy().autoPromoteAfter();
    return auto != null && p.draft.previewReadyAt != null && !p.now.isBefore(p.draft.previewReadyAt.plus(auto))
        && Analysis.passed(p, Planner.PREVIEW_STAGE);
  }

  /** Green is ready and previewed: wait for autoPromoteAfter, or for someone to set {@code phase: promote}. */
  static void awaitPromotion(PlanningPass p) {
    Duration auto = p.spec.strategy().autoPromoteAfter();
    if (auto != null) {
      Instant due = p.draft.previewReadyAt.plus(auto);
      p.waitAtMost(Duration.between(p.now, due));
      p.progress(Reasons.AWAITING_PROMOTION,
          "green " + p.target.image() + " is ready; promoting automatically at " + due);
    } else {
      p.progress(Reasons.AWAITING_PROMOTION, "green " + p.target.image() + " is ready; waiting for phase: promote");
      p.waitingForPeople = true;
    }
  }
}
