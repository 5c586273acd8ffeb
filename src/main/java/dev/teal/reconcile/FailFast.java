package dev.teal.reconcile;

import dev.teal.aws.EcsTask;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.TargetHealthCounts;
import dev.teal.model.FailFastSpec;
import dev.teal.model.GatesStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Fail fast: a green that is being brought up and visibly cannot work is aborted at once, not at the progress
 * deadline (ECS's deployment circuit breaker, for task sets). Two signs, each counted by its own setting of
 * {@code spec.strategy.failFast}:
 *
 * <ul>
 *   <li>its tasks keep failing: tasks that could not start (CannotPullContainerError and the like), whose
 *       essential container exited, or that ECS stopped for failing their ELB health checks; the abort carries
 *       ECS's stopped reason;
 *   <li>its targets are {@code unhealthy} (ALB's verdict after the group's unhealthy threshold; {@code initial}
 *       ones are only starting) while green is short of its healthy share, for N consecutive health checks.
 * </ul>
 *
 * Only while green is awaited ({@link Readiness#awaitReady}): while production shifts to it, {@link Gates} holds
 * green to the minimum healthy share with its grace, and a green that meets that share is never failed here for
 * the few targets below it.
 */
final class FailFast {

  /** ECS stop codes of a task that failed on its own (not a scale-in or someone's StopTask). */
  static final Set<String> FAILURE_STOP_CODES = Set.of("TaskFailedToStart", "EssentialContainerExited");
  /** How ECS's stoppedReason starts for a task it replaced because it failed its load balancer's health checks. */
  static final String FAILED_HEALTH_CHECKS = "Task failed ELB health checks";

  private FailFast() {}

  /** Aborts green when it fails fast; true when it did. */
  static boolean check(PlanningPass p, EcsTaskSet green) {
    FailFastSpec settings = p.spec.strategy().failFastOrDefaults();
    return tasksKeepFailing(p, settings) || targetsStayUnhealthy(p, green, settings);
  }

  private static boolean tasksKeepFailing(PlanningPass p, FailFastSpec settings) {
    List<EcsTask> stopped = p.observed.greenStoppedTasks();
    Integer limit = settings.stoppedTasks();
    if (stopped == null || limit == null || limit == 0) {
      return false;
    }
    List<EcsTask> failed = stopped.stream().filter(FailFast::failed).toList();
    if (failed.size() < limit) {
      return false;
    }
    EcsTask last = failed.stream().max(java.util.Comparator.comparing(
        t -> t.stoppedAt() == null ? Instant.MIN : t.stoppedAt())).orElseThrow();
    Abort.abort(p, Reasons.TASKS_KEEP_FAILING, "green " + p.draft.preview.image() + ": " + failed.size()
        + " tasks failed (limit " + limit + "); the last stopped: " + reasonOf(last));
    return true;
  }

  static boolean failed(EcsTask task) {
    return FAILURE_STOP_CODES.contains(task.stopCode())
        || task.stoppedReason() != null && task.stoppedReason().startsWith(FAILED_HEALTH_CHECKS);
  }

  /** ECS's stopped reason, with the first container's own reason or exit code: what a person looks for. */
  static String reasonOf(EcsTask task) {
    StringBuilder out = new StringBuilder(task.stopCode() == null ? "" : task.stopCode() + ": ")
        .append(task.stoppedReason() == null ? "no reason given" : task.stoppedReason());
    task.containers().stream().filter(c -> c.reason() != null || c.exitCode() != null).findFirst().ifPresent(c ->
        out.append(" (container ").append(c.name()).append(c.reason() != null ? ": " + c.reason()
            : " exited with code " + c.exitCode()).append(')'));
    return out.toString();
  }

  private static boolean targetsStayUnhealthy(PlanningPass p, EcsTaskSet green, FailFastSpec settings) {
    Integer checks = settings.unhealthyChecks();
    GatesStatus gates = p.draft.gates == null ? GatesStatus.NONE : p.draft.gates;
    TargetHealthCounts health = p.observed.healthOf(p.draft.preview.targetGroup());
    boolean failing = checks != null && checks > 0 && health.unhealthy() > 0
        && health.healthy() < Readiness.requiredHealthy(green);
    if (!failing) {
      p.draft.gates = gates.withUnhealthySince(null).orNull();
      return false;
    }
    Instant since = gates.unhealthySince() == null ? p.now : gates.unhealthySince();
    p.draft.gates = gates.withUnhealthySince(since);
    Duration interval = Duration.ofSeconds(p.spec.traffic().targetGroup().healthCheck().intervalSeconds());
    Instant due = since.plus(interval.multipliedBy(checks));
    if (p.now.isBefore(due)) {
      p.waitAtMost(Duration.between(p.now, due));
      return false;
    }
    Abort.abort(p, Reasons.TARGETS_UNHEALTHY, "green " + p.draft.preview.image() + ": " + health.unhealthy()
        + " targets unhealthy and " + health.healthy() + "/" + Readiness.requiredHealthy(green)
        + " healthy, for " + checks + " consecutive health checks (" + PlanningPass.render(interval) + " apart)");
    return true;
  }
}
