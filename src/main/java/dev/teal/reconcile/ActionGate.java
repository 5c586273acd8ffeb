package dev.teal.reconcile;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Asked before each mutating action, so the daemon can hold actions back (a rate limit on mutating
 * AWS calls, a lease that can no longer be relied on) without a reconcile ever blocking: a deferred
 * action ends the reconcile with "requeue after", before its status is written, and the next reconcile
 * plans it afresh.
 */
@FunctionalInterface
public interface ActionGate {

  /** Admits everything; the default. */
  ActionGate OPEN = action -> Optional.empty();

  /**
   * @return empty when the action may run now (any permit it needed has been taken); otherwise why it
   *     may not and how soon to ask again
   */
  Optional<Deferral> admit(Action action);

  /** Not now: ask again after {@code retryAfter}. */
  record Deferral(Duration retryAfter, String reason) {

    public Deferral {
      Objects.requireNonNull(retryAfter, "retryAfter");
      Objects.requireNonNull(reason, "reason");
      if (retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
      }
    }
  }

  /** This gate, then {@code next}; the first refusal wins, so a later gate's permit is not taken in vain. */
  default ActionGate then(ActionGate next) {
    return action -> {
      Optional<Deferral> first = admit(action);
      return first.isPresent() ? first : next.admit(action);
    };
  }
}
