package dev.teal.operator.lease;

import dev.teal.aws.CallBudget;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a lease lasts, how often it is renewed, and how long before its possible expiry the holder
 * stops acting.
 *
 * <p>The holder writes {@code expiresAt = now + duration} on its own clock, and a standby takes over
 * once {@code expiresAt} is before now on <em>its</em> clock. The holder stops acting
 * {@code duration - safetyMargin} after it sent its last successful renewal, measured on its monotonic
 * clock, so as long as the instances' clocks differ by less than the safety margin, the holder has
 * stopped before any standby can think the lease is free.
 *
 * <p>A mutating AWS call starts only while the holder may act for at least the call's worst case
 * ({@link #requireRoomFor}), so the last request it can send leaves before it stops acting.
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

  /** Renew interval and safety margin default to a sixth of the duration each (5 s of the default 30 s). */
  public static LeaseTiming of(Duration duration, Optional<Duration> renewInterval, Optional<Duration> safetyMargin) {
    Duration sixth = duration.dividedBy(6);
    return new LeaseTiming(duration, renewInterval.orElse(sixth), safetyMargin.orElse(sixth));
  }

  /** How long after sending a successful renewal the holder may act: {@code duration - safetyMargin}. */
  public Duration actingWindow() {
    return duration.minus(safetyMargin);
  }

  /**
   * The longest mutating call a holder whose renewals succeed can always start: right before a renewal
   * lands, {@code renewInterval} has passed since the last one was sent, which leaves
   * {@code duration - safetyMargin - renewInterval}.
   */
  public Duration longestCallAlwaysAdmitted() {
    return actingWindow().minus(renewInterval);
  }

  /**
   * Refuses a call budget that a holder renewing on time could not always fit in its lease: with it, the
   * holder would hold back mutating calls every renew interval, or (with a longer call) never make one.
   * The difference is the slack a renewal's own round trip may take before calls are held back.
   *
   * @throws IllegalArgumentException naming the properties to change
   */
  public void requireRoomFor(CallBudget budget) {
    Duration room = longestCallAlwaysAdmitted();
    if (budget.call().compareTo(room) >= 0) {
      throw new IllegalArgumentException("teal.aws.call-timeout (" + budget.call() + ") must be shorter than"
          + " teal.lease.duration (" + duration + ") - teal.lease.safety-margin (" + safetyMargin
          + ") - teal.lease.renew-interval (" + renewInterval + ") = " + room + ": a mutating AWS call starts only"
          + " while the lease is held for at least the call's worst case (the call timeout, every retry"
          + " included), and a holder that renews on time has no more than that left just before a renewal."
          + " Shorten teal.aws.call-timeout or lengthen teal.lease.duration");
    }
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
