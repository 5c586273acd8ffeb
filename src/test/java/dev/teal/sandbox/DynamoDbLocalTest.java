package dev.teal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.testing.SandboxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB Local on loopback, shared per JVM, with Streams delivering old and new images. */
class DynamoDbLocalTest {

  @RegisterExtension
  static SandboxExtension sandbox = SandboxExtension.create();

  @Test
  void streamsDeliverNewAndOldImages() {
    assertThat(sandbox.dynamoDbEndpoint().getHost()).isEqualTo("127.0.0.1");
    DynamoDbClient ddb = sandbox.dynamoDb();
    String table = sandbox.tableName();
    String streamArn = ddb.createTable(r -> r.tableName(table)
        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
        .billingMode("PAY_PER_REQUEST")
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
        .tableDescription().latestStreamArn();
    assertThat(streamArn).isNotBlank();

    ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("app#web"), "version", n(1))));
    ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("app#web"), "version", n(2))));

    DynamoDbStreamsClient streams = sandbox.dynamoDbStreams();
    String shard = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
    String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    List<Record> records = streams.getRecords(r -> r.shardIterator(iterator)).records();

    assertThat(records).extracting(Record::eventName).containsExactly(OperationType.INSERT, OperationType.MODIFY);
    Record modify = records.get(1);
    assertThat(modify.dynamodb().oldImage().get("version").n()).isEqualTo("1");
    assertThat(modify.dynamodb().newImage().get("version").n()).isEqualTo("2");
  }

  @Test
  void eachTestClassGetsItsOwnTableName() {
    assertThat(sandbox.tableName()).startsWith("teal-dynamodblocaltest-").hasSizeGreaterThanOrEqualTo(3);
    assertThat(sandbox.tableName()).isEqualTo(sandbox.tableName());
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(int v) {
    return AttributeValue.fromN(Integer.toString(v));
  }
}
