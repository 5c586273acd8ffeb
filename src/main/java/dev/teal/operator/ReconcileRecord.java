package dev.teal.operator;

import dev.teal.model.Phase;
import java.time.Duration;
import java.time.Instant;

/**
 * The last reconcile of one deployment, as this instance saw it.
 *
 * @param result idle, continue, rejected, not_found or error
 * @param phase the phase after it, or null when not known (an error, or the document is gone)
 * @param message the reconciler's message, or the error's
 * @param failuresInARow errors since the last reconcile that did not fail
 */
public record ReconcileRecord(String deployment, Instant at, Duration took, String result, Phase phase,
    int actions, String message, int failuresInARow) {}
