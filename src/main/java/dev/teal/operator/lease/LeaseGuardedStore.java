package dev.teal.operator.lease;

import dev.teal.model.DeploymentStatus;
import dev.teal.store.DeploymentStore;
import dev.teal.store.ForwardingDeploymentStore;
import dev.teal.store.StaleStatusException;
import dev.teal.store.StatusWriteGuard;

/**
 * The store as the reconciler sees it in the daemon: a status write is refused here, before DynamoDB,
 * once this instance can no longer be sure it holds the lease. The write's lease fence makes DynamoDB
 * refuse it too once another instance holds the lease; this check also covers the time between the
 * holder stopping to act and a standby taking over.
 */
public final class LeaseGuardedStore extends ForwardingDeploymentStore {

  private final Leadership leadership;

  public LeaseGuardedStore(DeploymentStore delegate, Leadership leadership) {
    super(delegate);
    this.leadership = leadership;
  }

  @Override
  public void updateStatus(String name, StatusWriteGuard guard, DeploymentStatus status) {
    if (!leadership.canAct()) {
      throw new StaleStatusException("status of " + name + " not written: this operator does not hold the lease, or"
          + " can no longer be sure it does (" + leadership.status().state().label() + ")");
    }
    super.updateStatus(name, guard, status);
  }
}
