package dev.teal.operator.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A work queue of names, in the manner of controller-runtime's: a name waiting is waiting once, however
 * often it is added; a name is processed by at most one worker at a time, and a name added while it is
 * being processed is processed once more right after; failures are retried after an exponential
 * backoff with jitter; a processed name may ask to be looked at again after a delay.
 *
 * <p>Delays are measured on the injected clock. A timer thread moves the names that have come due into
 * the ready set every {@code tick} of real time, so a virtual clock advanced by a test fires them
 * promptly, and with the system clock they fire within a tick of their due time. Adding a name wakes a
 * worker at once.
 *
 * <p>Workers take names only while {@code dispatchAllowed} says so (the lease is held); names added
 * meanwhile wait, deduplicated.
 */
public final class WorkQueue {

  /** Told when processing failed and when it will be retried; called outside the queue's lock. */
  @FunctionalInterface
  public interface FailureListener {
    void retrying(String name, int failuresInARow, Duration retryIn, Exception cause);
  }

  private enum State { NEW, RUNNING, DRAINING, STOPPED }

  private final String threadPrefix;
  private final Clock clock;
  private final int workers;
  private final Duration tick;
  private final Backoff backoff;
  private final WorkHandler handler;
  private final BooleanSupplier dispatchAllowed;
  private final FailureListener failureListener;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workAvailable = lock.newCondition();
  private final Condition inFlightChanged = lock.newCondition();
  private final Set<String> ready = new LinkedHashSet<>();
  private final Set<String> inFlight = new HashSet<>();
  private final Set<String> dirty = new HashSet<>();
  private final Delays delays = new Delays();
  private final Map<String, Integer> failuresInARow = new HashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private ScheduledExecutorService timer;
  private State state = State.NEW;

  /**
   * @param threadPrefix names the threads ({@code <prefix>-worker-1}, {@code <prefix>-timer})
   * @param tick how often (real time) due delays are looked for
   */
  public WorkQueue(String threadPrefix, Clock clock, int workers, Duration tick, Backoff backoff,
      WorkHandler handler, BooleanSupplier dispatchAllowed, FailureListener failureListener) {
    if (workers < 1) {
      throw new IllegalArgumentException("at least one worker is needed, was " + workers);
    }
    this.threadPrefix = threadPrefix;
    this.clock = clock;
    this.workers = workers;
    this.tick = tick;
    this.backoff = backoff;
    this.handler = handler;
    this.dispatchAllowed = dispatchAllowed;
    this.failureListener = failureListener;
  }

  public void start() {
    lock.lock();
    try {
      if (state != State.NEW) {
        throw new IllegalStateException("the queue was started before");
      }
      state = State.RUNNING;
      for (int i = 1; i <= workers; i++) {
        Thread worker = new Thread(this::work, threadPrefix + "-worker-" + i);
        worker.setDaemon(true);
        threads.add(worker);
      }
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, threadPrefix + "-timer");
        t.setDaemon(true);
        return t;
      });
    } finally {
      lock.unlock();
    }
    threads.forEach(Thread::start);
    timer.scheduleWithFixedDelay(this::promoteDue, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Processes {@code name} as soon as a worker is free (and again after, if it is being processed now). */
  public void add(String name) {
    lock.lock();
    try {
      if (accepting()) {
        addReady(name);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Names waiting for a worker now (not those waiting for a delay, nor those being processed). */
  public int depth() {
    lock.lock();
    try {
      return ready.size();
    } finally {
      lock.unlock();
    }
  }

  /** Names waiting for a delay to pass. */
  public int delayedCount() {
    lock.lock();
    try {
      return delays.size();
    } finally {
      lock.unlock();
    }
  }

  public int inFlightCount() {
    lock.lock();
    try {
      return inFlight.size();
    } finally {
      lock.unlock();
    }
  }

  /** Nothing ready and nothing being processed: all that is left waits for time to pass or an event. */
  public boolean idle() {
    lock.lock();
    try {
      return ready.isEmpty() && inFlight.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Nothing to do at the clock's current time: nothing ready, nothing being processed, and no delay
   * that has passed but not yet been noticed. What is left waits for the clock to move or an event.
   */
  public boolean settled() {
    lock.lock();
    try {
      return ready.isEmpty() && inFlight.isEmpty()
          && !delays.anyDue(clock.instant());
    } finally {
      lock.unlock();
    }
  }

  /** When {@code name} is due, if it waits for a delay. */
  public Instant dueAt(String name) {
    lock.lock();
    try {
      return delays.dueAt(name);
    } finally {
      lock.unlock();
    }
  }

  /** Whether every worker thread and the timer are running. */
  public boolean alive() {
    lock.lock();
    try {
      return state == State.RUNNING && threads.stream().allMatch(Thread::isAlive) && !timer.isShutdown();
    } finally {
      lock.unlock();
    }
  }

  /** Stops handing out names; names being processed run to their end. Names added from now on are dropped. */
  public void stopDispatching() {
    lock.lock();
    try {
      if (state == State.NEW || state == State.RUNNING) {
        state = State.DRAINING;
      }
      workAvailable.signalAll();
    } finally {
      lock.unlock();
    }
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** Waits (real time) until nothing is being processed; false if {@code timeout} passed first. */
  public boolean awaitInFlight(Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      while (!inFlight.isEmpty()) {
        if (remaining <= 0) {
          return false;
        }
        remaining = inFlightChanged.awaitNanos(remaining);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Interrupts the workers (a reconcile in an AWS call gives up) and drops everything queued. */
  public void stopNow() {
    stopDispatching();
    lock.lock();
    try {
      state = State.STOPPED;
      ready.clear();
      delays.clear();
      dirty.clear();
    } finally {
      lock.unlock();
    }
    threads.forEach(Thread::interrupt);
  }

  /** Waits (real time) for the worker threads to end. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread thread : threads) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedJoin(thread, left);
      }
      if (thread.isAlive()) {
        return false;
      }
    }
    return true;
  }

  // ---- internals: every method below runs with the lock held, unless it says otherwise ----------

  /** Names are taken before the start (they wait for it) and while running, not once stopping. */
  private boolean accepting() {
    return state == State.NEW || state == State.RUNNING;
  }

  private void addReady(String name) {
    if (inFlight.contains(name)) {
      dirty.add(name);
      return;
    }
    delays.remove(name);
    if (ready.add(name)) {
      workAvailable.signal();
    }
  }

  /** On the timer thread: names whose delay has passed become ready. Takes the lock. */
  private void promoteDue() {
    lock.lock();
    try {
      delays.takeDue(clock.instant()).forEach(this::addReady);
      if (!ready.isEmpty()) {
        workAvailable.signalAll(); // also wakes workers held back by dispatchAllowed, which may have changed
      }
    } finally {
      lock.unlock();
    }
  }

  /** A worker thread's loop. Takes the lock. */
  private void work() {
    while (true) {
      String name = take();
      if (name == null) {
        return;
      }
      Requeue next = null;
      Exception failure = null;
      try {
        next = handler.process(name);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = e;
      } catch (Exception e) {
        failure = e;
      }
      finish(name, next, failure);
    }
  }

  private String take() {
    lock.lock();
    try {
      while (true) {
        if (state != State.RUNNING || Thread.currentThread().isInterrupted()) {
          return null;
        }
        if (!ready.isEmpty() && dispatchAllowed.getAsBoolean()) {
          Iterator<String> first = ready.iterator();
          String name = first.next();
          first.remove();
          inFlight.add(name);
          return name;
        }
        workAvailable.awaitNanos(tick.toNanos());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      lock.unlock();
    }
  }

  private void finish(String name, Requeue next, Exception failure) {
    int failures = 0;
    Duration retryIn = null;
    lock.lock();
    try {
      inFlight.remove(name);
      if (failure != null) {
        failures = failuresInARow.merge(name, 1, Integer::sum);
        retryIn = backoff.delay(failures);
      } else {
        failuresInARow.remove(name);
      }
      if (accepting()) {
        if (dirty.remove(name)) {
          addReady(name); // something changed while it ran: the result is already out of date
        } else if (failure != null) {
          delays.schedule(name, clock.instant().plus(retryIn));
        } else if (next != null && next.after() != null) {
          if (next.after().isZero()) {
            addReady(name);
          } else {
            delays.schedule(name, clock.instant().plus(next.after()));
          }
        }
      }
      inFlightChanged.signalAll();
    } finally {
      lock.unlock();
    }
    if (failure != null) {
      failureListener.retrying(name, failures, retryIn, failure);
    }
  }
}
