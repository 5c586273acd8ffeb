package dev.teal.bench;

import dev.teal.model.DeploymentSpec;
import dev.teal.model.DesiredPhase;
import dev.teal.store.DeploymentStore;
import dev.teal.store.StoredDeployment;
import dev.teal.testing.FleetWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The benchmark's side of one table: it writes the specs (as the CLI or CI would) and remembers each
 * document's resource version and spec hash, so it can tell when teal's status has caught up.
 */
final class Documents {

  private final DeploymentStore store;
  private final String table;
  private final Map<String, StoredDeployment> current = new ConcurrentHashMap<>();

  Documents(DeploymentStore store, String table) {
    this.store = store;
    this.table = table;
  }

  String table() {
    return table;
  }

  DeploymentStore store() {
    return store;
  }

  void create(List<FleetWorld.Deployment> which) {
    FleetWorld.inParallel(which.stream().<Callable<Void>>map(d -> () -> {
      current.put(d.name(), store.create(FleetWorld.document(d), FleetWorld.BENCH));
      return null;
    }).toList());
  }

  /** Writes a changed spec and returns the document as written (its spec hash is what teal will observe). */
  StoredDeployment update(String name, UnaryOperator<DeploymentSpec> change) {
    StoredDeployment before = current.get(name);
    StoredDeployment after = store.updateSpec(name, before.resourceVersion(), change.apply(before.spec()), null,
        FleetWorld.BENCH);
    current.put(name, after);
    return after;
  }

  /** A new image to preview or promote: a new revision, so a whole cycle. */
  StoredDeployment deploy(String name, String image, DesiredPhase phase) {
    return update(name, spec -> spec.withImage(image).withPhase(phase));
  }

  StoredDeployment promote(String name) {
    return update(name, spec -> spec.withPhase(DesiredPhase.PROMOTE));
  }

  String specHash(String name) {
    return current.get(name).specHash();
  }

  String image(String name) {
    return current.get(name).spec().image();
  }

  /** Whether teal's last status write for {@code name} settles its current spec. */
  boolean settled(StatusLog statuses, String name) {
    return statuses.latest(name).map(w -> w.settledFor(specHash(name))).orElse(false);
  }

  /**
   * Waits until every one of {@code names} is settled for its current spec: by the statuses this operator
   * wrote, or, for documents it had no reason to write (settled before it started), by the table.
   */
  void awaitSettled(StatusLog statuses, Collection<String> names, Duration timeout) {
    Set<String> waiting = new HashSet<>(names);
    Instant[] nextTableCheck = {Instant.now()};
    Waits.until(names.size() + " deployment(s) to settle", timeout, Duration.ofMillis(100), () -> {
      waiting.removeIf(n -> settled(statuses, n));
      if (!waiting.isEmpty() && !Instant.now().isBefore(nextTableCheck[0])) {
        // a Scan of the whole table is not free: every 2 s at most
        for (StoredDeployment d : store.list()) {
          if (waiting.contains(d.name()) && StatusLog.settled(d.status(), specHash(d.name()))) {
            waiting.remove(d.name());
          }
        }
        nextTableCheck[0] = Instant.now().plusSeconds(2);
      }
      return waiting.isEmpty();
    }, () -> waiting.size() + " not settled, e.g. " + waiting.iterator().next() + ": "
        + statuses.latest(waiting.iterator().next()));
  }
}
