package dev.teal.store;

import static dev.teal.store.StoreFixtures.ALICE;
import static dev.teal.store.StoreFixtures.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.history.HistoryEntry;
import dev.teal.history.NotificationType;
import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import dev.teal.model.RevisionStatus;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The status history against DynamoDB Local: recorded in the status write's own transaction (so a status
 * that is refused records nothing, and a lost lease fences both), kept as a ring, read back in order; the
 * delivery records only move forward and the first registration of a sink wins.
 *
 * <p>Planted faults, each seen to fail here: the entry written before the status, outside its transaction
 * (a refused status then leaves an entry behind); {@code CURSOR_BEHIND} dropped (a late writer moves a
 * cursor back); the slot taken from the status version without the modulo (the ring grows).
 */
class StatusHistoryTest {

  @RegisterExtension
  static SandboxExtension sandbox = SandboxExtension.create();

  static DynamoDeploymentStore dynamo;
  static HistoryRecordingStore store;
  static DynamoStatusHistory history;

  static final RevisionStatus BLUE = new RevisionStatus("r-blue", "nginx:1.26", null, null, "tg-b", null);
  static final RevisionStatus GREEN = new RevisionStatus("r-green", "nginx:1.27", null, null, "tg-g", null);

  @BeforeAll
  static void createTable() {
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    dynamo = new DynamoDeploymentStore(sandbox.dynamoDb(), sandbox.tableName(), sandbox.clock());
    store = new HistoryRecordingStore(dynamo, sandbox.clock());
    history = new DynamoStatusHistory(sandbox.dynamoDb(), sandbox.tableName());
  }

  @Test
  void aTransitionIsRecordedWithItsStatusAndTheOutboxHeadPointsAtIt() {
    StoredDeployment read = store.create(document("recorded"), ALICE);
    List<String> woken = new ArrayList<>();
    store.onNotifications(woken::add);

    store.updateStatus("recorded", StatusWriteGuard.of(read), status(Phase.PROGRESSING, GREEN, "Deploying"));

    List<HistoryEntry> entries = history.entries("recorded");
    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.statusVersion()).isEqualTo(1);
      assertThat(e.incarnation()).isEqualTo(read.document().metadata().creationTimestamp());
      assertThat(e.notifications()).extracting(n -> n.type()).containsExactly(NotificationType.STARTED);
      assertThat(e.events()).extracting(DeploymentEvent::reason).containsExactly("Deploying");
      assertThat(e.caller()).isEqualTo(ALICE.actor());
    });
    assertThat(history.outbox().heads()).containsEntry("recorded", entries.get(0).cursor(0));
    assertThat(woken).containsExactly("recorded");
    assertThat(raw("recorded", "history#01")).containsKeys("expiresAt", "entry", "incarnation");
  }

  @Test
  void aRefusedStatusWriteRecordsNothingAndAFencedOneNeedsTheLease() {
    StoredDeployment read = store.create(document("refused"), ALICE);
    store.updateStatus("refused", StatusWriteGuard.of(read), status(Phase.PROGRESSING, GREEN, "Deploying"));

    // Computed from the read before that write: stale.
    assertThatThrownBy(() -> dynamo.updateStatus("refused", StatusWriteGuard.of(read),
        status(Phase.DEGRADED, GREEN, "Aborted"), entryFor(read, status(Phase.DEGRADED, GREEN, "Aborted"))))
        .isInstanceOf(StaleStatusException.class);
    assertThat(history.entries("refused")).hasSize(1);

    StoredDeployment now = store.get("refused").orElseThrow();
    LeaseFence nobodysLease = new LeaseFence(ItemLayout.OPERATOR_PARTITION, "no-such-lease", "token", "t");
    assertThatThrownBy(() -> store.updateStatus("refused", StatusWriteGuard.of(now).fencedBy(nobodysLease),
        status(Phase.PREVIEWING, GREEN, "GreenReady"))).isInstanceOf(StaleStatusException.class)
        .hasMessageContaining("lease");
    assertThat(history.entries("refused")).as("no entry without its status").hasSize(1);
    assertThat(store.get("refused").orElseThrow().status().phase()).isEqualTo(Phase.PROGRESSING);
  }

  @Test
  void theRingKeepsTheLastSixtyFourStatusWrites() {
    StoredDeployment read = store.create(document("ring"), ALICE);
    StatusWriteGuard guard = StatusWriteGuard.of(read);
    DeploymentStatus last = DeploymentStatus.empty();
    for (int i = 0; i < 70; i++) {
      List<DeploymentEvent> events = new ArrayList<>(last.events());
      events.add(new DeploymentEvent(Instant.EPOCH.plusSeconds(i), DeploymentEvent.NORMAL, "Step" + i, "write " + i));
      last = new DeploymentStatus(Phase.PROGRESSING, "write " + i, 1L, null, BLUE, GREEN, null, List.of(), null, null,
          null, null, null, null, null, List.of(), events.subList(Math.max(0, events.size() - 20), events.size()));
      store.updateStatus("ring", guard, last);
      guard = guard.afterWrite();
    }

    List<HistoryEntry> entries = history.entries("ring");
    assertThat(entries).hasSize(ItemLayout.HISTORY_SLOTS);
    assertThat(entries.get(0).statusVersion()).isEqualTo(70 - ItemLayout.HISTORY_SLOTS + 1);
    assertThat(entries.get(entries.size() - 1).statusVersion()).isEqualTo(70);
    assertThat(entries.get(entries.size() - 1).events()).extracting(DeploymentEvent::reason).containsExactly("Step69");
  }

  @Test
  void deliveryCursorsOnlyMoveForwardAndTheFirstRegistrationOfASinkWins() {
    assertThat(history.markDelivered("cursor", "eventbridge", "0000000000001#000000000002#00", "a", Instant.EPOCH))
        .isTrue();
    assertThat(history.markDelivered("cursor", "eventbridge", "0000000000001#000000000001#00", "b", Instant.EPOCH))
        .as("an older cursor does not move it back").isFalse();
    assertThat(history.markDelivered("cursor", "eventbridge", "0000000000001#000000000002#00", "a", Instant.EPOCH))
        .as("nor does the same one twice").isFalse();
    assertThat(history.markDelivered("cursor", "webhook:x", "0000000000001#000000000001#00", "b", Instant.EPOCH))
        .isTrue();
    assertThat(history.deliveredUpTo("cursor", "eventbridge")).isEqualTo("0000000000001#000000000002#00");
    assertThat(history.outbox().deliveredUpTo("cursor", "webhook:x")).isEqualTo("0000000000001#000000000001#00");

    Instant first = history.registerSink("webhook:late", Instant.parse("2030-01-01T00:00:00Z"));
    Instant again = history.registerSink("webhook:late", Instant.parse("2030-01-02T00:00:00Z"));
    assertThat(first).isEqualTo(again).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void aStatusWrittenAroundTheStoreSinceItsLastReadIsReadAgainBeforeTheEntryIsComputed() {
    StoredDeployment read = store.create(document("around"), ALICE);
    store.get("around");
    // Another writer (another instance's store) writes a status; this store's memory is now stale.
    dynamo.updateStatus("around", StatusWriteGuard.of(read), status(Phase.PROGRESSING, GREEN, "Deploying"));
    StoredDeployment now = dynamo.get("around").orElseThrow();
    AtomicReference<String> woken = new AtomicReference<>();
    store.onNotifications(woken::set);

    store.updateStatus("around", StatusWriteGuard.of(now), status(Phase.PREVIEWING, GREEN, "GreenReady"));

    assertThat(history.entries("around")).singleElement().satisfies(e -> {
      assertThat(e.previousPhase()).isEqualTo(Phase.PROGRESSING);
      assertThat(e.notifications()).extracting(n -> n.type()).containsExactly(NotificationType.WAITING_FOR_PROMOTION);
      assertThat(e.events()).extracting(DeploymentEvent::reason).containsExactly("GreenReady");
    });
    assertThat(woken).hasValue("around");
    sandbox.clock().advance(Duration.ofSeconds(1));
  }

  private static HistoryEntry entryFor(StoredDeployment read, DeploymentStatus after) {
    return dev.teal.history.HistoryEntries.of(new dev.teal.history.HistoryEntries.Write(read.name(),
        read.document().metadata().creationTimestamp(), read.generation(), read.effectiveSpec(), "x", read.status(),
        after, read.statusVersion() + 1, Instant.now())).orElseThrow();
  }

  /** A status with green and one event more than before, as the planner would write it. */
  private static DeploymentStatus status(Phase phase, RevisionStatus green, String event) {
    return new DeploymentStatus(phase, phase.wireName(), 1L, null, BLUE, phase == Phase.DEGRADED ? null : green, null,
        List.of(), null, null, null, null, null, null,
        phase == Phase.DEGRADED ? new dev.teal.model.AbortStatus("r-green", "nginx:1.27", "h", "AnalysisFailed", "x",
            Instant.EPOCH) : null, List.of(),
        List.of(new DeploymentEvent(Instant.EPOCH, DeploymentEvent.NORMAL, event, event)));
  }

  private static Map<String, AttributeValue> raw(String name, String sk) {
    return sandbox.dynamoDb().getItem(r -> r.tableName(sandbox.tableName()).key(Map.of(
        ItemLayout.NAME, AttributeValue.fromS(name), ItemLayout.SK, AttributeValue.fromS(sk)))).item();
  }
}
