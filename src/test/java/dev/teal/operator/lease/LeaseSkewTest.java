package dev.teal.operator.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.CallBudget;
import dev.teal.aws.NotFencedException;
import dev.teal.sandbox.VirtualClock;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two operators' leases on one table whose wall clocks disagree, with the daemon's default timing (30 s
 * lease, 5 s renew interval, 5 s safety margin) and call budget (15 s). The holder takes the lease and is
 * then cut off (no renewal reaches DynamoDB); time moves in 100 ms steps. Whatever the skew within the
 * safety margin, in either direction, everything the old holder may still do ends before the standby
 * first may act: its acting window, and every mutating call its fence would still let start (which may
 * run for the call's whole budget).
 *
 * <p>Beyond the margin the guarantee is gone, and this test sees it: with the holder's clock 6 s behind,
 * the standby takes over while the holder may still act. That case is asserted too, so the measurement
 * is known to be able to fail.
 */
class LeaseSkewTest {

  private static final LeaseTiming TIMING = LeaseTiming.of(Duration.ofSeconds(30), Optional.empty(), Optional.empty());
  private static final CallBudget BUDGET = new CallBudget(Duration.ofSeconds(15), Duration.ofSeconds(5));
  private static final Duration STEP = Duration.ofMillis(100);

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  /** What one run saw: when the standby first could act, and the latest moment the old holder could. */
  record Overlap(Instant standbyActsAt, Instant holderActsUntil, Instant lastCallEndsBy) {}

  @ParameterizedTest(name = "holder clock {0} s against the standby's")
  @ValueSource(ints = {4, -4, 0})
  void theOldHolderStopsBeforeTheStandbyActsWhateverTheSkewWithinTheMargin(int holderSkewSeconds) {
    Overlap seen = run(Duration.ofSeconds(holderSkewSeconds));

    assertThat(seen.holderActsUntil()).as("the holder's acting window ends before the standby acts")
        .isBeforeOrEqualTo(seen.standbyActsAt());
    assertThat(seen.lastCallEndsBy()).as("every call the holder's fence admits ends before the standby acts")
        .isBeforeOrEqualTo(seen.standbyActsAt());
    Instant start = VirtualClock.DEFAULT_START;
    Duration takeover = Duration.between(start, seen.standbyActsAt());
    assertThat(takeover).as("the standby takes over about one lease duration plus the skew after the last renewal")
        .isBetween(TIMING.duration().plusSeconds(holderSkewSeconds),
            TIMING.duration().plusSeconds(holderSkewSeconds).plus(STEP));
    System.out.printf("Lease skew %+d s: the standby acts %s after the holder's last renewal; the holder stopped"
        + " acting %s before that, its last admitted call ended by %s before%n", holderSkewSeconds, takeover,
        Duration.between(seen.holderActsUntil(), seen.standbyActsAt()),
        Duration.between(seen.lastCallEndsBy(), seen.standbyActsAt()));
  }

  @ParameterizedTest(name = "holder clock {0} s against the standby's")
  @ValueSource(ints = {-6})
  void beyondTheSafetyMarginTheStandbyActsWhileTheHolderStillMay(int holderSkewSeconds) {
    Overlap seen = run(Duration.ofSeconds(holderSkewSeconds));

    assertThat(seen.holderActsUntil()).as("skew beyond the 5 s margin breaks the assumption")
        .isAfter(seen.standbyActsAt());
  }

  private Overlap run(Duration holderSkew) {
    VirtualClock clock = sandbox.clock();
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    MonotonicClock elapsed = MonotonicClock.of(clock);
    DynamoLease holder = new DynamoLease(sandbox.dynamoDb(), sandbox.tableName(), "holder", TIMING,
        Clock.offset(clock, holderSkew), elapsed, () -> "holder-token", DynamoLease.Listener.NONE);
    DynamoLease standby = new DynamoLease(sandbox.dynamoDb(), sandbox.tableName(), "standby", TIMING, clock,
        elapsed, () -> "standby-token", DynamoLease.Listener.NONE);
    LeaseCallFence holderFence = new LeaseCallFence(holder, BUDGET);

    holder.tick(); // takes the lease; from here on nothing of its reaches DynamoDB (it is never ticked again)
    standby.tick();
    assertThat(holder.canAct()).isTrue();
    Instant holderActsUntil = clock.instant();
    Instant lastCallEndsBy = clock.instant();
    for (int i = 0; i < 600 && !standby.canAct(); i++) {
      Instant now = clock.instant();
      if (holder.canAct()) {
        holderActsUntil = max(holderActsUntil, now.plus(holder.actingTimeLeft()));
      }
      try {
        holderFence.admitCall("ecs:CreateTaskSet");
        lastCallEndsBy = max(lastCallEndsBy, now.plus(BUDGET.call()));
      } catch (NotFencedException refused) {
        // not started: nothing to account for
      }
      clock.advance(STEP);
      standby.tick();
    }
    assertThat(standby.canAct()).as("the standby took over").isTrue();
    return new Overlap(clock.instant(), holderActsUntil, lastCallEndsBy);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
