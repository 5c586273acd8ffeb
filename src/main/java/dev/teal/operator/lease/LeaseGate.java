package dev.teal.operator.lease;

import dev.teal.reconcile.Action;
import dev.teal.reconcile.ActionGate;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Holds back every mutating action once this instance may not start a mutating AWS call: it lost (or
 * cannot be sure of) the lease for at least a call's worst case, or it is shutting down. A reconcile in
 * flight then ends at its next action, whose intent is not yet written, so the next holder resumes from
 * a consistent status. The {@link LeaseCallFence} makes the same check again when the call itself starts.
 */
public final class LeaseGate implements ActionGate {

  /** How soon a reconcile held back by the lease is looked at again (by whichever instance holds it then). */
  public static final Duration RETRY = Duration.ofSeconds(1);

  private final LeaseCallFence fence;
  private final BooleanSupplier stopping;

  public LeaseGate(LeaseCallFence fence, BooleanSupplier stopping) {
    this.fence = fence;
    this.stopping = stopping;
  }

  @Override
  public Optional<Deferral> admit(Action action) {
    if (stopping.getAsBoolean()) {
      return Optional.of(new Deferral(RETRY, "the operator is shutting down"));
    }
    if (!fence.wouldAdmitCall()) {
      return Optional.of(new Deferral(RETRY, "this operator does not hold the lease for a whole AWS call,"
          + " or can no longer be sure it does"));
    }
    return Optional.empty();
  }
}
