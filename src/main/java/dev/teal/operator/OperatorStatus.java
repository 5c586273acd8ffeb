package dev.teal.operator;

import dev.teal.operator.events.EventSources;
import dev.teal.operator.lease.LeaseStatus;

/**
 * A snapshot of the daemon, for health checks and the status page.
 *
 * @param acting whether this instance reconciles now (it holds the lease with time to spare)
 * @param firstSyncDone whether every document has been listed and enqueued at least once
 * @param queueDepth deployments waiting for a worker
 * @param alive whether every thread the operator needs runs
 */
public record OperatorStatus(String operatorId, LeaseStatus lease, boolean acting, EventSources.Mode eventSource,
    boolean firstSyncDone, int queueDepth, int delayed, int inFlight, boolean alive) {}
