package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * When green is given up at once instead of at the progress deadline, while it is brought up (ECS's deployment
 * circuit breaker, for task sets). 0 switches a rule off.
 *
 * @param unhealthyChecks green short of its healthy share with targets {@code unhealthy} (not {@code initial})
 *     for this many consecutive health checks of its target group (its interval each) is Degraded
 * @param stoppedTasks green whose tasks failed this many times (a task that could not start, an essential
 *     container that exited, a task stopped for failing its ELB health checks) is Degraded, with ECS's stopped
 *     reason in the status
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailFastSpec(Integer unhealthyChecks, Integer stoppedTasks) {

  public static final int DEFAULT_UNHEALTHY_CHECKS = 3;
  /** ECS's deployment circuit breaker's least failure threshold. */
  public static final int DEFAULT_STOPPED_TASKS = 3;
  /** What applies when a document does not say (not written into it, so its spec hash stays as it was). */
  public static final FailFastSpec DEFAULTS = new FailFastSpec(DEFAULT_UNHEALTHY_CHECKS, DEFAULT_STOPPED_TASKS);
}
