package dev.teal.reconcile;

import dev.teal.aws.EcsTaskSet;
import dev.teal.model.PromotionStatus;
import dev.teal.reconcile.Target.Mode;
import java.time.Duration;
import java.time.Instant;

/**
 * The bake ({@code spec.strategy.bake}): once production is at 100% green, it stays there this long before
 * green is made the primary task set and the promotion finishes. Nothing else changes for the bake: green is
 * still {@code status.preview} with a target, so {@link Gates} (health, alarms) keep running on every pass and
 * a failure goes through {@link Abort}, which sends production straight back to stable; stable (blue) is
 * still the primary task set at full scale, registered in its own target group, because nothing scales it
 * down before the promotion finishes ({@link BlueScaleDown} only acts on {@code status.previous}).
 *
 * <p>The bake is a safety window, not a step, so {@code teal promote --full} still bakes. A first deployment
 * (no blue to flip back to) and a rollback (back to what served before) have none. A green that is already
 * primary is past its bake. {@code teal pause} holds the bake like any wait, and its clock moves on by the
 * time held ({@link Pause}).
 */
final class Bake {

  private Bake() {}

  /**
   * Whether the bake still holds the promotion at 100% green: records when it began (the first pass that
   * sees production at 100% green) and asks to look again every poll until it is over. False when there
   * is no bake or it is over.
   */
  static boolean holds(PlanningPass p, EcsTaskSet green) {
    Duration bake = p.spec.strategy().bakeOrZero();
    if (!applies(p) || green.isPrimary()) {
      return false;
    }
    begin(p, green);
    PromotionStatus promotion = p.draft.promotion;
    Instant until = promotion.bakeStartedAt().plus(bake);
    if (!p.now.isBefore(until)) {
      return false;
    }
    p.waitAtMost(Duration.between(p.now, until));
    p.waitAtMost(p.pollInterval); // the gates look at green every poll while it bakes
    p.progress(Reasons.BAKING, "production at 100% green " + p.target.image() + ", baking until " + until
        + "; a failed gate flips it back to " + p.draft.stable.image());
    return true;
  }

  /**
   * Starts the bake's clock on the first pass that sees production at 100% green (the {@code afterProductionTraffic}
   * hooks then run inside the bake, and it does not end before they pass); nothing when there is no bake or it
   * has begun.
   */
  static void begin(PlanningPass p, EcsTaskSet green) {
    if (!applies(p) || green.isPrimary() || p.draft.promotion.bakeStartedAt() != null) {
      return;
    }
    p.draft.promotion = p.draft.promotion.bakingSince(p.now);
    p.draft.normal(Reasons.BAKING, "production at 100% green " + p.target.image() + "; baking for "
        + PlanningPass.render(p.spec.strategy().bakeOrZero()) + " before it is made primary; "
        + p.draft.stable.image() + " stays primary at full scale until then");
  }

  /** Whether this promotion bakes: a bake is set, and there is a blue to flip back to. */
  static boolean applies(PlanningPass p) {
    return !p.spec.strategy().bakeOrZero().isZero() && p.draft.stable != null && p.target != null
        && p.target.mode() == Mode.NORMAL;
  }
}
