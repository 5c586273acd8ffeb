package dev.teal.reconcile;

import dev.teal.aws.EcsTaskSet;
import dev.teal.reconcile.Target.Mode;

/**
 * The blue/green line a target goes along, one step per pass: green's resources, its scale, its
 * readiness, then either the rollback flip, or the preview on the test route, its analysis, the wait
 * for promotion (or a pause) and the promotion itself. Each step is decided by its own unit; this one only keeps
 * their order (after Argo Rollouts' {@code rollout/bluegreen.go}).
 */
final class BlueGreen {

  private BlueGreen() {}

  /** The next action for the target, or null when there is none or it has to wait. */
  static Action advance(PlanningPass p) {
    if (p.target == null || TargetChoice.previousAttemptStillBeingRemoved(p)) {
      return null;
    }
    Action action = GreenBringUp.createResources(p);
    if (action != null) {
      return action;
    }
    if (p.draft.preview.taskSet() == null) {
      return null; // waiting for a task set slot
    }
    EcsTaskSet green = p.liveTaskSet(p.draft.preview.taskSet()).orElseThrow();
    boolean promoting = Preview.promotionWanted(p);
    action = GreenBringUp.scale(p, green, promoting);
    if (action != null) {
      return action;
    }
    if (!promoting && p.draft.promotion != null) {
      return Promotion.backToPreview(p);
    }
    if (!Readiness.isReady(p, green)) {
      return Readiness.awaitReady(p, green);
    }
    Readiness.markReady(p);
    if (p.target.mode() == Mode.ROLLBACK) {
      return Rollback.rollBackTo(p, green);
    }
    if (!Preview.greenOnTestRoute(p)) {
      action = Hooks.beforeTestTraffic(p);
      return action != null || Hooks.holding(p) ? action : Preview.moveTestRouteToGreen(p);
    }
    // The preview stage is analysed once, before production moves; not again after every step.
    boolean shifting = p.draft.promotion != null && p.draft.promotion.revision().equals(p.target.revision());
    action = FullPromotion.applies(p) || shifting ? null : Analysis.analyse(p, Planner.PREVIEW_STAGE);
    if (action != null || p.target == null || p.analysisRunning) {
      return action; // analysing, or aborted by it
    }
    action = FullPromotion.applies(p) || shifting ? null : Hooks.afterTestTraffic(p);
    if (action != null || Hooks.holding(p)) {
      return action; // a hook runs, or failed
    }
    if (Pause.holdsProduction(p)) {
      Pause.holdProduction(p);
      return null;
    }
    if (!promoting) {
      Preview.awaitPromotion(p);
      return null;
    }
    return Promotion.promote(p, green);
  }
}
