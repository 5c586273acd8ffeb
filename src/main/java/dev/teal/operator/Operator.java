package dev.teal.operator;

import dev.teal.operator.events.EventSources;
import dev.teal.operator.events.HealthWatch;
import dev.teal.operator.lease.DynamoLease;
import dev.teal.operator.lease.Leadership;
import dev.teal.operator.queue.Ticker;
import dev.teal.operator.queue.WorkQueue;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The daemon: event sources fill a work queue of deployment names, and while this instance holds the
 * leader lease its workers reconcile them. Plain Java, built by {@link OperatorAssembly}; the Quarkus
 * application starts and stops one through {@code OperatorLifecycle}, and a test can run a second,
 * independent one next to it.
 */
public final class Operator {

  private static final Logger LOG = Logger.getLogger(Operator.class);

  private final OperatorSettings settings;
  private final WorkQueue queue;
  private final EventSources events;
  private final HealthWatch healthWatch;
  private final DynamoLease lease;
  private final Leadership leadership;
  private final ReconcileLog reconciles;
  private final AtomicBoolean stopping;
  private final Runnable stopAnalyses;
  // Written under the lock by start/stop/halt, read without it by status() (health checks must not
  // wait for a shutdown in progress).
  private volatile Ticker leaseTicker;
  private volatile Ticker healthTicker;
  private volatile boolean started;
  private volatile boolean stopped;

  Operator(OperatorSettings settings, WorkQueue queue, EventSources events, HealthWatch healthWatch, DynamoLease lease,
      Leadership leadership, ReconcileLog reconciles, AtomicBoolean stopping, Runnable stopAnalyses) {
    this.settings = settings;
    this.queue = queue;
    this.events = events;
    this.healthWatch = healthWatch;
    this.lease = lease;
    this.leadership = leadership;
    this.reconciles = reconciles;
    this.stopping = stopping;
    this.stopAnalyses = stopAnalyses;
  }

  public String operatorId() {
    return settings.operatorId();
  }

  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("operator " + operatorId() + " was started before");
    }
    started = true;
    LOG.infof("starting operator %s on table %s (%d workers, lease %s)", operatorId(), settings.table(),
        settings.workers(), settings.leaseEnabled() ? settings.leaseTiming().duration() : "off");
    if (lease != null) {
      leaseTicker = Ticker.start("teal-" + operatorId() + "-lease", settings.tick(), lease::tick);
    }
    queue.start();
    events.start();
    healthTicker = Ticker.start("teal-" + operatorId() + "-health-watch", settings.tick(), healthWatch::tick);
  }

  /**
   * Stops gracefully: no new events and no new reconciles; reconciles in flight end at their next
   * mutating action (whose intent is not yet written, so the next holder resumes cleanly) or finish
   * within {@code shutdownTimeout}; then the lease is released so a standby takes over at once. A
   * reconcile that outlives the timeout is interrupted, and the lease is then left to expire instead.
   */
  public synchronized void stop() {
    if (!started || stopped) {
      return;
    }
    stopped = true;
    stopping.set(true);
    LOG.infof("stopping operator %s", operatorId());
    boolean drained = false;
    try {
      events.stop(Duration.ofSeconds(5));
      stopHealthTicker();
      queue.stopDispatching();
      drained = queue.awaitInFlight(settings.shutdownTimeout());
      if (!drained) {
        LOG.warnf("reconciles still running after %s; interrupting them", settings.shutdownTimeout());
        queue.stopNow();
        drained = queue.awaitTermination(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      queue.stopNow();
    }
    stopAnalyses.run(); // their progress is on record; the next holder resumes them
    stopLeaseTicker(Duration.ofSeconds(5));
    if (lease != null) {
      if (drained) {
        lease.release();
      } else {
        lease.halt();
        LOG.warnf("not releasing the lease while a reconcile may still run; a standby takes over when it expires");
      }
    }
    LOG.infof("operator %s stopped", operatorId());
  }

  /**
   * Stops at once without releasing the lease, as a crash would (for fail-over tests): nothing more is
   * dispatched, reconciles in flight are interrupted, and this instance stops acting.
   */
  public synchronized void halt() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (lease != null) {
      lease.halt();
    }
    stopping.set(true);
    queue.stopNow();
    stopAnalyses.run();
    if (leaseTicker != null) {
      leaseTicker.stopNow();
    }
    if (healthTicker != null) {
      healthTicker.stopNow();
    }
    try {
      events.stop(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.warnf("operator %s halted without releasing its lease", operatorId());
  }

  private void stopHealthTicker() throws InterruptedException {
    if (healthTicker != null) {
      healthTicker.stop(Duration.ofSeconds(5));
    }
  }

  public OperatorStatus status() {
    Ticker ticker = leaseTicker;
    boolean leaseKept = lease == null || ticker != null && ticker.alive();
    boolean alive = started && !stopped && queue.alive() && events.alive() && leaseKept;
    return new OperatorStatus(operatorId(), leadership.status(), leadership.canAct(), events.mode(),
        events.resync().firstDone(), queue.depth(), queue.delayedCount(), queue.inFlightCount(), alive);
  }

  public WorkQueue queue() {
    return queue;
  }

  public EventSources events() {
    return events;
  }

  public Leadership leadership() {
    return leadership;
  }

  public ReconcileLog reconciles() {
    return reconciles;
  }

  /** Lets a renewal in progress finish, so the release after it does not race it. */
  private void stopLeaseTicker(Duration timeout) {
    if (leaseTicker == null) {
      return;
    }
    try {
      if (!leaseTicker.stop(timeout)) {
        leaseTicker.stopNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      leaseTicker.stopNow();
    }
  }
}
