package dev.teal.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.ObjectMeta;
import dev.teal.model.Phase;
import dev.teal.sandbox.VirtualClock;
import dev.teal.store.DeploymentStore;
import dev.teal.store.StoredDeployment;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Time from a spec change to the first status that reports it Ready. */
class ConvergenceTrackerTest {

  private final VirtualClock clock = new VirtualClock();
  private final AtomicReference<StoredDeployment> stored = new AtomicReference<>();
  private final List<Duration> measured = new ArrayList<>();
  private final ConvergenceTracker tracker = new ConvergenceTracker(store(), clock, measured::add);

  private DeploymentStore store() {
    return (DeploymentStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DeploymentStore.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "get" -> Optional.ofNullable(stored.get());
          case "updateStatus" -> null;
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private void document(String specHash, Instant updatedAt, DeploymentStatus status) {
    stored.set(new StoredDeployment(new BlueGreenDeployment(BlueGreenDeployment.API_VERSION, BlueGreenDeployment.KIND,
        new ObjectMeta("web", null, 1L, 1L, null, updatedAt, null), null, status), specHash, 0));
  }

  private static DeploymentStatus status(String specHash, boolean ready) {
    return new DeploymentStatus(ready ? Phase.PREVIEWING : Phase.PROGRESSING, null, 1L, specHash, null, null, null,
        null, null, null, null, null, null, null, null,
        List.of(new Condition("Ready", ready ? Condition.TRUE : Condition.FALSE, "r", "m", null)), null);
  }

  @Test
  void measuresFromTheSpecWriteToTheFirstReadyStatusForThatSpec() {
    Instant written = clock.instant();
    document("h1", written, null);
    clock.advanceSeconds(2);
    tracker.get("web");
    clock.advanceSeconds(40);
    tracker.updateStatus("web", null, status("h1", false));
    clock.advanceSeconds(50);
    tracker.updateStatus("web", null, status("h1", true));
    tracker.updateStatus("web", null, status("h1", true));

    assertThat(measured).containsExactly(Duration.ofSeconds(92));
  }

  @Test
  void aDirectWriteThatLeftUpdatedAtAloneIsTimedFromWhenItWasFirstSeen() {
    Instant written = clock.instant();
    document("h1", written, status("h1", true));
    tracker.get("web");
    clock.advance(Duration.ofHours(1));
    document("h2", written, status("h1", true));
    tracker.get("web");
    clock.advanceSeconds(30);
    tracker.updateStatus("web", null, status("h2", true));

    assertThat(measured).as("the spec already Ready at the first read is not measured").containsExactly(
        Duration.ofSeconds(30));
  }

  @Test
  void aReadyStatusForAnOlderSpecDoesNotCount() {
    document("h2", clock.instant(), null);
    tracker.get("web");
    clock.advanceSeconds(10);
    tracker.updateStatus("web", null, status("h1", true));
    assertThat(measured).isEmpty();
  }
}
