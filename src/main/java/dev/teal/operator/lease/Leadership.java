package dev.teal.operator.lease;

import dev.teal.store.LeaseFence;
import java.time.Duration;
import java.util.Optional;

/** Whether this instance may reconcile, and the condition its status writes must carry. */
public interface Leadership {

  /**
   * True while this instance holds the lease with enough time left to be sure no other instance can
   * have taken it over. Workers take work, and mutating actions and status writes go ahead, only then.
   */
  default boolean canAct() {
    Duration left = actingTimeLeft();
    return !left.isZero() && !left.isNegative();
  }

  /**
   * How much longer this instance may act, measured on a monotonic clock: zero when it may not act at
   * all. A mutating AWS call starts only when this covers the call's worst case.
   */
  Duration actingTimeLeft();

  /** What {@link #actingTimeLeft()} says when there is no lease to run out. */
  Duration UNLIMITED = Duration.ofSeconds(Long.MAX_VALUE);

  /**
   * The lease condition every status write carries, so DynamoDB refuses the write once another instance
   * holds the lease; empty when there is no lease at all.
   */
  Optional<LeaseFence> fence();

  LeaseStatus status();

  /** No election: the only instance always acts (teal.lease.enabled=false). */
  static Leadership sole(String operatorId) {
    LeaseStatus holder = new LeaseStatus(LeaseState.HOLDER, operatorId, null);
    return new Leadership() {
      @Override
      public Duration actingTimeLeft() {
        return UNLIMITED;
      }

      @Override
      public Optional<LeaseFence> fence() {
        return Optional.empty();
      }

      @Override
      public LeaseStatus status() {
        return holder;
      }
    };
  }
}
