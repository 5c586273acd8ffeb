package dev.teal.operator.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * What a worker wants done with a name once it has processed it. A failure is not one of these: the
 * handler throws, and the queue backs off.
 *
 * @param after null for "not again until something changes", zero for "again at once"
 */
public record Requeue(Duration after) {

  private static final Requeue NONE = new Requeue(null);
  private static final Requeue NOW = new Requeue(Duration.ZERO);

  public Requeue {
    if (after != null && after.isNegative()) {
      throw new IllegalArgumentException("cannot requeue in the past: " + after);
    }
  }

  /** Done until the next event or resync. */
  public static Requeue none() {
    return NONE;
  }

  /** Again as soon as a worker is free. */
  public static Requeue now() {
    return NOW;
  }

  /** Again once {@code delay} has passed on the queue's clock. */
  public static Requeue after(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    return delay.isZero() ? NOW : new Requeue(delay);
  }
}
