package dev.teal.operator.lease;

import dev.teal.aws.CallBudget;
import dev.teal.aws.MutatingCallFence;
import dev.teal.aws.NotFencedException;
import java.time.Duration;
import java.util.Optional;

/**
 * The daemon's fence on mutating AWS calls: a call starts only while this instance may act for at least
 * the call's worst case ({@link CallBudget#call()}, which the gateways make the request's SDK call
 * timeout), and each attempt of it is sent only while it may act for at least the attempt's. So no request
 * of this instance reaches AWS after it stopped acting, which is before any standby can take the lease
 * (see {@link LeaseTiming}).
 *
 * <p>Shutting down does not close it: the lease gate holds back new actions then, while a call that had
 * already passed the gate goes ahead (the lease is released only after it ends).
 */
public final class LeaseCallFence implements MutatingCallFence {

  private final Leadership leadership;
  private final CallBudget budget;

  public LeaseCallFence(Leadership leadership, CallBudget budget) {
    this.leadership = leadership;
    this.budget = budget;
  }

  @Override
  public Optional<CallBudget> budget() {
    return Optional.of(budget);
  }

  @Override
  public void admitCall(String operation) {
    require(operation, budget.call(), "call");
  }

  @Override
  public void admitAttempt(String operation) {
    require(operation, budget.attempt(), "attempt");
  }

  /** Whether a call started now would be admitted; the lease gate asks before an action's intent is written. */
  boolean wouldAdmitCall() {
    return covers(leadership.actingTimeLeft(), budget.call());
  }

  private void require(String operation, Duration worstCase, String what) {
    Duration left = leadership.actingTimeLeft();
    if (!covers(left, worstCase)) {
      throw new NotFencedException(operation, "this operator may act for " + render(left)
          + " more, less than the " + what + "'s worst case of " + render(worstCase)
          + " (it does not hold the lease, or could not renew it in time)");
    }
  }

  private static boolean covers(Duration left, Duration worstCase) {
    return left.compareTo(worstCase) >= 0;
  }

  private static String render(Duration d) {
    return d.equals(Leadership.UNLIMITED) ? "ever" : d.toMillis() + " ms";
  }
}
