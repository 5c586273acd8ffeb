package dev.teal.operator.events;

import dev.teal.store.DeploymentStore;
import dev.teal.store.StoredDeployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The fallback when there is no stream to follow: every {@code interval} (by the injected clock) the
 * documents are listed, and those whose (generation, spec hash) changed since the last listing, or
 * that appeared or disappeared, are reported. Slower and dearer than the stream, and only active while
 * the stream is not.
 */
public final class PollingSource {

  private static final Logger LOG = Logger.getLogger(PollingSource.class);

  private final DeploymentStore store;
  private final Clock clock;
  private final Duration interval;
  private final EventSink sink;
  private Map<String, String> seen = Map.of();
  private Instant nextAt = Instant.MIN;
  private boolean failing;

  public PollingSource(DeploymentStore store, Clock clock, Duration interval, EventSink sink) {
    this.store = store;
    this.clock = clock;
    this.interval = interval;
    this.sink = sink;
  }

  /** Polls if a poll is due. Called on a short real-time tick while polling is on. */
  public synchronized void tick() {
    Instant now = clock.instant();
    if (now.isBefore(nextAt)) {
      return;
    }
    nextAt = now.plus(interval);
    Map<String, String> current = new HashMap<>();
    try {
      for (StoredDeployment document : store.list()) {
        current.put(document.name(), document.generation() + "/" + document.specHash());
      }
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warnf("polling the documents failed; retrying every %s: %s", interval, e.getMessage());
        failing = true;
      }
      return;
    }
    failing = false;
    current.forEach((name, version) -> {
      if (!version.equals(seen.get(name))) {
        sink.changed(name);
      }
    });
    seen.keySet().stream().filter(name -> !current.containsKey(name)).forEach(sink::changed);
    seen = current;
  }

  /** Starts afresh: the next poll comes at once and reports every document. */
  public synchronized void reset() {
    seen = Map.of();
    nextAt = Instant.MIN;
  }
}
