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
