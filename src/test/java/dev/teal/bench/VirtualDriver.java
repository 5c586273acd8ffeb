package dev.teal.bench;

import dev.teal.sandbox.SandboxSimulator;
import dev.teal.sandbox.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Moves a virtual clock shared by the simulator and the operator, letting the operator's real-time ticks
 * (50 ms) catch up after every step: a step is over when nothing is queued or running, no resync is
 * pending, no document call is in flight and the simulator has answered no call for a little while.
 */
final class VirtualDriver {

  /** Longer than a tick, so every ticker has looked at the new time at least once. */
  private static final long QUIET_MILLIS = 120;

  private final VirtualClock clock;
  private final BenchOperator operator;
  private final SandboxSimulator simulator;

  VirtualDriver(VirtualClock clock, BenchOperator operator, SandboxSimulator simulator) {
    this.clock = clock;
    this.operator = operator;
    this.simulator = simulator;
  }

  /** Waits (real time) until the operator has done everything due at the clock's current time. */
  void settle() {
    long[] calls = {simulator.calls().total()};
    long[] quietSince = {System.nanoTime()};
    // quiescence: idle, and no new simulator call, for QUIET_MILLIS in a row
    Waits.until("the operator to settle at " + clock.instant(), Duration.ofSeconds(120), Duration.ofMillis(10), () -> {
      long now = simulator.calls().total();
      if (now != calls[0] || !idle()) {
        calls[0] = now;
        quietSince[0] = System.nanoTime();
        return false;
      }
      return System.nanoTime() - quietSince[0] >= QUIET_MILLIS * 1_000_000;
    }, () -> String.valueOf(operator.operator().status()));
  }

  private boolean idle() {
    return operator.settled() && !operator.operator().events().resync().isRequested();
  }

  void advance(Duration step) {
    clock.advance(step);
    settle();
  }

  /** Steps the clock {@code total} forward, {@code step} at a time. */
  void advanceFor(Duration total, Duration step) {
    Instant end = clock.instant().plus(total);
    settle();
    while (clock.instant().isBefore(end)) {
      Duration left = Duration.between(clock.instant(), end);
      advance(left.compareTo(step) < 0 ? left : step);
    }
  }

  /** Steps the clock until {@code done}; returns the virtual instant it held. */
  Instant advanceUntil(BooleanSupplier done, Duration step, Duration limit) {
    Instant deadline = clock.instant().plus(limit);
    settle();
    while (!done.getAsBoolean()) {
      if (clock.instant().isAfter(deadline)) {
        throw new IllegalStateException("not reached within " + limit + " of virtual time");
      }
      advance(step);
    }
    return clock.instant();
  }
}
