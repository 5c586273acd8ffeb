package dev.teal.store;

import static dev.teal.store.StoreFixtures.ALICE;
import static dev.teal.store.StoreFixtures.CI;
import static dev.teal.store.StoreFixtures.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import dev.teal.testing.SandboxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The operator's side: status writes land only on the document they were computed from. */
class StatusWritesTest {

  @RegisterExtension
  static SandboxExtension sandbox = SandboxExtension.create();

  static String table;
  static DynamoDeploymentStore store;

  @BeforeAll
  static void createTable() {
    table = sandbox.tableName();
    TableSetup.ensureTable(sandbox.dynamoDb(), table);
    store = new DynamoDeploymentStore(sandbox.dynamoDb(), table, sandbox.clock());
  }

  @Test
  void writesOnlyTheStatusAndBumpsItsVersion() {
    StoredDeployment read = store.create(document("writes"), ALICE);

    store.updateStatus("writes", StatusWriteGuard.of(read), status(Phase.PROGRESSING, read));
    StoredDeployment after = store.get("writes").orElseThrow();

    assertThat(after.status().phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(after.status().conditions()).as("empty lists read back empty, not null").isEmpty();
    assertThat(after.statusVersion()).isEqualTo(1);
    assertThat(after.resourceVersion()).isEqualTo(read.resourceVersion());
    assertThat(after.generation()).isEqualTo(read.generation());
    assertThat(after.document().metadata().updatedAt()).isEqualTo(read.document().metadata().updatedAt());
    assertThat(store.history("writes")).hasSize(1);
  }

  @Test
  void refusesAStatusComputedForAnOlderGeneration() {
    StoredDeployment read = store.create(document("older"), ALICE);
    store.updateSpec("older", 1, read.spec().withImage("nginx:1.28"), null, CI);

    assertThatThrownBy(() -> store.updateStatus("older", StatusWriteGuard.of(read), status(Phase.PREVIEWING, read)))
        .isInstanceOf(StaleStatusException.class)
        .hasMessageContaining("generation 1 -> 2")
        .hasMessageContaining("the spec changed");
    assertThat(store.get("older").orElseThrow().status()).isNull();
  }

  @Test
  void refusesAStatusComputedBeforeADirectWriteThatKeptTheGeneration() {
    StoredDeployment read = store.create(document("direct"), ALICE);
    sandbox.dynamoDb().updateItem(r -> r.tableName(table)
        .key(Map.of("name", AttributeValue.fromS("direct"), "sk", AttributeValue.fromS("deployment")))
        .updateExpression("SET spec.image = :i")
        .expressionAttributeValues(Map.of(":i", AttributeValue.fromS("nginx:1.28"))));

    assertThatThrownBy(() -> store.updateStatus("direct", StatusWriteGuard.of(read), status(Phase.PREVIEWING, read)))
        .isInstanceOf(StaleStatusException.class)
        .hasMessage("status of direct not written: it was computed from a document that has since changed (the spec"
            + " changed); re-read and reconcile again");

    StoredDeployment reread = store.get("direct").orElseThrow();
    store.updateStatus("direct", StatusWriteGuard.of(reread), status(Phase.PROGRESSING, reread));
    assertThat(store.get("direct").orElseThrow().status().observedSpecHash()).isEqualTo(reread.specHash());
  }

  @Test
  void twoOperatorsCannotOverwriteEachOther() {
    StoredDeployment read = store.create(document("two-operators"), ALICE);
    StatusWriteGuard both = StatusWriteGuard.of(read);

    store.updateStatus("two-operators", both, status(Phase.PROGRESSING, read));

    assertThatThrownBy(() -> store.updateStatus("two-operators", both, status(Phase.FAILED, read)))
        .isInstanceOf(StaleStatusException.class)
        .hasMessageContaining("statusVersion 0 -> 1");
    assertThat(store.get("two-operators").orElseThrow().status().phase()).isEqualTo(Phase.PROGRESSING);
  }

  @Test
  void aDeploymentBuiltFromItsDocumentGuardsLikeOneReadFromTheStore() {
    StoredDeployment read = store.create(document("rebuilt"), ALICE);
    StoredDeployment rebuilt = new StoredDeployment(read.document(), read.specHash(), read.statusVersion());

    store.updateStatus("rebuilt", StatusWriteGuard.of(rebuilt), status(Phase.PROGRESSING, read));

    assertThat(rebuilt.storedSpec()).isEqualTo(read.storedSpec());
    assertThat(store.get("rebuilt").orElseThrow().statusVersion()).isEqualTo(1);
  }

  @Test
  void aDeletedDocumentIsNotFound() {
    StoredDeployment read = store.create(document("deleted"), ALICE);
    store.delete("deleted", 1, ALICE);

    assertThatThrownBy(() -> store.updateStatus("deleted", StatusWriteGuard.of(read), status(Phase.PENDING, read)))
        .isInstanceOf(NotFoundException.class);
    assertThat(store.get("deleted")).as("the failed write did not recreate the item").isEmpty();
  }

  @Test
  void aFencedWriteLandsWhileTheLeaseHolds() {
    StoredDeployment read = store.create(document("fenced"), ALICE);
    putLease("token-a");

    store.updateStatus("fenced", StatusWriteGuard.of(read).fencedBy(lease("token-a")), status(Phase.PROGRESSING, read));

    assertThat(store.get("fenced").orElseThrow().statusVersion()).isEqualTo(1);
  }

  @Test
  void aFencedWriteIsRefusedOnceTheLeaseMovedOn() {
    StoredDeployment read = store.create(document("fenced-out"), ALICE);
    putLease("token-b");

    assertThatThrownBy(() -> store.updateStatus("fenced-out", StatusWriteGuard.of(read).fencedBy(lease("token-a")),
        status(Phase.PROGRESSING, read)))
        .isInstanceOf(StaleStatusException.class)
        .hasMessageContaining("the lease #operator/lease is no longer held");
    assertThat(store.get("fenced-out").orElseThrow().statusVersion()).isZero();
  }

  @Test
  void aFencedWriteForAStaleDocumentSaysSo() {
    StoredDeployment read = store.create(document("fenced-stale"), ALICE);
    store.updateSpec("fenced-stale", 1, read.spec().withImage("nginx:1.28"), null, CI);
    putLease("token-a");

    assertThatThrownBy(() -> store.updateStatus("fenced-stale", StatusWriteGuard.of(read).fencedBy(lease("token-a")),
        status(Phase.PROGRESSING, read)))
        .isInstanceOf(StaleStatusException.class)
        .hasMessageContaining("generation 1 -> 2");
  }

  private static LeaseFence lease(String token) {
    return new LeaseFence(ItemLayout.OPERATOR_PARTITION, "lease", "holderToken", token);
  }

  private static void putLease(String token) {
    sandbox.dynamoDb().putItem(r -> r.tableName(table).item(Map.of(
        "name", AttributeValue.fromS(ItemLayout.OPERATOR_PARTITION), "sk", AttributeValue.fromS("lease"),
        "holderToken", AttributeValue.fromS(token))));
  }

  private static DeploymentStatus status(Phase phase, StoredDeployment read) {
    return new DeploymentStatus(phase, phase.wireName(), read.generation(), read.specHash(), null, null, null,
        List.of(), null, null, null, null, null, null, null, List.of(), List.of());
  }
}
