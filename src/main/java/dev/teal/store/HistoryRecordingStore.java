package dev.teal.store;

import dev.teal.history.HistoryEntries;
import dev.teal.history.HistoryEntry;
import dev.teal.model.DeploymentStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The store with a status history: every status write that makes a transition, adds events or moves a
 * route's weights is recorded with its {@link HistoryEntry}, in the write's own transaction. Whoever writes
 * statuses through it (the operator's reconciler, a test seeding statuses) gets the history for free; the
 * planner knows nothing of it.
 *
 * <p>An entry is the difference between the status written and the one it replaces. The replaced status is
 * the one this store last read or wrote for that status version (the reconciler reads a document, then
 * writes its status one or more times); only when it has nothing for that version does it read the
 * document again, and if that does not match the write's guard either, the write is stale and goes
 * ahead without an entry, to fail as it would have.
 *
 * <p>The recording adds items to the status's transaction and never a call of its own on the write path;
 * delivering notifications is someone else's job ({@link #onNotifications}): it is told the deployment's
 * name and nothing waits for it.
 */
public final class HistoryRecordingStore extends ForwardingDeploymentStore {

  private final DynamoDeploymentStore dynamo;
  private final Clock clock;
  /** Per deployment, the document as last read or written here. */
  private final Map<String, StoredDeployment> known = new ConcurrentHashMap<>();
  private volatile Consumer<String> notified = name -> { };

  public HistoryRecordingStore(DynamoDeploymentStore delegate, Clock clock) {
    super(delegate);
    this.dynamo = delegate;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Called with a deployment's name after a status write recorded notifications for it; must not block. */
  public void onNotifications(Consumer<String> listener) {
    this.notified = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public Optional<StoredDeployment> get(String name) {
    Optional<StoredDeployment> read = super.get(name);
    read.ifPresentOrElse(document -> known.put(name, document), () -> known.remove(name));
    return read;
  }

  @Override
  public void delete(String name, long expectedResourceVersion, ChangeContext ctx) {
    known.remove(name);
    super.delete(name, expectedResourceVersion, ctx);
  }

  @Override
  public void updateStatus(String name, StatusWriteGuard guard, DeploymentStatus status) {
    StoredDeployment before = replaced(name, guard);
    if (before == null) {
      dynamo.updateStatus(name, guard, status); // stale or gone: let the store say which
      return;
    }
    long version = guard.observedStatusVersion() + 1;
    Instant at = clock.instant();
    HistoryEntry entry = HistoryEntries.of(new HistoryEntries.Write(name,
        before.document().metadata().creationTimestamp(), guard.observedGeneration(),
        before.specValid() ? before.effectiveSpec() : null, before.document().metadata().updatedBy(),
        before.status(), status, version, at)).orElse(null);
    try {
      dynamo.updateStatus(name, guard, status, entry);
    } catch (StoreException e) {
      known.remove(name);
      throw e;
    }
    known.put(name, new StoredDeployment(before.document().withStatus(status), before.specHash(), version,
        before.storedSpec(), before.specProblems()));
    if (entry != null && !entry.notifications().isEmpty()) {
      notified.accept(name);
    }
  }

  /** The document whose status this write replaces, or null when the write cannot land. */
  private StoredDeployment replaced(String name, StatusWriteGuard guard) {
    StoredDeployment cached = known.get(name);
    if (cached != null && cached.statusVersion() == guard.observedStatusVersion()) {
      return cached;
    }
    Optional<StoredDeployment> fresh = get(name);
    return fresh.filter(d -> d.statusVersion() == guard.observedStatusVersion()).orElse(null);
  }
}
