package dev.teal.operator.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Exponential backoff with full jitter: after the n-th failure in a row the wait is drawn uniformly
 * between zero and {@code min(max, initial × multiplier^(n-1))}, so deployments failing together (one
 * AWS outage) do not all retry in step.
 */
public final class Backoff {

  private final Duration initial;
  private final double multiplier;
  private final Duration max;
  private final Random random;

  /** @param random the jitter's source; pass a seeded one for repeatable tests */
  public Backoff(Duration initial, double multiplier, Duration max, Random random) {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("the initial backoff must be positive, was " + initial);
    }
    if (multiplier < 1) {
      throw new IllegalArgumentException("the backoff multiplier must be at least 1, was " + multiplier);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("the longest backoff (" + max + ") is shorter than the first (" + initial + ")");
    }
    this.initial = initial;
    this.multiplier = multiplier;
    this.max = max;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The longest wait after {@code failures} failures in a row (at least 1). */
  public Duration ceiling(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures start at 1, was " + failures);
    }
    double millis = initial.toMillis() * Math.pow(multiplier, failures - 1);
    return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
  }

  /** The wait after {@code failures} failures in a row: uniform in [0, ceiling]. */
  public Duration delay(int failures) {
    long ceiling = ceiling(failures).toMillis();
    double draw;
    synchronized (random) {
      draw = random.nextDouble();
    }
    return Duration.ofMillis((long) (draw * ceiling));
  }
}
