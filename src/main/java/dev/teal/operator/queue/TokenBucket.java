package dev.teal.operator.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket on the injected clock: {@code burst} tokens at most, refilled at {@code perSecond}.
 * It never waits; it says how long until the next token instead.
 */
public final class TokenBucket {

  private final double perSecond;
  private final int burst;
  private final Clock clock;
  private double tokens;
  private Instant refilledAt;
  private final Duration interval;
  /** The latest turn handed out by {@link #tryTakeOrQueue()}. */
  private Instant lastTurn;

  public TokenBucket(double perSecond, int burst, Clock clock) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("the rate must be positive, was " + perSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("the burst must be at least 1, was " + burst);
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
    this.tokens = burst;
    this.refilledAt = clock.instant();
    this.interval = Duration.ofNanos((long) Math.ceil(1_000_000_000L / perSecond));
  }

  /** Takes a token: zero when one was there, else how long until one will be (nothing is taken then). */
  public synchronized Duration tryTake() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return Duration.ZERO;
    }
    long nanos = (long) Math.ceil((1 - tokens) / perSecond * 1_000_000_000L);
    return Duration.ofNanos(Math.max(1, nanos));
  }

  /**
   * Like {@link #tryTake()}, but each caller turned away gets its own turn, one refill interval after
   * the turn of the caller turned away before it. A crowd refused at once (a thousand deployments
   * adopted together) then comes back spread out at the rate tokens appear, instead of all at once
   * when the next token is due, each paying a fresh observation to be refused again.
   */
  public synchronized Duration tryTakeOrQueue() {
    Duration wait = tryTake();
    if (wait.isZero()) {
      return wait;
    }
    Instant now = clock.instant();
    Instant turn = now.plus(wait);
    if (lastTurn != null && !lastTurn.plus(interval).isBefore(turn)) {
      turn = lastTurn.plus(interval);
    }
    lastTurn = turn;
    return Duration.between(now, turn);
  }

  /** Tokens available now (for tests and metrics). */
  public synchronized double available() {
    refill();
    return tokens;
  }

  private void refill() {
    Instant now = clock.instant();
    if (now.isAfter(refilledAt)) {
      double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
      tokens = Math.min(burst, tokens + seconds * perSecond);
      refilledAt = now;
    }
  }
}
