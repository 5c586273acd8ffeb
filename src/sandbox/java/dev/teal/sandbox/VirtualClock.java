package dev.teal.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when a test moves it. The simulator and teal's reconciler share one
 * instance in tests, so a single {@link #advance(Duration)} moves both worlds together.
 */
public final class VirtualClock extends Clock {

  /** A fixed, recognisable start so that timestamps in failing tests are easy to read. */
  public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  public VirtualClock() {
    this(DEFAULT_START);
  }

  public VirtualClock(Instant start) {
    this(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  private VirtualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** Shares the same time source; only the zone used for rendering differs. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new VirtualClock(now, zone);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  public Instant advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("time does not go backwards: " + amount);
    }
    return now.updateAndGet(t -> t.plus(amount));
  }

  public Instant advanceSeconds(long seconds) {
    return advance(Duration.ofSeconds(seconds));
  }

  /** Jumps to an instant; going backwards is refused because the simulator's world cannot un-happen. */
  public void set(Instant instant) {
    now.updateAndGet(t -> {
      if (instant.isBefore(t)) {
        throw new IllegalArgumentException("cannot move clock back from " + t + " to " + instant);
      }
      return instant;
    });
  }

  @Override
  public String toString() {
    return "VirtualClock[" + now.get() + "]";
  }
}
