package dev.teal.operator.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.reconcile.Action;
import dev.teal.reconcile.ActionGate;
import dev.teal.sandbox.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The token bucket on the injected clock and the gate that defers mutating actions with it. */
class RateLimitTest {

  private final VirtualClock clock = new VirtualClock();
  private static final Action ACTION = new Action.DeleteTargetGroup("r1", "arn:tg");

  @Test
  void aBurstIsAllowedThenOneTokenPerIntervalRefills() {
    TokenBucket bucket = new TokenBucket(10, 3, clock);
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(100));

    clock.advance(Duration.ofMillis(50));
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(50));
    clock.advance(Duration.ofMillis(50));
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void aLongQuietSpellRefillsOnlyUpToTheBurst() {
    TokenBucket bucket = new TokenBucket(10, 2, clock);
    bucket.tryTake();
    bucket.tryTake();
    clock.advance(Duration.ofHours(1));
    assertThat(bucket.available()).isEqualTo(2.0);
  }

  @Test
  void theLimitDefersMutatingActionsOverItAndCountsThem() {
    AtomicInteger deferred = new AtomicInteger();
    ActionGate limit = new MutatingCallLimit(new TokenBucket(100, 1, clock), deferred::incrementAndGet);

    assertThat(limit.admit(ACTION)).isEmpty();
    Optional<ActionGate.Deferral> second = limit.admit(ACTION);

    assertThat(second).hasValueSatisfying(d -> {
      assertThat(d.retryAfter()).as("never sooner than the floor").isEqualTo(MutatingCallLimit.MIN_RETRY);
      assertThat(d.reason()).contains("rate limit");
    });
    assertThat(deferred).hasValue(1);
  }

  /**
   * Planted once: {@code tryTake()} in the limit instead of {@code tryTakeOrQueue()} gives every refused
   * caller the same 100 ms, and this fails.
   */
  @Test
  void refusedActionsAreToldToComeBackOneAtATimeAtTheRefillRate() {
    ActionGate limit = new MutatingCallLimit(new TokenBucket(10, 1, clock), () -> { });
    assertThat(limit.admit(ACTION)).isEmpty();

    List<Duration> turns = IntStream.range(0, 4).mapToObj(i -> limit.admit(ACTION).orElseThrow().retryAfter())
        .toList();

    assertThat(turns).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300),
        Duration.ofMillis(400));
    clock.advance(Duration.ofMillis(100));
    assertThat(limit.admit(ACTION)).as("the first comes back to a token").isEmpty();
    clock.advance(Duration.ofHours(1));
    assertThat(limit.admit(ACTION)).isEmpty();
    assertThat(limit.admit(ACTION).orElseThrow().retryAfter()).as("an old line is forgotten")
        .isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void aGateChainStopsAtTheFirstRefusalSoTheLimitsTokenIsNotSpent() {
    TokenBucket bucket = new TokenBucket(1, 1, clock);
    ActionGate closed = action -> Optional.of(new ActionGate.Deferral(Duration.ofSeconds(1), "closed"));
    ActionGate chain = closed.then(new MutatingCallLimit(bucket, () -> { }));

    assertThat(chain.admit(new Action.AdoptTaskSet("r1", "arn:ts", Map.of()))).isPresent();
    assertThat(bucket.available()).isEqualTo(1.0);
  }
}
