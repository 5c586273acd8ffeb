package dev.teal.operator.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teal.sandbox.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The work queue's contract, with real worker threads and the virtual clock.
 *
 * <p>Planted fault: with the in-flight check in {@code WorkQueue.addReady} removed (a name being
 * processed goes straight back to the ready set), {@link #aNameAddedWhileInFlightIsNeverProcessedTwiceAtOnce}
 * fails: a second worker processes the same name concurrently.
 */
class WorkQueueTest {

  private static final Duration TICK = Duration.ofMillis(10);
  private static final Duration QUIET = Duration.ofMillis(200);

  private final VirtualClock clock = new VirtualClock();
  private final List<String> processed = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean dispatch = new AtomicBoolean(true);
  private WorkQueue queue;

  @AfterEach
  void stop() {
    if (queue != null) {
      queue.stopNow();
    }
  }

  private WorkQueue start(int workers, WorkHandler handler) {
    return start(workers, handler, new Random(42));
  }

  private WorkQueue start(int workers, WorkHandler handler, Random random) {
    queue = new WorkQueue("test", clock, workers, TICK,
        new Backoff(Duration.ofSeconds(2), 2, Duration.ofMinutes(5), random), name -> {
          processed.add(name);
          return handler.process(name);
        }, dispatch::get, (name, failures, retryIn, cause) -> { });
    queue.start();
    return queue;
  }

  private long times(String name) {
    synchronized (processed) {
      return processed.stream().filter(name::equals).count();
    }
  }

  @Test
  void aNameWaitingIsWaitingOnceHoweverOftenItIsAdded() {
    dispatch.set(false);
    start(4, name -> Requeue.none());
    queue.add("web");
    queue.add("web");
    queue.add("api");
    queue.add("web");
    assertThat(queue.depth()).isEqualTo(2);

    dispatch.set(true);
    await().atMost(Duration.ofSeconds(5)).until(queue::settled);
    await().during(QUIET).atMost(Duration.ofSeconds(2)).until(() -> times("web") == 1 && times("api") == 1);
  }

  @Test
  void aNameAddedWhileInFlightIsNeverProcessedTwiceAtOnce() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    AtomicInteger mostAtOnce = new AtomicInteger();
    start(4, name -> {
      int now = running.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
      mostAtOnce.accumulateAndGet(now, Math::max);
      try {
        release.await(5, TimeUnit.SECONDS);
      } finally {
        running.get(name).decrementAndGet();
      }
      return Requeue.none();
    });
    queue.add("web");
    await().atMost(Duration.ofSeconds(5)).until(() -> queue.inFlightCount() == 1);

    queue.add("web");
    queue.add("web");
    queue.add("web");
    await().during(QUIET).atMost(Duration.ofSeconds(2)).until(() -> times("web") == 1);
    release.countDown();

    await().atMost(Duration.ofSeconds(5)).until(() -> queue.settled() && times("web") == 2);
    assertThat(mostAtOnce).as("reconciles of one name at once").hasValue(1);
    await().during(QUIET).atMost(Duration.ofSeconds(2)).until(() -> times("web") == 2);
  }

  @Test
  void requeueAfterIsDueByTheInjectedClock() {
    AtomicInteger runs = new AtomicInteger();
    start(2, name -> runs.incrementAndGet() == 1 ? Requeue.after(Duration.ofSeconds(30)) : Requeue.none());
    queue.add("web");
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1 && queue.settled());
    assertThat(queue.dueAt("web")).isEqualTo(clock.instant().plusSeconds(30));

    clock.advanceSeconds(29);
    await().during(QUIET).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 1 && queue.settled());
    clock.advanceSeconds(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
    assertThat(queue.dueAt("web")).isNull();
  }

  @Test
  void anImmediateAddOvertakesADelayAndContinueRunsAgainAtOnce() {
    AtomicInteger runs = new AtomicInteger();
    start(1, name -> switch (runs.incrementAndGet()) {
      case 1 -> Requeue.after(Duration.ofHours(1));
      case 2 -> Requeue.now();
      default -> Requeue.none();
    });
    queue.add("web");
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1 && queue.settled());

    queue.add("web");
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 3 && queue.settled());
    assertThat(queue.dueAt("web")).as("the hour-long delay was replaced").isNull();
  }

  @Test
  void failuresBackOffExponentiallyAndASuccessResetsTheCount() {
    Random almostOne = new Random() {
      @Override
      public double nextDouble() {
        return 0.999;
      }
    };
    AtomicInteger runs = new AtomicInteger();
    start(1, name -> {
      int run = runs.incrementAndGet();
      if (run == 3) {
        return Requeue.now(); // a success between failures
      }
      throw new IllegalStateException("failure " + run);
    }, almostOne);
    queue.add("web");
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1 && queue.settled());
    assertThat(queue.dueAt("web")).isEqualTo(clock.instant().plusMillis(1998)); // 0.999 × 2 s

    clock.advance(Duration.ofMillis(1998));
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2 && queue.settled());
    assertThat(queue.dueAt("web")).isEqualTo(clock.instant().plusMillis(3996)); // 0.999 × 4 s

    clock.advance(Duration.ofMillis(3996));
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 4 && queue.settled());
    assertThat(queue.dueAt("web")).as("the count starts again after a success")
        .isEqualTo(clock.instant().plusMillis(1998));
  }

  @Test
  void workersTakeNothingWhileDispatchIsNotAllowed() {
    dispatch.set(false);
    start(2, name -> Requeue.none());
    queue.add("web");
    await().during(QUIET).atMost(Duration.ofSeconds(2)).until(() -> processed.isEmpty());
    assertThat(queue.settled()).as("a name held back is not settled").isFalse();

    dispatch.set(true);
    await().atMost(Duration.ofSeconds(5)).until(() -> times("web") == 1);
  }

  @Test
  void stoppingLetsTheReconcileInFlightFinishAndTakesNoMore() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    start(1, name -> {
      if (name.equals("slow")) {
        release.await(5, TimeUnit.SECONDS);
      }
      return Requeue.none();
    });
    queue.add("slow");
    await().atMost(Duration.ofSeconds(5)).until(() -> queue.inFlightCount() == 1);
    queue.add("next");

    queue.stopDispatching();
    assertThat(queue.awaitInFlight(Duration.ofMillis(50))).isFalse();
    release.countDown();
    assertThat(queue.awaitInFlight(Duration.ofSeconds(5))).isTrue();
    await().during(QUIET).atMost(Duration.ofSeconds(2)).until(() -> times("next") == 0);
    assertThat(queue.alive()).isFalse();
  }

  @Test
  void stopNowInterruptsAReconcileStuckInACall() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    start(1, name -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        interrupted.set(true);
        throw e;
      }
      return Requeue.none();
    });
    queue.add("stuck");
    await().atMost(Duration.ofSeconds(5)).until(() -> queue.inFlightCount() == 1);

    queue.stopNow();
    assertThat(queue.awaitTermination(Duration.ofSeconds(5))).isTrue();
    assertThat(interrupted).isTrue();
  }
}
