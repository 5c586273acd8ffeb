package dev.teal.operator.lease;

import dev.teal.store.LeaseFence;
import java.util.Optional;

/** Whether this instance may reconcile, and the condition its status writes must carry. */
public interface Leadership {

  /**
   * True while this instance holds the lease with enough time left to be sure no other instance can
   * have taken it over. Workers take work, and mutating actions and status writes go ahead, only then.
   */
  boolean canAct();

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
      public boolean canAct() {
        return true;
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
