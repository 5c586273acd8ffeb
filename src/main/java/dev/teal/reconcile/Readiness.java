package dev.teal.reconcile;

import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.TargetHealthCounts;
import java.time.Duration;
import java.time.Instant;

/**
 * Readiness of green: its tasks run and its targets are healthy, within the progress deadline, or
 * green is aborted. Also the health figure the promotion gate ({@link Gates}) holds green to.
 */
final class Readiness {

  /**
   * The documented minimum healthy share: the part of green's computed desired count (rounded up, at least
   * one) that must be healthy for green to be ready, and to stay healthy while it serves production.
   */
  static final int MIN_HEALTHY_PERCENT = 90;
  /**
   * How long a new or replacement task may take to be placed and start before its health checks begin; with
   * the time ALB needs to pass a target, the grace a shortfall gets during a promotion.
   */
  static final Duration TASK_START_ALLOWANCE = Duration.ofSeconds(60);

  private Readiness() {}

  /** Green's tasks all run, ECS calls the task set steady and enough of its targets are healthy. */
  static boolean isReady(PlanningPass p, EcsTaskSet ts) {
    TargetHealthCounts health = p.observed.healthOf(p.draft.preview.targetGroup());
    return ts.isSteady() && ts.runningCount() >= ts.computedDesiredCount()
        && health.healthy() >= requiredHealthy(ts);
  }

  /** How many healthy targets make green ready: the minimum healthy share of its desired tasks, at least one. */
  static int requiredHealthy(EcsTaskSet ts) {
    return Math.max(1, (int) Math.ceil(ts.computedDesiredCount() * MIN_HEALTHY_PERCENT / 100.0));
  }

  /** A task's start plus ALB's healthy threshold and one more interval: interval x (threshold + 1) + 60 s. */
  static Duration healthGrace(PlanningPass p) {
    var hc = p.spec.traffic().targetGroup().healthCheck();
    return Duration.ofSeconds((long) hc.intervalSeconds() * (hc.healthyThreshold() + 1)).plus(TASK_START_ALLOWANCE);
  }

  /**
   * Waits for green to be ready, within progressDeadline counted from when this wait began (the
   * start of the revision, a scale-up, or green falling out of readiness while previewing).
   */
  static Action awaitReady(PlanningPass p, EcsTaskSet green) {
    if (p.draft.progressStartedAt == null) {
      p.draft.progressStartedAt = p.now;
    }
    Instant deadline = p.draft.progressStartedAt.plus(p.spec.strategy().progressDeadline());
    TargetHealthCounts health = p.observed.healthOf(p.draft.preview.targetGroup());
    String state = green.runningCount() + "/" + green.computedDesiredCount() + " tasks running, "
        + health.healthy() + "/" + requiredHealthy(green) + " targets healthy";
    if (FailFast.check(p, green)) {
      return Abort.afterAbort(p);
    }
    if (p.now.isAfter(deadline)) {
      Abort.abort(p, Reasons.PROGRESS_DEADLINE_EXCEEDED, "green " + p.draft.preview.image() + " was not ready within "
          + PlanningPass.render(p.spec.strategy().progressDeadline()) + " (" + state + ")");
      return Abort.afterAbort(p);
    }
    p.progress(Reasons.WAITING_FOR_HEALTHY, "green " + p.target.image() + ": " + state);
    if (green.runningCount() >= green.computedDesiredCount() && green.computedDesiredCount() > 0) {
      p.healthWait = new HealthWait(p.draft.preview.targetGroup(), requiredHealthy(green));
    }
    p.waitAtMost(p.pollInterval);
    p.waitAtMost(Duration.between(p.now, deadline).plusMillis(1));
    return null;
  }

  /** Green is ready: the progress deadline stops counting, and the first time it is ready is recorded. */
  static void markReady(PlanningPass p) {
    p.draft.progressStartedAt = null;
    if (p.draft.gates != null && p.draft.gates.unhealthySince() != null) {
      p.draft.gates = p.draft.gates.withUnhealthySince(null).orNull();
    }
    if (p.draft.previewReadyAt == null) {
      p.draft.previewReadyAt = p.now;
      p.draft.normal(Reasons.GREEN_READY, "green " + p.target.image() + " is healthy ("
          + p.observed.healthOf(p.draft.preview.targetGroup()).healthy() + " targets)");
    }
  }
}
