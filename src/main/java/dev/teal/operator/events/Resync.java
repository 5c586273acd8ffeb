package dev.teal.operator.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The safety net: every {@code interval} (by the injected clock) the deployments the selection finds
 * due (by default: not settled, or drifted from their status) are reported as changed, whatever the
 * stream said, so a lost event or a hand change delays a reconcile by at most one interval. With
 * several parts, a part of the fleet is checked in depth every interval ÷ parts. Also run on
 * request: at the start, when this instance takes the lease, and after the stream lost its position.
 */
public final class Resync {

  private static final Logger LOG = Logger.getLogger(Resync.class);

  private final ResyncSelection selection;
  private final Clock clock;
  private final Duration interval;
  private final int parts;
  private int nextPart;
  private final Duration retryAfterFailure;
  private final EventSink sink;
  private final AtomicLong completed = new AtomicLong();
  private volatile boolean requested = true;
  private volatile boolean firstDone;
  private Instant nextAt = Instant.MIN;
  private boolean failing;

  public Resync(ResyncSelection selection, Clock clock, Duration interval, Duration retryAfterFailure, EventSink sink) {
    this(selection, clock, interval, 1, retryAfterFailure, sink);
  }

  /**
   * @param parts timed resyncs run {@code parts} times per interval, each checking one part of the fleet
   *     in depth, so every deployment is still checked once per interval but the AWS reads are spread
   *     out instead of spent in one burst; a requested resync checks the whole fleet
   */
  public Resync(ResyncSelection selection, Clock clock, Duration interval, int parts, Duration retryAfterFailure,
      EventSink sink) {
    if (parts < 1) {
      throw new IllegalArgumentException("parts must be at least 1, was " + parts);
    }
    this.selection = selection;
    this.clock = clock;
    this.interval = interval;
    this.parts = parts;
    this.retryAfterFailure = retryAfterFailure;
    this.sink = sink;
  }

  /** Runs at the next tick, whenever the last one ran. */
  public void requestNow() {
    requested = true;
  }

  /** Whether a resync was asked for and has not run yet. */
  public boolean isRequested() {
    return requested;
  }

  /** Whether a resync has listed every document at least once since the start. */
  public boolean firstDone() {
    return firstDone;
  }

  /** How many resyncs have completed. */
  public long completed() {
    return completed.get();
  }

  /** Resyncs if one is due or was requested. Called on a short real-time tick. */
  public synchronized void tick() {
    Instant now = clock.instant();
    if (!requested && now.isBefore(nextAt)) {
      return;
    }
    boolean whole = requested || parts == 1;
    requested = false;
    try {
      Map<String, String> due = whole ? selection.due() : selection.due(nextPart, parts);
      due.keySet().forEach(sink::changed);
      nextPart = whole ? 0 : (nextPart + 1) % parts;
      nextAt = now.plus(interval.dividedBy(parts));
      completed.incrementAndGet();
      firstDone = true;
      if (failing) {
        LOG.infof("resync works again (%d deployments due)", due.size());
        failing = false;
      }
      due.forEach((name, why) -> LOG.debugf("resync: %s is due: %s", name, why));
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warnf("resync failed; retrying every %s: %s", retryAfterFailure, e.getMessage());
        failing = true;
      }
      nextAt = now.plus(retryAfterFailure);
    }
  }
}
