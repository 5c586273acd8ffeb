/**
 * The work queue: at most one reconcile per deployment at a time, requeue after a delay, exponential
 * backoff on failure, and the rate limits on mutating AWS calls.
 *
 * <p>Plain Java: must not depend on Quarkus, CDI or {@code dev.teal.operator.wiring}.
 */
package dev.teal.operator.queue;
