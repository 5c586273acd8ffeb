package dev.teal.sandbox.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Refill measured on the simulator's clock, so a virtual clock makes throttling exact in tests. */
public final class TokenBucket {

  private final Clock clock;
  private final double capacity;
  private final double refillPerSecond;
  private double tokens;
  private Instant last;

  public TokenBucket(Clock clock, int capacity, double refillPerSecond) {
    if (capacity < 1 || refillPerSecond < 0) {
      throw new IllegalArgumentException("capacity >= 1 and refill >= 0 required");
    }
    this.clock = clock;
    this.capacity = capacity;
    this.refillPerSecond = refillPerSecond;
    this.tokens = capacity;
    this.last = clock.instant();
  }

  public synchronized boolean tryTake() {
    refill();
    if (tokens >= 1.0) {
      tokens -= 1.0;
      return true;
    }
    return false;
  }

  private void refill() {
    Instant now = clock.instant();
    if (now.isAfter(last)) {
      double seconds = Duration.between(last, now).toNanos() / 1e9;
      tokens = Math.min(capacity, tokens + seconds * refillPerSecond);
      last = now;
    }
  }
}
