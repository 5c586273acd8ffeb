package dev.teal.operator.notify;

import dev.teal.history.HistoryEntry;
import dev.teal.operator.queue.Backoff;
import dev.teal.operator.queue.Ticker;
import dev.teal.operator.notify.Sink.SinkFailure;
import dev.teal.store.StatusHistory;
import dev.teal.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Delivers the notifications the store recorded to every {@link Sink}: at least once, in order per
 * deployment and sink, on its own threads, while this instance holds the lease.
 *
 * <p>It is level-triggered. What each sink has delivered of each deployment is a cursor in the table
 * ({@link StatusHistory#markDelivered}), moved forward only after the sink took the events, so a restart,
 * or another instance taking over, goes on from there: nothing delivered is sent again, and nothing
 * recorded is skipped. It looks at a deployment when the store tells it a status write recorded
 * notifications ({@link #wake}), when a failed delivery's backoff is over, and on a sweep (every
 * {@code sweepInterval}, and at once when this instance starts to act) that compares every deployment's
 * newest notification with every sink's cursor in one read.
 *
 * <p>Each deployment-and-sink runs as its own task on a virtual thread, at most {@code concurrencyPerSink}
 * at a time per sink, so a sink that hangs until its timeout holds up its own deliveries only, and
 * reconciles never wait for any of it.
 */
public final class Notifier {

  private static final Logger LOG = Logger.getLogger(Notifier.class);

  /**
   * @param tick how often (real time) it looks whether something is due by its clock
   * @param sweepInterval how often every deployment's outbox is compared with the sinks' cursors
   * @param retryInitial the longest first wait after a failed delivery (full jitter)
   * @param retryMax the longest wait, however many failures
   * @param concurrencyPerSink deliveries one sink makes at once
   */
  public record Settings(Duration tick, Duration sweepInterval, Duration retryInitial, Duration retryMax,
      int concurrencyPerSink) {

    public Settings {
      Objects.requireNonNull(tick, "tick");
      Objects.requireNonNull(sweepInterval, "sweepInterval");
      if (concurrencyPerSink < 1) {
        throw new IllegalArgumentException("concurrencyPerSink must be at least 1, was " + concurrencyPerSink);
      }
    }
  }

  /** What it did, for the metrics. */
  public interface Listener {
    void delivered(String sink, int events);

    void failed(String sink);

    Listener NONE = new Listener() {
      @Override
      public void delivered(String sink, int events) {}

      @Override
      public void failed(String sink) {}
    };
  }

  private record Key(String deployment, String sink) {}

  private record Retry(int failures, Instant notBefore) {}

  private final String name;
  private final StatusHistory history;
  private final Map<String, Sink> sinks = new LinkedHashMap<>();
  private final Clock clock;
  private final BooleanSupplier canAct;
  private final Settings settings;
  private final Listener listener;
  private final Backoff backoff;
  private final Map<String, Instant> since = new ConcurrentHashMap<>();
  private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final Map<Key, Retry> retries = new ConcurrentHashMap<>();
  private final Set<Key> inFlight = ConcurrentHashMap.newKeySet();
  private volatile ExecutorService executor;
  private volatile Ticker ticker;
  private volatile boolean acting;
  private volatile Instant nextSweep = Instant.MIN;
  private volatile Instant nextRegistration = Instant.MIN;
  private volatile boolean outboxUnreadable;

  /**
   * @param name for thread names and logs
   * @param canAct whether this instance may act now (holds the lease); nothing is sent otherwise
   */
  public Notifier(String name, StatusHistory history, List<Sink> sinks, Clock clock, BooleanSupplier canAct,
      Settings settings, Listener listener, Random random) {
    this.name = name;
    this.history = Objects.requireNonNull(history, "history");
    sinks.forEach(sink -> {
      if (this.sinks.put(sink.id(), sink) != null) {
        throw new IllegalArgumentException("two notification sinks are called " + sink.id());
      }
      permits.put(sink.id(), new Semaphore(settings.concurrencyPerSink()));
    });
    this.clock = Objects.requireNonNull(clock, "clock");
    this.canAct = Objects.requireNonNull(canAct, "canAct");
    this.settings = settings;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.backoff = new Backoff(settings.retryInitial(), 2, settings.retryMax(), random);
  }

  public List<String> sinks() {
    return List.copyOf(sinks.keySet());
  }

  public synchronized void start() {
    if (sinks.isEmpty() || executor != null) {
      return; // nothing to deliver to: no threads at all
    }
    executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-notify-", 0).factory());
    ticker = Ticker.start(name + "-notify", settings.tick(), this::tick);
    LOG.infof("notifications go to %s", String.join(", ", sinks.keySet()));
  }

  /** Stops sending; deliveries in flight are interrupted (their events are sent again by whoever acts next). */
  public synchronized void stop(Duration timeout) {
    if (executor == null) {
      return;
    }
    ticker.stopNow();
    executor.shutdownNow();
    try {
      executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A status write recorded notifications for {@code deployment}: look at it soon. Never blocks. */
  public void wake(String deployment) {
    pending.add(deployment);
  }

  /** Whether nothing is being delivered or waiting to be (for tests and benchmarks). */
  public boolean idle() {
    return pending.isEmpty() && inFlight.isEmpty();
  }

  /** How many deployment-and-sink pairs are waiting out a failed delivery's backoff. */
  public int backingOff() {
    return retries.size();
  }

  /** One look at what is due; called every {@code tick} of real time. */
  void tick() {
    if (!canAct.getAsBoolean()) {
      acting = false;
      return;
    }
    Instant now = clock.instant();
    if (!acting) {
      acting = true;
      nextSweep = Instant.MIN; // a new holder looks at everything at once
    }
    if (!registered(now)) {
      return;
    }
    if (!now.isBefore(nextSweep)) {
      nextSweep = sweep() ? now.plus(settings.sweepInterval()) : now.plus(settings.retryInitial());
    }
    for (String deployment : List.copyOf(pending)) {
      pending.remove(deployment);
      sinks.keySet().forEach(sink -> schedule(new Key(deployment, sink), now));
    }
    retries.forEach((key, retry) -> {
      if (!now.isBefore(retry.notBefore())) {
        schedule(key, now);
      }
    });
  }

  /** Registers every sink once (the first registration of a sink is when it starts delivering from). */
  private boolean registered(Instant now) {
    if (since.size() == sinks.size()) {
      return true;
    }
    if (now.isBefore(nextRegistration)) {
      return false;
    }
    try {
      for (String sink : sinks.keySet()) {
        if (!since.containsKey(sink)) {
          since.put(sink, history.registerSink(sink, clock.instant()));
        }
      }
      return true;
    } catch (StoreException e) {
      nextRegistration = now.plus(settings.retryInitial());
      LOG.warnf("notifications: cannot register the sinks yet (trying again in %s): %s", settings.retryInitial(),
          e.getMessage());
      return false;
    }
  }

  private boolean sweep() {
    StatusHistory.Outbox outbox;
    try {
      outbox = history.outbox();
    } catch (StoreException e) {
      if (!outboxUnreadable) {
        LOG.warnf("notifications: cannot read the outbox (trying again every %s): %s", settings.retryInitial(),
            e.getMessage());
      }
      outboxUnreadable = true;
      return false;
    }
    if (outboxUnreadable) {
      LOG.infof("notifications: the outbox can be read again");
      outboxUnreadable = false;
    }
    outbox.heads().forEach((deployment, head) -> {
      for (String sink : sinks.keySet()) {
        String upTo = outbox.deliveredUpTo(deployment, sink);
        if (upTo == null || upTo.compareTo(head) < 0) {
          pending.add(deployment);
        }
      }
    });
    return true;
  }

  private void schedule(Key key, Instant now) {
    Retry retry = retries.get(key);
    if (retry != null && now.isBefore(retry.notBefore())) {
      return; // its backoff schedules it
    }
    if (!inFlight.add(key)) {
      pending.add(key.deployment()); // running: look again after it, for what arrived meanwhile
      return;
    }
    try {
      executor.execute(() -> run(key));
    } catch (RuntimeException e) { // stopped
      inFlight.remove(key);
    }
  }

  private void run(Key key) {
    Semaphore permit = permits.get(key.sink());
    boolean acquired = false;
    try {
      permit.acquire();
      acquired = true;
      deliver(key, sinks.get(key.sink()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failed(key, "delivery failed unexpectedly: " + e);
      LOG.warnf(e, "notifications: delivering %s's to %s failed", key.deployment(), key.sink());
    } finally {
      if (acquired) {
        permit.release();
      }
      inFlight.remove(key);
    }
  }

  /** Sends {@code sink} what it has not had of the deployment's notifications, oldest first. */
  private void deliver(Key key, Sink sink) {
    String deployment = key.deployment();
    String upTo;
    List<HistoryEntry> entries;
    try {
      upTo = history.deliveredUpTo(deployment, sink.id());
      entries = history.entries(deployment);
    } catch (StoreException e) {
      failed(key, "cannot read the history: " + e.getMessage());
      return;
    }
    Instant from = since.get(sink.id());
    List<NotificationEvent> batch = new ArrayList<>();
    String walked = null; // the last event looked at, sent or passed over
    String recorded = upTo;
    for (HistoryEntry entry : entries) {
      for (int i = 0; i < entry.notifications().size(); i++) {
        NotificationEvent event = NotificationEvent.of(entry, i);
        if (upTo != null && event.cursor().compareTo(upTo) <= 0) {
          continue;
        }
        walked = event.cursor();
        boolean beforeTheSink = upTo == null && from != null && event.time().isBefore(from);
        if (beforeTheSink || !sink.wants(event)) {
          continue; // passed over: the next record of this cursor covers it
        }
        batch.add(event);
        if (batch.size() == sink.maxBatch()) {
          if (!send(key, sink, batch)) {
            return;
          }
          recorded = batch.get(batch.size() - 1).cursor();
          batch.clear();
        }
      }
    }
    if (!batch.isEmpty()) {
      if (!send(key, sink, batch)) {
        return;
      }
      recorded = batch.get(batch.size() - 1).cursor();
    }
    if (walked != null && !walked.equals(recorded) && canAct.getAsBoolean()) {
      mark(key, walked, null); // only passed-over events after the last one sent
    }
    retries.remove(key);
  }

  /** Sends one batch and records it; false when the rest must wait (a failure, or no longer acting). */
  private boolean send(Key key, Sink sink, List<NotificationEvent> batch) {
    if (!canAct.getAsBoolean()) {
      pending.add(key.deployment());
      return false;
    }
    try {
      sink.deliver(batch);
    } catch (SinkFailure f) {
      if (f.delivered() > 0) {
        NotificationEvent last = batch.get(f.delivered() - 1);
        mark(key, last.cursor(), last.eventId());
        listener.delivered(key.sink(), f.delivered());
      }
      failed(key, f.getMessage());
      return false;
    }
    NotificationEvent last = batch.get(batch.size() - 1);
    listener.delivered(key.sink(), batch.size());
    return mark(key, last.cursor(), last.eventId());
  }

  private boolean mark(Key key, String cursor, String eventId) {
    try {
      if (!history.markDelivered(key.deployment(), key.sink(), cursor, eventId, clock.instant())) {
        LOG.debugf("notifications: %s's cursor for %s was already past %s", key.deployment(), key.sink(), cursor);
        return false;
      }
      return true;
    } catch (StoreException e) {
      // Delivered but not recorded: sent again next time (at least once), unless this write gets through.
      failed(key, "delivered, but the record of it failed: " + e.getMessage());
      return false;
    }
  }

  private void failed(Key key, String why) {
    listener.failed(key.sink());
    Retry previous = retries.get(key);
    int failures = previous == null ? 1 : previous.failures() + 1;
    Duration wait = backoff.delay(failures);
    retries.put(key, new Retry(failures, clock.instant().plus(wait)));
    if (failures == 1 || failures % 10 == 0) {
      LOG.warnf("notifications: %s for %s (%d failures in a row; trying again in %s)", why, key.deployment(),
          failures, wait);
    }
  }
}
