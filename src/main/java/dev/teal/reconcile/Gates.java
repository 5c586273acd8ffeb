package dev.teal.reconcile;

import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.TargetHealthCounts;
import dev.teal.aws.MetricsGateway.AlarmInfo;
import dev.teal.model.GatesStatus;
import dev.teal.reconcile.Target.Mode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gates: conditions green must keep meeting while it is brought in, checked on every pass before
 * anything moves, and which {@link Abort abort} it when they fail: green stays healthy while production
 * shifts to it, and no alarm of {@code spec.strategy.gates.alarms} is in ALARM while green is in flight
 * (preview and promotion). Checks run at a stage boundary are in {@link Analysis}.
 */
final class Gates {

  private Gates() {}

  /** Aborts green when a gate fails. Never acts itself: the routes and clean-up that follow do. */
  static Action check(PlanningPass p) {
    abortOnAlarm(p);
    abortIfUnhealthy(p);
    return null;
  }

  /**
   * The alarm gate: while a green is in flight (from its creation through every promotion step), any alarm of
   * {@code spec.strategy.gates.alarms} in ALARM aborts it, naming the alarm and CloudWatch's reason. The states
   * seen are recorded in the status (a change of state is a status change; the same state again is not). An alarm
   * CloudWatch does not know is Failed: a gate that cannot be read is not a gate that passed. A rollback is
   * not gated: it goes back to what served production before, and an alarm about the current one is why.
   */
  private static void abortOnAlarm(PlanningPass p) {
    Map<String, AlarmInfo> alarms = p.observed.alarms();
    List<String> names = p.spec.strategy().alarmNames();
    if (names.isEmpty() || p.draft.preview == null || p.target == null || p.target.mode() == Mode.ROLLBACK) {
      return;
    }
    if (alarms == null) {
      return; // not read in this reconcile (green was created in it): the next one reads them
    }
    List<String> missing = names.stream().filter(n -> !alarms.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      throw new CannotAct(Reasons.ALARM_NOT_FOUND, "spec.strategy.gates.alarms: CloudWatch has no alarm named "
          + String.join(", ", missing) + " (in this account and region); green " + p.draft.preview.image()
          + " is held where it is until the alarm exists or the spec no longer names it");
    }
    GatesStatus seen = (p.draft.gates == null ? GatesStatus.NONE : p.draft.gates).withAlarms(names.stream()
        .map(n -> new GatesStatus.AlarmResult(n, alarms.get(n).state())).toList());
    p.draft.gates = seen;
    names.stream().map(alarms::get).filter(AlarmInfo::inAlarm).findFirst().ifPresent(alarm -> {
      Abort.abort(p, Reasons.ALARM_GATE_FAILED, "alarm " + alarm.name() + " is in ALARM ("
          + alarm.stateReason() + ") while green " + p.draft.preview.image() + " is in flight");
      p.draft.gates = seen.withUnhealthySince(null); // kept after the abort: teal describe shows what stopped green
    });
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
