package dev.teal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.sandbox.SandboxClients;
import dev.teal.testing.SandboxExtension;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

class TableSetupTest {

  @RegisterExtension
  static SandboxExtension sandbox = SandboxExtension.create();

  @Test
  void createsTheTableWithStreamsAndOnDemandBillingOnceOnly() {
    String table = sandbox.tableName() + "-created";

    TableSetup.Result first = TableSetup.ensureTable(sandbox.dynamoDb(), table);
    TableSetup.Result second = TableSetup.ensureTable(sandbox.dynamoDb(), table);

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(first.notes()).anyMatch(n -> n.startsWith("TTL is on for attribute expiresAt of table " + table));
    assertThat(first.notes()).anyMatch(n -> n.startsWith("point-in-time recovery not enabled: this endpoint does not"
        + " support it"));
    TableDescription description = sandbox.dynamoDb().describeTable(r -> r.tableName(table)).table();
    assertThat(description.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
        .containsExactly("name:" + KeyType.HASH, "sk:" + KeyType.RANGE);
    assertThat(description.attributeDefinitions()).allMatch(a -> a.attributeType() == ScalarAttributeType.S);
    assertThat(description.streamSpecification().streamEnabled()).isTrue();
    assertThat(description.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
    assertThat(description.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
  }

  @Test
  void enablesStreamsOnATableThatHasNone() {
    String table = sandbox.tableName() + "-nostream";
    sandbox.dynamoDb().createTable(r -> r.tableName(table).billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("name").attributeType(ScalarAttributeType.S),
            a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("name").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));

    TableSetup.Result result = TableSetup.ensureTable(sandbox.dynamoDb(), table);

    assertThat(result.notes()).contains("enabled streams (NEW_AND_OLD_IMAGES) on table " + table);
    assertThat(sandbox.dynamoDb().describeTable(r -> r.tableName(table)).table().streamSpecification().streamViewType())
        .isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
  }

  @Test
  void refusesATableWithAnotherKey() {
    String table = sandbox.tableName() + "-otherkey";
    sandbox.dynamoDb().createTable(r -> r.tableName(table).billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));

    assertThatThrownBy(() -> TableSetup.ensureTable(sandbox.dynamoDb(), table))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("teal needs partition key 'name' (S) and sort key 'sk' (S)");
  }

  @Test
  void aSpecChangeReachesTheStreamWithBothImages() {
    String table = sandbox.tableName() + "-stream";
    TableSetup.ensureTable(sandbox.dynamoDb(), table);
    DeploymentStore store = new DynamoDeploymentStore(sandbox.dynamoDb(), table, sandbox.clock());
    StoredDeployment created = store.create(StoreFixtures.document("streamed"), StoreFixtures.ALICE);
    store.updateSpec("streamed", 1, created.spec().withImage("nginx:1.28"), null, StoreFixtures.CI);

    String streamArn = sandbox.dynamoDb().describeTable(r -> r.tableName(table)).table().latestStreamArn();
    var streams = sandbox.dynamoDbStreams();
    String shard = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
    String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    var records = streams.getRecords(r -> r.shardIterator(iterator)).records();

    var modify = records.stream().filter(r -> r.eventNameAsString().equals("MODIFY")).findFirst().orElseThrow();
    Map<String, AttributeValue> newImage = modify.dynamodb().newImage();
    assertThat(DynamoDeploymentStore.fromItem(modify.dynamodb().oldImage()).orElseThrow().spec().image())
        .isEqualTo("nginx:1.27");
    assertThat(DynamoDeploymentStore.fromItem(newImage).orElseThrow().spec().image()).isEqualTo("nginx:1.28");
    assertThat(records).anyMatch(r -> DynamoDeploymentStore.fromItem(r.dynamodb().newImage()).isEmpty())
        .as("audit records are in the stream too, and are not documents");
  }

  @Test
  void anUnreachableEndpointIsReportedAsUnavailable() {
    try (DynamoDbClient nowhere = SandboxClients.configure(DynamoDbClient.builder(), URI.create("http://127.0.0.1:9"),
        sandbox.region()).overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build()) {
      DeploymentStore store = new DynamoDeploymentStore(nowhere, "teal-deployments", sandbox.clock());

      assertThatThrownBy(() -> store.get("web"))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("DynamoDB GetItem on table teal-deployments: cannot reach AWS");
      assertThatThrownBy(() -> TableSetup.ensureTable(nowhere, "teal-deployments"))
          .isInstanceOf(StoreUnavailableException.class);
    }
  }

  @Test
  void aMissingTableSaysToRunInit() {
    DeploymentStore store = new DynamoDeploymentStore(sandbox.dynamoDb(), "no-such-table", sandbox.clock());

    assertThatThrownBy(() -> store.list())
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessage("table no-such-table does not exist; create it with `teal init`");
  }
}
