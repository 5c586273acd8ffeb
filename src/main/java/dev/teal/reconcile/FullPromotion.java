package dev.teal.reconcile;

import dev.teal.model.ControlSpec.FullPromotionRequest;
import dev.teal.model.PromotionStatus;
import dev.teal.model.PromotionStep;
import dev.teal.reconcile.Target.Mode;
import java.util.List;

/**
 * {@code teal promote --full}, the break-glass: the revision {@code spec.control.fullPromotion} names
 * skips its remaining steps and every analysis still to come, and goes to 100% of production at once.
 * Green's health still gates it (it is scaled up and must be ready first, and the promotion gate keeps
 * watching it), and a pause still holds it. The request is for one revision, so it never applies to a
 * later one.
 */
final class FullPromotion {

  private FullPromotion() {}

  /** Whether the target is the revision a full promotion was asked for. */
  static boolean applies(PlanningPass p) {
    FullPromotionRequest request = p.control.fullPromotion();
    return request != null && p.target != null && p.target.mode() == Mode.NORMAL
        && p.target.revision().equals(request.revision());
  }

  /** Production from the current step straight to 100% green. */
  static Action shiftAll(PlanningPass p, PromotionStatus from) {
    FullPromotionRequest request = p.control.fullPromotion();
    p.draft.normal(Reasons.FULL_PROMOTION, "promoted in full" + (request.by() == null ? "" : " by " + request.by())
        + " from " + from.weight() + "%, skipping the remaining steps and analysis: " + request.reason());
    return Promotion.shiftTo(p, 0, List.of(PromotionStep.of(100)));
  }
}
