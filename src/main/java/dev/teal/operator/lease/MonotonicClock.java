package dev.teal.operator.lease;

import java.time.Clock;
import java.time.Instant;

/**
 * Elapsed time that never jumps: how long the holder may still act is measured on this, never on the
 * wall clock, which NTP (or a person) may step back or forward. Only differences between two readings
 * mean anything; the origin is arbitrary.
 */
@FunctionalInterface
public interface MonotonicClock {

  /** Nanoseconds since an arbitrary origin; never less than an earlier reading. */
  long nanos();

  /** {@link System#nanoTime()}: what the daemon uses. */
  static MonotonicClock system() {
    return System::nanoTime;
  }

  /**
   * Elapsed time read off a clock that never goes back (the sandbox's virtual clock), so tests move the
   * lease's notion of elapsed time together with the rest of the world.
   */
  static MonotonicClock of(Clock neverGoingBack) {
    return () -> {
      Instant now = neverGoingBack.instant();
      return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    };
  }
}
