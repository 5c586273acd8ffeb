package dev.teal.operator.queue;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Calls a task every {@code period} of real time on its own daemon thread. Components decide for
 * themselves whether something is due by the injected clock, so a short period makes a virtual clock's
 * jumps take effect promptly. A task that throws is logged and called again next period.
 */
public final class Ticker {

  private static final Logger LOG = Logger.getLogger(Ticker.class);

  private final ScheduledExecutorService executor;

  private Ticker(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  public static Ticker start(String threadName, Duration period, Runnable task) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, threadName);
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warnf(e, "%s failed; trying again in %s", threadName, period);
      }
    }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    return new Ticker(executor);
  }

  public boolean alive() {
    return !executor.isShutdown();
  }

  /** Stops calling the task; waits (real time) for a call in progress to end. */
  public boolean stop(Duration timeout) throws InterruptedException {
    executor.shutdown();
    return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops calling the task, interrupting a call in progress. */
  public void stopNow() {
    executor.shutdownNow();
  }
}
