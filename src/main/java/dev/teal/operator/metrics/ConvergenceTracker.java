package dev.teal.operator.metrics;

import dev.teal.model.Condition;
import dev.teal.model.DeploymentStatus;
import dev.teal.store.DeploymentStore;
import dev.teal.store.ForwardingDeploymentStore;
import dev.teal.store.StatusWriteGuard;
import dev.teal.store.StoredDeployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Measures the time from a spec change to the first status that reports the deployment Ready for that
 * spec, by watching the reconciler's reads and status writes (it decorates the store the reconciler
 * uses).
 *
 * <p>The change's time is the document's {@code updatedAt}, which every teal spec write sets (on the
 * writer's clock). A direct write that changes the spec but not {@code updatedAt} is timed from when the
 * operator first read the new spec. A spec already Ready when first read (e.g. after a restart) is not
 * measured.
 */
public final class ConvergenceTracker extends ForwardingDeploymentStore {

  private static final String READY = "Ready";

  /** The spec being waited for, per deployment. */
  private record Pending(String specHash, Instant updatedAt, Instant changedAt, boolean converged) {}

  private final Clock clock;
  private final Consumer<Duration> converged;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  public ConvergenceTracker(DeploymentStore delegate, Clock clock, Consumer<Duration> converged) {
    super(delegate);
    this.clock = clock;
    this.converged = converged;
  }

  @Override
  public Optional<StoredDeployment> get(String name) {
    Optional<StoredDeployment> read = super.get(name);
    read.ifPresentOrElse(this::read, () -> pending.remove(name));
    return read;
  }

  @Override
  public void updateStatus(String name, StatusWriteGuard guard, DeploymentStatus status) {
    super.updateStatus(name, guard, status);
    Pending waiting = pending.get(name);
    if (waiting != null && !waiting.converged() && readyFor(status, waiting.specHash())) {
      pending.put(name, new Pending(waiting.specHash(), waiting.updatedAt(), waiting.changedAt(), true));
      converged.accept(Duration.between(waiting.changedAt(), clock.instant()));
    }
  }

  private void read(StoredDeployment document) {
    Pending known = pending.get(document.name());
    if (known != null && known.specHash().equals(document.specHash())) {
      return;
    }
    Instant now = clock.instant();
    Instant updatedAt = document.document().metadata().updatedAt();
    boolean updatedAtMoved = updatedAt != null && (known == null || !Objects.equals(updatedAt, known.updatedAt()));
    Instant changedAt = updatedAtMoved && !updatedAt.isAfter(now) ? updatedAt : now;
    boolean alreadyReady = readyFor(document.status(), document.specHash());
    pending.put(document.name(), new Pending(document.specHash(), updatedAt, changedAt, alreadyReady));
  }

  private static boolean readyFor(DeploymentStatus status, String specHash) {
    if (status == null || !specHash.equals(status.observedSpecHash())) {
      return false;
    }
    Condition ready = status.condition(READY);
    return ready != null && ready.isTrue();
  }
}
