package dev.teal.operator;

import dev.teal.aws.CallBudget;
import dev.teal.operator.lease.LeaseTiming;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything an {@link Operator} is built from besides its clients: the daemon derives it from
 * {@code TealConfig}, tests and benchmarks build it directly.
 *
 * @param operatorId this instance's name in the lease and in thread names
 * @param healthWatchInterval how often one deployment waiting for green's targets has their health read
 * @param healthWatchCallsPerSecond the describe budget of all health watches together
 * @param awsCallBudget the worst case of one mutating AWS call and of one attempt of it (the daemon's
 *     {@code teal.aws.call-timeout} and {@code attempt-timeout}); with the lease on it must fit in the lease
 *     ({@link LeaseTiming#requireRoomFor}), or the operator refuses to start
 * @param analysisStepTimeout the longest one analysis step may take, all its requests together
 * @param tick how often (real time) the clock-driven parts look whether something is due: delayed
 *     requeues, lease renewals, resyncs, polls
 */
public record OperatorSettings(
    String operatorId,
    String table,
    int workers,
    Duration resyncInterval,
    Duration pollInterval,
    Duration streamIdleWait,
    int streamFailuresBeforePolling,
    Duration requeuePollInterval,
    Duration requeueFailedInterval,
    int maxActionsPerReconcile,
    Duration backoffInitial,
    double backoffMultiplier,
    Duration backoffMax,
    double mutatingCallsPerSecond,
    int mutatingCallBurst,
    boolean leaseEnabled,
    LeaseTiming leaseTiming,
    CallBudget awsCallBudget,
    Duration analysisRequestTimeout,
    Duration analysisStepTimeout,
    Duration healthWatchInterval,
    double healthWatchCallsPerSecond,
    Duration shutdownTimeout,
    Duration tick) {

  /** The real-time tick used unless a caller has reason to change it. */
  public static final Duration DEFAULT_TICK = Duration.ofMillis(50);

  public OperatorSettings {
    Objects.requireNonNull(operatorId, "operatorId");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(leaseTiming, "leaseTiming");
    Objects.requireNonNull(awsCallBudget, "awsCallBudget");
    if (leaseEnabled) {
      leaseTiming.requireRoomFor(awsCallBudget);
    }
  }

  public OperatorSettings withOperatorId(String id) {
    return new OperatorSettings(id, table, workers, resyncInterval, pollInterval, streamIdleWait,
        streamFailuresBeforePolling, requeuePollInterval, requeueFailedInterval, maxActionsPerReconcile,
        backoffInitial, backoffMultiplier, backoffMax, mutatingCallsPerSecond, mutatingCallBurst, leaseEnabled,
        leaseTiming, awsCallBudget, analysisRequestTimeout, analysisStepTimeout, healthWatchInterval,
        healthWatchCallsPerSecond, shutdownTimeout, tick);
  }
}
