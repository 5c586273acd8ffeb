package dev.teal.store;

import static dev.teal.store.StoreFixtures.ALICE;
import static dev.teal.store.StoreFixtures.CI;
import static dev.teal.store.StoreFixtures.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.document.DocumentCodec;
import dev.teal.document.FieldChange;
import dev.teal.document.SpecHash;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DesiredPhase;
import dev.teal.model.ObjectMeta;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDeploymentStoreTest {

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
  void roundTripsYamlThroughDynamoDbBackToTheSameYaml() {
    String yaml = """
        apiVersion: teal.dev/v1alpha1
        kind: BlueGreenDeployment
        metadata:
          name: round-trip
          labels:
            team: shop
        spec:
          cluster: demo
          service: web
          taskDefinition: web
          container: web
          containerPort: 80
          image: nginx:1.27
          phase: preview
          traffic:
            productionRule: %s
            testRule: %s
            targetGroup:
              vpcId: vpc-0sandbox
              healthCheck:
                path: /healthz
                matcher: 200-399
          strategy:
            promotion:
              steps:
              - 10
              - 50
              - 100
              stepInterval: 2m
            scaleDownDelay: 1h30m
            analysis:
              http:
                path: /healthz
                requests: 20
        """.formatted(dev.teal.document.Fixtures.PRODUCTION_RULE, dev.teal.document.Fixtures.TEST_RULE);
    BlueGreenDeployment written = DocumentCodec.read(yaml.getBytes());

    store.create(written, ALICE);
    BlueGreenDeployment read = store.get("round-trip").orElseThrow().document();

    BlueGreenDeployment withoutBookkeeping = read.withMetadata(new ObjectMeta(read.name(), read.metadata().labels(),
        null, null, null, null, null));
    assertThat(DocumentCodec.toYaml(withoutBookkeeping)).isEqualTo(yaml);
  }

  @Test
  void storesTheSpecAsNestedAttributesMirroringTheYaml() {
    BlueGreenDeployment doc = DocumentCodec.read(dev.teal.document.Fixtures.bytes(dev.teal.document.Fixtures.minimal(
        "layout", "nginx:1.27").replace("  image: nginx:1.27",
        "  image: nginx:1.27\n  strategy: {scaleDownDelay: 45m, promotion: {steps: [50, 100]}}")));
    sandbox.clock().set(java.time.Instant.parse("2030-01-02T03:04:05Z"));

    store.create(doc, ALICE);
    Map<String, AttributeValue> item = rawItem("layout");

    assertThat(item.get("sk").s()).isEqualTo("deployment");
    assertThat(item.get("apiVersion").s()).isEqualTo("teal.dev/v1alpha1");
    assertThat(item.get("kind").s()).isEqualTo("BlueGreenDeployment");
    assertThat(item.get("generation").n()).isEqualTo("1");
    assertThat(item.get("resourceVersion").n()).isEqualTo("1");
    assertThat(item.get("statusVersion").n()).isEqualTo("0");
    assertThat(item.get("createdAt").s()).isEqualTo("2030-01-02T03:04:05Z");
    assertThat(item.get("updatedBy").s()).isEqualTo(ALICE.actor());
    assertThat(item).doesNotContainKey("status");
    Map<String, AttributeValue> spec = item.get("spec").m();
    assertThat(spec.get("image").s()).isEqualTo("nginx:1.27");
    assertThat(spec.get("containerPort").n()).isEqualTo("80");
    assertThat(spec.get("traffic").m().get("targetGroup").m().get("vpcId").s()).isEqualTo("vpc-0sandbox");
    assertThat(spec.get("strategy").m().get("scaleDownDelay").s()).isEqualTo("45m");
    assertThat(spec.get("strategy").m().get("promotion").m().get("steps").l())
        .extracting(AttributeValue::n).containsExactly("50", "100");
    assertThat(spec).as("sparse: defaults are applied on read, not stored").doesNotContainKey("phase");
  }

  @Test
  void aDirectWriteOfTheImageIsReadBackAndChangesTheHashButNotTheGeneration() {
    StoredDeployment before = store.create(document("direct"), ALICE);

    sandbox.dynamoDb().updateItem(r -> r.tableName(table)
        .key(Map.of("name", AttributeValue.fromS("direct"), "sk", AttributeValue.fromS("deployment")))
        .updateExpression("SET spec.image = :i")
        .expressionAttributeValues(Map.of(":i", AttributeValue.fromS("nginx:1.28"))));
    StoredDeployment after = store.get("direct").orElseThrow();

    assertThat(after.spec().image()).isEqualTo("nginx:1.28");
    assertThat(after.generation()).isEqualTo(before.generation());
    assertThat(after.specHash()).isNotEqualTo(before.specHash()).isEqualTo(SpecHash.of(after.spec()));
    assertThat(after.specValid()).isTrue();
  }

  @Test
  void aDirectWriteCanAlsoBumpTheGenerationInTheSameCall() {
    store.create(document("direct-bump"), ALICE);

    sandbox.dynamoDb().updateItem(r -> r.tableName(table)
        .key(Map.of("name", AttributeValue.fromS("direct-bump"), "sk", AttributeValue.fromS("deployment")))
        .updateExpression("SET spec.image = :i ADD generation :one, resourceVersion :one")
        .expressionAttributeValues(Map.of(":i", AttributeValue.fromS("nginx:1.28"), ":one", AttributeValue.fromN("1"))));

    StoredDeployment after = store.get("direct-bump").orElseThrow();
    assertThat(after.generation()).isEqualTo(2);
    assertThat(after.resourceVersion()).isEqualTo(2);
  }

  @Test
  void aDirectWriteThatBreaksTheSpecIsReportedNotHidden() {
    StoredDeployment before = store.create(document("broken"), ALICE);

    sandbox.dynamoDb().updateItem(r -> r.tableName(table)
        .key(Map.of("name", AttributeValue.fromS("broken"), "sk", AttributeValue.fromS("deployment")))
        .updateExpression("SET spec.imgae = :i, spec.containerPort = :p")
        .expressionAttributeValues(Map.of(":i", AttributeValue.fromS("nginx:1.28"), ":p", AttributeValue.fromS("80"))));
    StoredDeployment after = store.get("broken").orElseThrow();

    assertThat(after.specValid()).isFalse();
    assertThat(after.specProblems()).extracting(Object::toString).containsExactly(
        "spec.containerPort: must be a whole number (remove the quotes)",
        "spec.imgae: unknown field 'imgae'; did you mean 'image'?");
    assertThat(after.specHash()).isNotEqualTo(before.specHash());
    store.updateStatus("broken", StatusWriteGuard.of(after), dev.teal.model.DeploymentStatus.empty());
    assertThat(store.get("broken").orElseThrow().statusVersion()).as("the operator can still report").isEqualTo(1);
  }

  @Test
  void createRefusesANameThatExists() {
    store.create(document("twice"), ALICE);

    assertThatThrownBy(() -> store.create(document("twice"), CI))
        .isInstanceOf(ConflictException.class)
        .hasMessage("twice already exists (resourceVersion 1); someone else created it since you read it:"
            + " re-read and retry");
    assertThat(store.history("twice")).hasSize(1);
  }

  @Test
  void updateSpecBumpsGenerationOnlyWhenTheSpecChanges() {
    StoredDeployment created = store.create(document("gen"), ALICE);

    StoredDeployment relabelled = store.updateSpec("gen", 1, created.spec(), Map.of("team", "shop"), ALICE);
    StoredDeployment reimaged = store.updateSpec("gen", 2, created.spec().withImage("nginx:1.28"), null, CI);
    StoredDeployment unchanged = store.updateSpec("gen", 3, reimaged.spec(), null, CI);

    assertThat(relabelled.generation()).isEqualTo(1);
    assertThat(relabelled.resourceVersion()).isEqualTo(2);
    assertThat(reimaged.generation()).isEqualTo(2);
    assertThat(reimaged.resourceVersion()).isEqualTo(3);
    assertThat(reimaged.document().metadata().labels()).as("null labels keep the current ones")
        .containsEntry("team", "shop");
    assertThat(unchanged.resourceVersion()).as("a no-op writes nothing").isEqualTo(3);
    assertThat(store.history("gen")).hasSize(3);
    assertThat(store.get("gen").orElseThrow()).isEqualTo(unchanged);
  }

  @Test
  void updateSpecNeverTouchesTheStatus() {
    StoredDeployment created = store.create(document("keeps-status"), ALICE);
    var status = new dev.teal.model.DeploymentStatus(dev.teal.model.Phase.PREVIEWING, "green is ready", 1L,
        created.specHash(), null, null, null, List.of(), null, null, null, null, null, null, null, List.of(), List.of());
    store.updateStatus("keeps-status", StatusWriteGuard.of(created), status);

    StoredDeployment updated = store.updateSpec("keeps-status", 1, created.spec().withImage("nginx:1.28"), null, CI);

    assertThat(updated.status()).isEqualTo(status);
    assertThat(store.get("keeps-status").orElseThrow().status()).isEqualTo(status);
  }

  @Test
  void twoWritersRacingLoseNoUpdateAndTheLoserGetsTheConflict() {
    store.create(document("race"), ALICE);
    StoredDeployment seenByAlice = store.get("race").orElseThrow();
    StoredDeployment seenByCi = store.get("race").orElseThrow();
    AtomicReference<Runnable> between = new AtomicReference<>();
    DynamoDbClient aliceClient = StoreFixtures.interceptingTransactions(sandbox.dynamoDb(), between);
    DeploymentStore alicesStore = new DynamoDeploymentStore(aliceClient, table, sandbox.clock());
    // CI writes after Alice's store has read the item but before its conditional write reaches DynamoDB.
    between.set(() -> store.updateSpec("race", seenByCi.resourceVersion(), seenByCi.spec().withImage("nginx:1.28"),
        null, CI));

    assertThatThrownBy(() -> alicesStore.updateSpec("race", seenByAlice.resourceVersion(),
        seenByAlice.spec().withPhase(DesiredPhase.PROMOTE), null, ALICE))
        .isInstanceOf(ConflictException.class)
        .hasMessage("race was changed by someone else since you read it (resourceVersion 1); re-read and retry");

    StoredDeployment now = store.get("race").orElseThrow();
    assertThat(now.spec().image()).as("CI's write survived").isEqualTo("nginx:1.28");
    assertThat(now.spec().phase()).as("Alice's write did not land").isNull();
    assertThat(now.resourceVersion()).isEqualTo(2);
    assertThat(store.history("race")).extracting(AuditRecord::actor).containsExactly(CI.actor(), ALICE.actor());
  }

  @Test
  void aDirectWriteThatKeptTheResourceVersionStillMakesAnOlderReadConflict() {
    store.create(document("direct-race"), ALICE);
    StoredDeployment seenByAlice = store.get("direct-race").orElseThrow();
    AtomicReference<Runnable> between = new AtomicReference<>(() -> sandbox.dynamoDb().updateItem(r -> r
        .tableName(table)
        .key(Map.of("name", AttributeValue.fromS("direct-race"), "sk", AttributeValue.fromS("deployment")))
        .updateExpression("SET spec.image = :i")
        .expressionAttributeValues(Map.of(":i", AttributeValue.fromS("nginx:1.28")))));
    DeploymentStore alicesStore = new DynamoDeploymentStore(
        StoreFixtures.interceptingTransactions(sandbox.dynamoDb(), between), table, sandbox.clock());

    assertThatThrownBy(() -> alicesStore.updateSpec("direct-race", seenByAlice.resourceVersion(),
        seenByAlice.spec().withPhase(DesiredPhase.PROMOTE), null, ALICE))
        .isInstanceOf(ConflictException.class);

    StoredDeployment now = store.get("direct-race").orElseThrow();
    assertThat(now.spec().image()).as("CI's direct write survived").isEqualTo("nginx:1.28");
    assertThat(now.spec().phase()).isNull();
  }

  @Test
  void aWriterWithAStaleVersionGetsTheConflictBeforeWriting() {
    store.create(document("stale"), ALICE);
    store.updateSpec("stale", 1, document("stale").spec().withImage("nginx:1.28"), null, CI);

    assertThatThrownBy(() -> store.updateSpec("stale", 1, document("stale").spec(), null, ALICE))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("stale was changed by someone else since you read it (resourceVersion 1)");
    assertThatThrownBy(() -> store.updateSpec("missing", 1, document("stale").spec(), null, ALICE))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void recordsWhoChangedWhatFromWhatToWhatNewestFirst() {
    sandbox.clock().set(java.time.Instant.parse("2030-03-01T10:00:00Z"));
    StoredDeployment created = store.create(document("audited"), ALICE);
    sandbox.clock().advance(Duration.ofMinutes(5));
    store.updateSpec("audited", 1, created.spec().withImage("nginx:1.28").withPhase(DesiredPhase.PROMOTE),
        Map.of("team", "shop"), CI);

    List<AuditRecord> history = store.history("audited");

    assertThat(history).hasSize(2);
    AuditRecord latest = history.get(0);
    assertThat(latest.at()).isEqualTo("2030-03-01T10:05:00Z");
    assertThat(latest.actor()).isEqualTo(CI.actor());
    assertThat(latest.command()).isEqualTo("teal set-image web nginx:1.28");
    assertThat(latest.generation()).isEqualTo(2);
    assertThat(latest.changes()).containsExactly(
        new FieldChange("metadata.labels.team", null, "shop"),
        new FieldChange("spec.image", "nginx:1.27", "nginx:1.28"),
        new FieldChange("spec.phase", null, "promote"));
    AuditRecord first = history.get(1);
    assertThat(first.actor()).isEqualTo(ALICE.actor());
    assertThat(first.generation()).isEqualTo(1);
    assertThat(first.changes()).contains(new FieldChange("spec.image", null, "nginx:1.27"));
  }

  @Test
  void auditRecordsAreStoredAsDocumented() {
    sandbox.clock().set(java.time.Instant.parse("2030-04-01T00:00:00Z"));
    store.create(document("audit-layout"), ALICE);

    var items = sandbox.dynamoDb().query(r -> r.tableName(table).keyConditionExpression("#n = :n")
        .expressionAttributeNames(Map.of("#n", "name"))
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("audit-layout")))).items();

    Map<String, AttributeValue> audit = items.stream().filter(i -> i.get("sk").s().startsWith("audit#")).findFirst()
        .orElseThrow();
    assertThat(audit.get("sk").s()).isEqualTo("audit#2030-04-01T00:00:00.000000000Z#1#1");
    assertThat(audit.get("at").s()).isEqualTo("2030-04-01T00:00:00Z");
    assertThat(audit.get("actor").s()).isEqualTo(ALICE.actor());
    assertThat(audit.get("command").s()).isEqualTo("teal apply -f web.yaml");
    assertThat(audit.get("generation").n()).isEqualTo("1");
    Map<String, AttributeValue> change = audit.get("changes").l().stream()
        .filter(c -> c.m().get("path").s().equals("spec.image")).findFirst().orElseThrow().m();
    assertThat(change).as("an unset side is left out").doesNotContainKey("from");
    assertThat(change.get("to").s()).isEqualTo("nginx:1.27");
  }

  @Test
  void deleteIsConditionalAndKeepsTheAuditTrail() {
    store.create(document("gone"), ALICE);
    store.updateSpec("gone", 1, document("gone").spec().withImage("nginx:1.28"), null, CI);

    assertThatThrownBy(() -> store.delete("gone", 1, ALICE)).isInstanceOf(ConflictException.class);
    assertThat(store.get("gone")).isPresent();

    store.delete("gone", 2, ALICE);

    assertThat(store.get("gone")).isEmpty();
    assertThat(store.history("gone")).hasSize(3);
    assertThat(store.history("gone").get(0).changes()).contains(new FieldChange("spec.image", "nginx:1.28", null));
    assertThatThrownBy(() -> store.delete("gone", 2)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void listReturnsDocumentsOnly() {
    DynamoDbClient client = sandbox.dynamoDb();
    String listTable = table + "-list";
    TableSetup.ensureTable(client, listTable);
    DeploymentStore listStore = new DynamoDeploymentStore(client, listTable, sandbox.clock());
    listStore.create(document("b-second"), ALICE);
    listStore.create(document("a-first"), ALICE);
    client.putItem(r -> r.tableName(listTable).item(Map.of("name", AttributeValue.fromS("#operator"),
        "sk", AttributeValue.fromS("lease"), "token", AttributeValue.fromS("x"))));

    assertThat(listStore.list()).extracting(StoredDeployment::name).containsExactly("a-first", "b-second");
  }

  @Test
  void createRefusesNamesThatCouldClashWithOtherRecords() {
    BlueGreenDeployment bad = document("ok").withMetadata(ObjectMeta.named("#operator"));

    assertThatThrownBy(() -> store.create(bad, ALICE))
        .isInstanceOf(dev.teal.document.InvalidDocumentException.class)
        .hasMessageContaining("metadata.name");
  }

  @Test
  void aCallerIdentityComesFromSts() {
    assertThat(new StsCallerIdentity(sandbox.sts()).arn()).startsWith("arn:aws:iam::").contains(":user/");
  }

  private Map<String, AttributeValue> rawItem(String name) {
    return sandbox.dynamoDb().getItem(r -> r.tableName(table).consistentRead(true)
        .key(Map.of("name", AttributeValue.fromS(name), "sk", AttributeValue.fromS("deployment")))).item();
  }
}
