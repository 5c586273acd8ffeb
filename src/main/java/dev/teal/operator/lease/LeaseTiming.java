package dev.teal.operator.lease;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a lease lasts, how often it is renewed, and how long before its possible expiry the holder
 * stops acting.
 *
 * <p>The holder writes {@code expiresAt = now + duration} on its own clock, and a standby takes over
 * once {@code expiresAt} is before now on <em>its</em> clock. The holder stops acting at
 * {@code lastRenewal + duration - safetyMargin}, so as long as the instances' clocks differ by less
 * than the safety margin, the holder has stopped before any standby can think the lease is free.
 */
public record LeaseTiming(Duration duration, Duration renewInterval, Duration safetyMargin) {

  public LeaseTiming {
    if (!positive(duration)) {
      throw new IllegalArgumentException("the lease duration must be positive, was " + duration);
    }
    if (!positive(safetyMargin) || safetyMargin.compareTo(duration) >= 0) {
      throw new IllegalArgumentException("the lease safety margin (" + safetyMargin
          + ") must be positive and shorter than the lease duration (" + duration + ")");
    }
    if (!positive(renewInterval) || renewInterval.compareTo(duration.minus(safetyMargin)) >= 0) {
      throw new IllegalArgumentException("the lease renew interval (" + renewInterval + ") must be shorter than"
          + " the lease duration minus the safety margin (" + duration.minus(safetyMargin)
          + "), or the holder would stop acting before its first renewal");
    }
  }

  /** Renew interval and safety margin default to a third of the duration each. */
  public static LeaseTiming of(Duration duration, Optional<Duration> renewInterval, Optional<Duration> safetyMargin) {
    Duration third = duration.dividedBy(3);
    return new LeaseTiming(duration, renewInterval.orElse(third), safetyMargin.orElse(third));
  }

  /** After a failed renewal or read, how soon to try again. */
  public Duration retryInterval() {
    Duration fifth = renewInterval.dividedBy(5);
    return positive(fifth) ? fifth : renewInterval;
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
