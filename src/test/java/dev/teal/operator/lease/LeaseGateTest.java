package dev.teal.operator.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.aws.CallBudget;
import dev.teal.aws.NotFencedException;
import dev.teal.model.DeploymentStatus;
import dev.teal.reconcile.Action;
import dev.teal.store.DeploymentStore;
import dev.teal.store.LeaseFence;
import dev.teal.store.StaleStatusException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the daemon refuses locally when this instance may not act, before asking DynamoDB or AWS. */
class LeaseGateTest {

  private static final Action ACTION = new Action.DeleteTargetGroup("r1", "arn:tg");

  private static final CallBudget BUDGET = new CallBudget(Duration.ofSeconds(15), Duration.ofSeconds(5));

  private final AtomicBoolean acting = new AtomicBoolean(true);
  private final AtomicReference<Duration> left = new AtomicReference<>(Duration.ofSeconds(20));
  private final Leadership leadership = new Leadership() {
    @Override
    public Duration actingTimeLeft() {
      return acting.get() ? left.get() : Duration.ZERO;
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
    LeaseGate gate = new LeaseGate(new LeaseCallFence(leadership, BUDGET), stopping::get);
    assertThat(gate.admit(ACTION)).isEmpty();

    acting.set(false);
    assertThat(gate.admit(ACTION)).hasValueSatisfying(d -> assertThat(d.reason()).contains("lease"));

    acting.set(true);
    left.set(Duration.ofSeconds(14));
    assertThat(leadership.canAct()).isTrue();
    assertThat(gate.admit(ACTION)).as("held, but not for a whole call's worst case")
        .hasValueSatisfying(d -> assertThat(d.reason()).contains("lease"));

    left.set(Duration.ofSeconds(20));
    stopping.set(true);
    assertThat(gate.admit(ACTION)).hasValueSatisfying(d -> assertThat(d.reason()).contains("shutting down"));
  }

  @Test
  void aCallStartsOnlyWhenTheLeaseCoversItsWorstCaseAndAnAttemptOnlyWhenItCoversTheAttempt() {
    LeaseCallFence fence = new LeaseCallFence(leadership, BUDGET);
    assertThat(fence.budget()).contains(BUDGET);

    left.set(Duration.ofSeconds(15));
    fence.admitCall("ecs:CreateTaskSet");
    left.set(Duration.ofMillis(14_999));
    assertThatThrownBy(() -> fence.admitCall("ecs:CreateTaskSet")).isInstanceOf(NotFencedException.class)
        .hasMessageContaining("ecs:CreateTaskSet not started").hasMessageContaining("14999 ms")
        .hasMessageContaining("15000 ms");
    fence.admitAttempt("ecs:CreateTaskSet"); // a retry of a call already under way needs only its attempt
    left.set(Duration.ofMillis(4_999));
    assertThatThrownBy(() -> fence.admitAttempt("ecs:CreateTaskSet")).isInstanceOf(NotFencedException.class);

    acting.set(false);
    assertThatThrownBy(() -> fence.admitCall("elb:ModifyRule")).isInstanceOf(NotFencedException.class)
        .hasMessageContaining("may act for 0 ms");
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
