package dev.teal.operator.lease;

import dev.teal.reconcile.Action;
import dev.teal.reconcile.ActionGate;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Holds back every mutating action once this instance may not act: it lost (or cannot be sure of) the
 * lease, or it is shutting down. A reconcile in flight then ends at its next action, whose intent is not
 * yet written, so the next holder resumes from a consistent status.
 */
public final class LeaseGate implements ActionGate {

  /** How soon a reconcile held back by the lease is looked at again (by whichever instance holds it then). */
  static final Duration RETRY = Duration.ofSeconds(1);

  private final Leadership leadership;
  private final BooleanSupplier stopping;

  public LeaseGate(Leadership leadership, BooleanSupplier stopping) {
    this.leadership = leadership;
    this.stopping = stopping;
  }

  @Override
  public Optional<Deferral> admit(Action action) {
    if (stopping.getAsBoolean()) {
      return Optional.of(new Deferral(RETRY, "the operator is shutting down"));
    }
    if (!leadership.canAct()) {
      return Optional.of(new Deferral(RETRY, "this operator does not hold the lease, or can no longer be sure it does"));
    }
    return Optional.empty();
  }
}
