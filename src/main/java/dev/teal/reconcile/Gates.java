package dev.teal.reconcile;

import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.TargetHealthCounts;
import java.time.Instant;
import java.util.Optional;

/**
 * Gates: conditions green must keep meeting while it is brought in, checked on every pass before
 * anything moves, and which {@link Abort abort} it when they fail. Today: green stays healthy while
 * production shifts to it. Gates that watch green continuously (alarms, metrics) belong here; checks
 * run at a stage boundary are in {@link Analysis}.
 */
final class Gates {

  private Gates() {}

  /** Aborts green when a gate fails. Never acts itself: the routes and clean-up that follow do. */
  static Action check(PlanningPass p) {
    abortIfUnhealthy(p);
    return null;
  }

  /**
   * While production shifts to green, green must keep the minimum healthy share that made it ready
   * ({@link Readiness#requiredHealthy}). New tasks (a scale-out) and replacements (Fargate retires tasks) are
   * briefly not healthy, so a shortfall gets a grace ({@link Readiness#healthGrace}) from when green fell out
   * of readiness ({@code progressStartedAt}, set by {@link Readiness#awaitReady}); green with no healthy target
   * at all gets none, because ALB would fail open to every target of the group.
   */
  private static void abortIfUnhealthy(PlanningPass p) {
    if (p.draft.preview == null || p.target == null) {
      return;
    }
    if (p.draft.promotion != null && p.draft.promotion.revision().equals(p.draft.preview.revision())) {
      Optional<EcsTaskSet> ts = p.liveTaskSet(p.draft.preview.taskSet());
      TargetHealthCounts health = p.observed.healthOf(p.draft.preview.targetGroup());
      int required = ts.map(Readiness::requiredHealthy).orElse(1);
      if (ts.isEmpty() || health.healthy() == 0) {
        Abort.abort(p, Reasons.UNHEALTHY_DURING_PROMOTION, "green " + p.draft.preview.image() + " has "
            + health.healthy() + " of " + required + " targets healthy while production is shifting to it");
      } else if (health.healthy() < required) {
        Instant since = p.draft.progressStartedAt;
        if (since != null && !p.now.isBefore(since.plus(Readiness.healthGrace(p)))) {
          Abort.abort(p, Reasons.UNHEALTHY_DURING_PROMOTION, "green " + p.draft.preview.image() + " has "
              + health.healthy() + " of " + required + " targets healthy, for longer than "
              + PlanningPass.render(Readiness.healthGrace(p)) + ", while production is shifting to it");
        }
      }
    }
  }
}
