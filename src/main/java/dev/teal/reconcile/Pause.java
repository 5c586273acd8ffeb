package dev.teal.reconcile;

import dev.teal.model.ControlSpec;
import dev.teal.model.PauseStatus;
import dev.teal.model.PromotionStatus;
import dev.teal.reconcile.Target.Mode;
import java.time.Duration;
import java.time.Instant;

/**
 * Pause and resume. {@code spec.control.pause} ({@code teal pause}) holds production at its current
 * weight: no further step, no auto-promotion, no scale-down of blue. A step written with {@code pause:
 * {}} holds the same way until {@code spec.control.resume} names it ({@code teal resume}). Green's
 * bring-up, its health, the gates and their aborts keep running, and a rollback or abort is never held.
 *
 * <p>While something is held, {@code status.paused} says since when and by whom, and the phase is
 * Paused. When the pause is lifted, the timers that stopped (the step's hold, the bake, autoPromoteAfter,
 * scaleDownDelay) move on by the time they were held, so a pause neither shortens nor skips a wait.
 */
final class Pause {

  private Pause() {}

  /** A pass step: a recorded pause that no longer holds is lifted (and the stopped timers move on). Never acts. */
  static Action liftIfResumed(PlanningPass p) {
    PauseStatus paused = p.draft.paused;
    if (paused == null || stillHolds(p, paused)) {
      return null;
    }
    Duration held = Duration.between(paused.since(), p.now);
    if (held.isNegative()) {
      held = Duration.ZERO;
    }
    PromotionStatus promotion = p.draft.promotion;
    if (promotion != null) {
      p.draft.promotion = promotion.later(held); // the step's hold and the bake
    }
    p.draft.previewReadyAt = later(p.draft.previewReadyAt, held);
    p.draft.promotedAt = later(p.draft.promotedAt, held);
    p.draft.paused = null;
    p.draft.normal(Reasons.RESUMED, "resumed after " + PlanningPass.render(held.withNanos(0))
        + (PauseStatus.STEP_PAUSE.equals(paused.reason()) ? " at step " + paused.step() : ""));
    return null;
  }

  private static boolean stillHolds(PlanningPass p, PauseStatus paused) {
    if (PauseStatus.STEP_PAUSE.equals(paused.reason())) {
      PromotionStatus promotion = p.draft.promotion;
      return promotion != null && paused.step() != null && promotion.step() + 1 == paused.step()
          && !resumed(p, promotion.revision(), paused.step());
    }
    return p.control.pause() != null;
  }

  private static Instant later(Instant at, Duration by) {
    return at == null ? null : at.plus(by);
  }

  /** Whether {@code teal pause} holds what would move production now (never a rollback). */
  static boolean holdsProduction(PlanningPass p) {
    return p.control.pause() != null && (p.target == null || p.target.mode() != Mode.ROLLBACK);
  }

  /** Whether {@code spec.control.resume} passes the indefinite pause of step {@code step} (1-based) of a revision. */
  static boolean resumed(PlanningPass p, String revision, int step) {
    ControlSpec.ResumeRequest resume = p.control.resume();
    return resume != null && revision.equals(resume.revision()) && resume.step() != null && resume.step() == step;
  }

  /** Holds green where it is: production stays at its current weight. */
  static void holdProduction(PlanningPass p) {
    PromotionStatus promotion = p.draft.promotion;
    hold(p, promotion != null && promotion.revision().equals(p.target.revision())
        ? "production held at " + promotion.weight() + "% green " + p.target.image()
        : "green " + p.target.image() + " is ready; production stays on "
            + (p.draft.stable == null ? "what it is" : p.draft.stable.image()));
  }

  /** Holds on {@code teal pause}: records it the first time, and says what is held. */
  static void hold(PlanningPass p, String what) {
    ControlSpec.PauseRequest request = p.control.pause();
    if (p.draft.paused == null || !PauseStatus.PAUSED.equals(p.draft.paused.reason())) {
      PromotionStatus promotion = p.draft.promotion;
      p.draft.paused = new PauseStatus(PauseStatus.PAUSED, request.by(), request.at(), p.now,
          promotion == null ? null : promotion.step() + 1, promotion == null ? null : promotion.weight());
      p.draft.normal(Reasons.PAUSED, "paused" + by(request.by()) + ": " + what);
    }
    held(p, "paused" + by(p.draft.paused.by()) + " since " + p.draft.paused.since() + ": " + what
        + "; teal resume continues");
  }

  /** Holds at step {@code index} (0-based), written with an indefinite pause, until it is resumed. */
  static void holdAtStep(PlanningPass p, int index, int steps) {
    PromotionStatus promotion = p.draft.promotion;
    if (p.draft.paused == null) {
      p.draft.paused = new PauseStatus(PauseStatus.STEP_PAUSE, null, null, p.now, index + 1, promotion.weight());
      p.draft.normal(Reasons.PAUSED, "step " + (index + 1) + " of " + steps + " pauses until teal resume");
    }
    held(p, "step " + (index + 1) + " of " + steps + " holds production at " + promotion.weight()
        + "% green since " + p.draft.paused.since() + " until teal resume");
  }

  private static void held(PlanningPass p, String message) {
    p.held = true;
    p.waitingForPeople = true;
    p.progress(Reasons.PAUSED, message);
    if (p.draft.promotion != null) {
      p.waitAtMost(p.pollInterval); // green serves production: its health is looked at every poll
    }
  }

  private static String by(String caller) {
    return caller == null ? "" : " by " + caller;
  }
}
