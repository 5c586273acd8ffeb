package dev.teal.operator.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.model.DeploymentStatus;
import dev.teal.reconcile.Action;
import dev.teal.store.DeploymentStore;
import dev.teal.store.LeaseFence;
import dev.teal.store.StaleStatusException;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the daemon refuses locally when this instance may not act, before asking DynamoDB or AWS. */
class LeaseGateTest {

  private static final Action ACTION = new Action.DeleteTargetGroup("r1", "arn:tg");

  private final AtomicBoolean acting = new AtomicBoolean(true);
  private final Leadership leadership = new Leadership() {
    @Override
    public boolean canAct() {
      return acting.get();
    }

    @Override
    public Optional<LeaseFence> fence() {
      return Optional.empty();
    }

    @Override
    public LeaseStatus status() {
      return new LeaseStatus(acting.get() ? LeaseState.HOLDER : LeaseState.STANDBY, "a", null);
    }
  };

  @Test
  void mutatingActionsWaitWhileTheLeaseCannotBeReliedOnOrTheOperatorStops() {
    AtomicBoolean stopping = new AtomicBoolean();
    LeaseGate gate = new LeaseGate(leadership, stopping::get);
    assertThat(gate.admit(ACTION)).isEmpty();

    acting.set(false);
    assertThat(gate.admit(ACTION)).hasValueSatisfying(d -> assertThat(d.reason()).contains("lease"));

    acting.set(true);
    stopping.set(true);
    assertThat(gate.admit(ACTION)).hasValueSatisfying(d -> assertThat(d.reason()).contains("shutting down"));
  }

  @Test
  void statusWritesAreRefusedBeforeReachingTheStoreOnceTheLeaseCannotBeReliedOn() {
    AtomicInteger writes = new AtomicInteger();
    DeploymentStore counting = (DeploymentStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DeploymentStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("updateStatus")) {
            writes.incrementAndGet();
          }
          return null;
        });
    LeaseGuardedStore store = new LeaseGuardedStore(counting, leadership);

    store.updateStatus("web", null, DeploymentStatus.empty());
    acting.set(false);
    assertThatThrownBy(() -> store.updateStatus("web", null, DeploymentStatus.empty()))
        .isInstanceOf(StaleStatusException.class).hasMessageContaining("lease");
    assertThat(writes).hasValue(1);
  }
}
