package dev.teal.reconcile;

import dev.teal.aws.EcsTaskSet;
import dev.teal.model.PromotionStatus;
import dev.teal.model.PromotionStep;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.reconcile.Target.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Promotion: production moves from stable to a ready green in the spec's steps, each held for its own
 * pause or stepInterval (a step paused with {@code pause: {}} until {@code teal resume}, see {@link
 * Pause}), with an analysis before each further step; then green is made the primary task set and
 * becomes stable, and stable becomes blue; with {@code spec.strategy.bake}, only after production has baked at
 * 100% green ({@link Bake}). A first deployment, a rollback and a full promotion ({@link
 * FullPromotion}) go in one step. Going back to {@code phase: preview} mid-way returns production to
 * stable.
 */
final class Promotion {

  private Promotion() {}

  /**
   * Moves production to green step by step, analysing before each further step, bakes at 100% green, then
   * makes green the primary task set and records the promotion.
   */
  static Action promote(PlanningPass p, EcsTaskSet green) {
    List<PromotionStep> steps = steps(p);
    PromotionStatus promotion = p.draft.promotion;
    if (promotion == null || !promotion.revision().equals(p.target.revision())) {
      Action hook = Hooks.beforeProductionStep(p, 1);
      if (hook != null || Hooks.holding(p)) {
        return hook;
      }
      if (FullPromotion.applies(p)) {
        return FullPromotion.shiftAll(p, new PromotionStatus(p.target.revision(), 0, 0, p.now));
      }
      return shiftTo(p, 0, steps);
    }
    if (FullPromotion.applies(p) && promotion.weight() < 100) {
      return FullPromotion.shiftAll(p, promotion);
    }
    int step = promotion.step();
    if (step < steps.size() - 1) {
      Duration hold = holdOf(p, steps, step);
      if (hold == null && !Pause.resumed(p, promotion.revision(), step + 1)) {
        Pause.holdAtStep(p, step, steps.size());
        return null;
      }
      Instant due = hold == null ? p.now : promotion.stepStartedAt().plus(hold);
      if (p.now.isBefore(due)) {
        p.waitAtMost(Duration.between(p.now, due));
        // Green serves production now: look at its health every poll, not only when the next step is due.
        p.waitAtMost(p.pollInterval);
        p.progress(Reasons.SHIFTING_TRAFFIC, "production at " + promotion.weight() + "% green (step " + (step + 1)
            + " of " + steps.size() + "); next step at " + due);
        return null;
      }
      Action analysis = Analysis.analyse(p, "step-" + (step + 1));
      if (analysis != null || p.target == null || p.analysisRunning) {
        return analysis;
      }
      Action hook = Hooks.beforeProductionStep(p, step + 2);
      if (hook != null || Hooks.holding(p)) {
        return hook;
      }
      return shiftTo(p, step + 1, steps);
    }
    if (!p.observed.route(p.production).orElseThrow().weights().equals(Map.of(p.draft.preview.targetGroup(), 100))) {
      return Routes.enforce(p);
    }
    Bake.begin(p, green); // the afterProductionTraffic hooks run inside the bake, which waits for them
    Action hook = Hooks.afterProductionTraffic(p);
    if (hook != null || Hooks.holding(p)) {
      return hook;
    }
    if (Bake.holds(p, green)) {
      return null;
    }
    if (!green.isPrimary()) {
      p.progress(Reasons.SHIFTING_TRAFFIC, "making green " + p.target.image() + " the primary task set");
      return new Action.MakePrimary(p.target.revision(), p.spec.cluster(), p.spec.service(), green.arn());
    }
    finish(p);
    return null;
  }

  /**
   * The steps production goes through: the spec's (a shorthand converted), or one step of 100 for a first
   * deployment, a rollback and a full promotion.
   */
  static List<PromotionStep> steps(PlanningPass p) {
    return p.draft.stable == null || p.target.mode() != Mode.NORMAL || FullPromotion.applies(p)
        ? List.of(PromotionStep.of(100)) : p.spec.strategy().promotion().effectiveSteps();
  }

  /** How long step {@code index} holds: its own pause, else stepInterval; null while it waits for resume. */
  private static Duration holdOf(PlanningPass p, List<PromotionStep> steps, int index) {
    if (index >= steps.size() || steps.get(index).pause() == null) {
      return p.spec.strategy().promotion().stepInterval();
    }
    return steps.get(index).pause().duration();
  }

  /** Production intent to step {@code step} of the promotion, and the promotion's clock restarted. */
  static Action shiftTo(PlanningPass p, int step, List<PromotionStep> steps) {
    int greenWeight = steps.get(step).weight();
    List<RouteWeight> intent = new ArrayList<>();
    if (p.draft.stable != null && greenWeight < 100) {
      intent.add(p.weight(p.draft.stable, 100 - greenWeight));
    }
    intent.add(p.weight(p.draft.preview, greenWeight));
    p.draft.productionIntent = List.copyOf(intent);
    p.draft.promotion = new PromotionStatus(p.target.revision(), step, greenWeight, p.now);
    p.draft.normal(Reasons.PRODUCTION_TRAFFIC_SHIFTED, "production: " + greenWeight + "% to green " + p.target.image()
        + " (step " + (step + 1) + " of " + steps.size() + ")");
    return Routes.enforce(p);
  }

  /** Green becomes stable, stable becomes blue (kept until scaleDownDelay has passed). */
  private static void finish(PlanningPass p) {
    RevisionStatus old = p.draft.stable;
    RevisionStatus promoted = p.draft.preview;
    // A blue kept from an earlier promotion is not needed any more; one already scaled down is only an image,
    // its resources cleaned up (and reported) when it was scaled down.
    if (p.draft.previous != null && (p.draft.previous.taskSet() != null || p.draft.previous.targetGroup() != null)) {
      p.draft.retire(p.draft.previous);
    }
    p.draft.stable = promoted;
    p.draft.previous = old;
    p.draft.clearPreviewProgress();
    p.draft.promotedAt = p.now;
    p.target = null;
    p.draft.productionIntent = List.of(p.weight(promoted, 100));
    // Blue stays attached to the test route at weight 0, so it keeps being health-checked for an instant rollback.
    p.draft.testIntent = Routes.withAttached(p, p.weight(promoted, 100), old);
    p.draft.normal(Reasons.PROMOTED, promoted.image() + " is promoted and serves production"
        + (old == null ? "" : "; " + old.image() + " is kept for "
        + PlanningPass.render(p.spec.strategy().scaleDownDelay()) + " for an instant rollback"));
  }

  /** The phase went back to preview while promoting: production returns to stable, test stays on green. */
  static Action backToPreview(PlanningPass p) {
    p.draft.promotion = null;
    Routes.bothToStable(p);
    p.draft.testIntent = List.of(p.weight(p.draft.preview, 100));
    p.draft.normal(Reasons.PROMOTION_PAUSED, "phase is preview again: production returns to stable "
        + (p.draft.stable == null ? "" : p.draft.stable.image()));
    return Routes.enforce(p);
  }
}
