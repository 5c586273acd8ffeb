package dev.teal.operator.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.ObjectMeta;
import dev.teal.model.Phase;
import dev.teal.sandbox.VirtualClock;
import dev.teal.store.ChangeContext;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.ItemLayout;
import dev.teal.store.StaleStatusException;
import dev.teal.store.StatusWriteGuard;
import dev.teal.store.StoredDeployment;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The lease against DynamoDB Local, two instances on one virtual clock, ticked by hand.
 *
 * <p>Planted fault: with {@code canAct()} ignoring the safety margin (acting until
 * {@code renewedAt + duration}), {@link #theHolderStopsActingBeforeItsLeaseCouldExpire} fails.
 */
class DynamoLeaseTest {

  private static final LeaseTiming TIMING = new LeaseTiming(Duration.ofSeconds(15), Duration.ofSeconds(5),
      Duration.ofSeconds(5));

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  private VirtualClock clock;
  private String table;
  private final List<String> events = new ArrayList<>();
  private final AtomicInteger tokens = new AtomicInteger();

  @BeforeEach
  void table() {
    clock = sandbox.clock();
    table = sandbox.tableName();
    TableSetup.ensureTable(sandbox.dynamoDb(), table);
  }

  private DynamoLease lease(String id) {
    return lease(id, clock);
  }

  /** An instance whose wall clock is {@code wall}; elapsed time always follows the virtual clock. */
  private DynamoLease lease(String id, java.time.Clock wall) {
    return new DynamoLease(sandbox.dynamoDb(), table, id, TIMING, wall, MonotonicClock.of(clock),
        () -> id + "-token-" + tokens.incrementAndGet(),
        new DynamoLease.Listener() {
          @Override
          public void acquired(LeaseStatus status) {
            events.add(id + " acquired");
          }

          @Override
          public void lost(LeaseStatus status, String why) {
            events.add(id + " lost: " + why);
          }
        });
  }

  private Map<String, AttributeValue> item() {
    DynamoDbClient client = sandbox.dynamoDb();
    return client.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
        ItemLayout.NAME, AttributeValue.fromS(ItemLayout.OPERATOR_PARTITION),
        ItemLayout.SK, AttributeValue.fromS(DynamoLease.SORT_KEY)))).item();
  }

  @Test
  void theFirstInstanceTakesTheLeaseAndTheSecondStandsBy() {
    DynamoLease a = lease("a");
    DynamoLease b = lease("b");
    assertThat(a.status().state()).isEqualTo(LeaseState.UNKNOWN);

    a.tick();
    b.tick();

    assertThat(a.status()).isEqualTo(new LeaseStatus(LeaseState.HOLDER, "a", clock.instant().plusSeconds(15)));
    assertThat(a.canAct()).isTrue();
    assertThat(b.status()).isEqualTo(new LeaseStatus(LeaseState.STANDBY, "a", clock.instant().plusSeconds(15)));
    assertThat(b.canAct()).isFalse();
    assertThat(item()).containsEntry(DynamoLease.HOLDER, AttributeValue.fromS("a"))
        .containsEntry(DynamoLease.TOKEN, AttributeValue.fromS("a-token-1"))
        .containsEntry(DynamoLease.EXPIRES_AT, AttributeValue.fromN(Long.toString(clock.millis() + 15_000)))
        .containsEntry(DynamoLease.DURATION_MILLIS, AttributeValue.fromN("15000"));
    assertThat(events).containsExactly("a acquired");
  }

  @Test
  void theHolderRenewsEveryRenewIntervalAndKeepsItsToken() {
    DynamoLease a = lease("a");
    a.tick();
    clock.advanceSeconds(4);
    a.tick();
    assertThat(item().get(DynamoLease.EXPIRES_AT).n()).as("not due yet")
        .isEqualTo(Long.toString(clock.instant().minusSeconds(4).plusSeconds(15).toEpochMilli()));

    clock.advanceSeconds(1);
    a.tick();
    assertThat(item().get(DynamoLease.EXPIRES_AT).n()).isEqualTo(Long.toString(clock.millis() + 15_000));
    assertThat(item().get(DynamoLease.TOKEN).s()).isEqualTo("a-token-1");
    assertThat(a.fence()).hasValueSatisfying(f -> assertThat(f.token()).isEqualTo("a-token-1"));
  }

  /**
   * The no-leader alarm counts "lease held by" lines; the holder must log one at least once a minute.
   * Shown to catch: logging it only on acquisition (no line after the first minute).
   */
  @Test
  void theHolderLogsItsHeartbeatAtAcquisitionAndAtLeastOnceAMinute() {
    List<String> lines = new ArrayList<>();
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(DynamoLease.class.getName());
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        String message = record.getParameters() == null ? record.getMessage()
            : String.format(record.getMessage(), record.getParameters());
        if (message.startsWith("lease held by ")) {
          lines.add(message);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(capture);
    try {
      DynamoLease a = lease("a");
      a.tick();
      for (int i = 0; i < 36; i++) { // three minutes of renewals every 5 s
        clock.advanceSeconds(5);
        a.tick();
      }
    } finally {
      logger.removeHandler(capture);
    }

    assertThat(lines).hasSizeBetween(3, 4).allMatch(l -> l.startsWith("lease held by a until "));
    assertThat(lines.get(0)).endsWith("(acquired)");
  }

  @Test
  void theHolderStopsActingBeforeItsLeaseCouldExpire() {
    DynamoLease a = lease("a");
    DynamoLease b = lease("b");
    a.tick();
    Instant expiresAt = a.status().expiresAt();

    clock.advance(Duration.ofSeconds(10).minusMillis(1)); // renewals failing: nothing ticks a
    assertThat(a.canAct()).isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThat(a.canAct()).as("duration minus the safety margin has passed").isFalse();

    b.tick();
    assertThat(b.status().state()).as("the lease has not expired yet").isEqualTo(LeaseState.STANDBY);
    assertThat(clock.instant()).isBefore(expiresAt);
  }

  /**
   * How long the holder may still act is elapsed time since it sent its last renewal, not a wall-clock
   * reading: a wall clock stepped back (NTP, a person) does not give it more time. Shown to catch:
   * {@code actingTimeLeft} computed from {@code clock.instant()} (it acted 5 s too long).
   */
  @Test
  void aWallClockSteppedBackDoesNotLetTheHolderActLonger() {
    java.util.concurrent.atomic.AtomicReference<Duration> back = new java.util.concurrent.atomic.AtomicReference<>(
        Duration.ZERO);
    java.time.Clock steppable = new java.time.Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return clock.instant().minus(back.get());
      }
    };
    DynamoLease a = lease("a", steppable);
    a.tick();
    assertThat(a.actingTimeLeft()).isEqualTo(Duration.ofSeconds(10));

    clock.advanceSeconds(8);
    back.set(Duration.ofSeconds(5)); // the wall clock jumps back; no renewal happens (nothing ticks a)
    assertThat(a.actingTimeLeft()).isEqualTo(Duration.ofSeconds(2));
    clock.advanceSeconds(2);
    assertThat(a.canAct()).as("10 s after its renewal, whatever its wall clock says").isFalse();
  }

  @Test
  void aStandbyTakesOverOnceTheHoldersLeaseHasExpiredAndTheOldHolderLearnsItLostIt() {
    DynamoLease a = lease("a");
    DynamoLease b = lease("b");
    a.tick();
    b.tick();

    clock.advanceSeconds(14);
    b.tick();
    assertThat(b.status().state()).isEqualTo(LeaseState.STANDBY);
    clock.advance(Duration.ofSeconds(1).plusMillis(1));
    b.tick();
    assertThat(b.status().state()).as("just after expiry").isEqualTo(LeaseState.HOLDER);
    assertThat(b.canAct()).isTrue();

    a.tick();
    assertThat(a.status()).isEqualTo(new LeaseStatus(LeaseState.STANDBY, "b", b.status().expiresAt()));
    assertThat(a.canAct()).isFalse();
    assertThat(events).containsExactly("a acquired", "b acquired", "a lost: it is now held by b");
  }

  @Test
  void aStatusWriteFencedWithALostLeaseIsRefusedByDynamoDb() {
    DynamoDeploymentStore store = new DynamoDeploymentStore(sandbox.dynamoDb(), table, clock);
    store.create(new BlueGreenDeployment(BlueGreenDeployment.API_VERSION, BlueGreenDeployment.KIND,
        ObjectMeta.named("web"), new DeploymentSpec("demo", "web", "web", "web", 80, "nginx:1.26", null, null, null,
        null), null), ChangeContext.unknown());
    DynamoLease a = lease("a");
    DynamoLease b = lease("b");
    a.tick();
    var aFence = a.fence().orElseThrow();
    clock.advanceSeconds(16);
    b.tick();

    StoredDeployment read = store.get("web").orElseThrow();
    DeploymentStatus status = new DeploymentStatus(Phase.PENDING, "seen", null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null);
    assertThatThrownBy(() -> store.updateStatus("web", StatusWriteGuard.of(read).fencedBy(aFence), status))
        .isInstanceOf(StaleStatusException.class).hasMessageContaining("lease");
    assertThatThrownBy(() -> store.updateStatus("web", StatusWriteGuard.of(read).fencedBy(a.fence().orElseThrow()),
        status)).as("an instance that never held it").isInstanceOf(StaleStatusException.class);

    store.updateStatus("web", StatusWriteGuard.of(read).fencedBy(b.fence().orElseThrow()), status);
    assertThat(store.get("web").orElseThrow().status().message()).isEqualTo("seen");
  }

  @Test
  void releasingLetsAStandbyTakeOverWithoutWaitingForExpiry() {
    DynamoLease a = lease("a");
    DynamoLease b = lease("b");
    a.tick();
    b.tick();

    assertThat(a.release()).isTrue();
    assertThat(a.canAct()).isFalse();
    assertThat(item()).isEmpty();
    clock.advanceSeconds(5); // the standby's next look
    b.tick();
    assertThat(b.status().state()).isEqualTo(LeaseState.HOLDER);
    assertThat(a.release()).as("nothing left to release").isFalse();
  }

  @Test
  void aHaltedHolderKeepsTheLeaseUntilItExpires() {
    DynamoLease a = lease("a");
    DynamoLease b = lease("b");
    a.tick();
    a.halt();
    assertThat(a.canAct()).isFalse();

    clock.advanceSeconds(10);
    b.tick();
    assertThat(b.status().state()).isEqualTo(LeaseState.STANDBY);
    clock.advanceSeconds(6);
    b.tick();
    assertThat(b.status().state()).isEqualTo(LeaseState.HOLDER);
  }

  @Test
  void timingsWhereTheHolderWouldStopBeforeRenewingAreRefused() {
    assertThatThrownBy(() -> LeaseTiming.of(Duration.ofSeconds(15), Optional.of(Duration.ofSeconds(13)), Optional.empty()))
        .hasMessageContaining("renew interval");
    assertThatThrownBy(() -> LeaseTiming.of(Duration.ofSeconds(15), Optional.empty(), Optional.of(Duration.ofSeconds(15))))
        .hasMessageContaining("safety margin");
    assertThat(LeaseTiming.of(Duration.ofSeconds(30), Optional.empty(), Optional.empty()))
        .isEqualTo(new LeaseTiming(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(5)));
  }

  /**
   * A call budget the lease cannot always cover is refused at start-up, with the arithmetic and the
   * properties to change; the defaults fit with 5 s to spare for a renewal's round trip.
   */
  @Test
  void aCallTimeoutTheLeaseCannotCoverIsRefusedAtStartUp() {
    LeaseTiming defaults = LeaseTiming.of(Duration.ofSeconds(30), Optional.empty(), Optional.empty());
    defaults.requireRoomFor(new dev.teal.aws.CallBudget(Duration.ofSeconds(15), Duration.ofSeconds(5)));
    assertThat(defaults.longestCallAlwaysAdmitted()).isEqualTo(Duration.ofSeconds(20));

    assertThatThrownBy(() -> defaults.requireRoomFor(
        new dev.teal.aws.CallBudget(Duration.ofSeconds(20), Duration.ofSeconds(5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("teal.aws.call-timeout (PT20S) must be shorter than teal.lease.duration (PT30S)"
            + " - teal.lease.safety-margin (PT5S) - teal.lease.renew-interval (PT5S) = PT20S");
    assertThatThrownBy(() -> LeaseTiming.of(Duration.ofSeconds(15), Optional.empty(), Optional.empty())
        .requireRoomFor(new dev.teal.aws.CallBudget(Duration.ofSeconds(15), Duration.ofSeconds(5))))
        .hasMessageContaining("Shorten teal.aws.call-timeout or lengthen teal.lease.duration");
  }
}
