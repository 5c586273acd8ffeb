package dev.teal.operator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teal.store.ItemLayout;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Shard bookkeeping, which DynamoDB Local does not exercise (its stream never splits or rolls over):
 * a scripted stream whose open shard closes and hands over to a child, and an iterator that expires.
 */
class ShardFollowingTest {

  private final ScriptedStream stream = new ScriptedStream();
  private final List<String> reported = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger positioned = new AtomicInteger();
  private StreamSource source;

  @AfterEach
  void stop() throws InterruptedException {
    source.stop(Duration.ofSeconds(5));
  }

  private void start() {
    DynamoDbClient dynamo = new DynamoDbClient() {
      @Override
      public DescribeTableResponse describeTable(DescribeTableRequest request) {
        return DescribeTableResponse.builder().table(t -> t.tableName(request.tableName())
            .latestStreamArn("arn:stream")).build();
      }

      @Override
      public String serviceName() {
        return "dynamodb";
      }

      @Override
      public void close() {}
    };
    source = new StreamSource(dynamo, stream, "table", Duration.ofMillis(20), Duration.ofSeconds(1), "test-shards",
        reported::add, new StreamSource.Listener() {
          @Override
          public void positioned() {
            positioned.incrementAndGet();
          }

          @Override
          public void noStream() {}

          @Override
          public void failing(int inARow, Exception cause) {}

          @Override
          public void recovered() {}
        });
    source.start();
  }

  @Test
  void openShardsAreReadFromLatestAndTheChildOfAClosedOneFromItsStart() {
    stream.shard("old", null, true);
    stream.shard("current", "old", false);
    stream.batch("current", "a");
    start();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reported).containsExactly("a"));

    stream.close("current");
    stream.shard("child", "current", false);
    stream.batch("child", "b");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reported).containsExactly("a", "b"));

    assertThat(stream.iteratorsAsked).containsExactly("current:LATEST", "child:TRIM_HORIZON");
    assertThat(positioned).hasValue(1);
  }

  @Test
  void anExpiredIteratorPositionsAfreshAndSaysSoForAResync() {
    stream.shard("current", null, false);
    start();
    await().atMost(Duration.ofSeconds(5)).until(() -> stream.getRecordsCalls.get() > 0);

    stream.expireNext.set(true);
    await().atMost(Duration.ofSeconds(5)).until(() -> positioned.get() == 2);
    stream.batch("current", "after");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reported).containsExactly("after"));
    assertThat(stream.iteratorsAsked).containsExactly("current:LATEST", "current:LATEST");
  }

  /** A stream whose shards and records the test scripts. */
  private static final class ScriptedStream implements DynamoDbStreamsClient {
    final List<Shard> shards = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Deque<List<Record>>> batches = new HashMap<>();
    final Map<String, Boolean> closed = new HashMap<>();
    final List<String> iteratorsAsked = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger getRecordsCalls = new AtomicInteger();
    final AtomicBoolean expireNext = new AtomicBoolean();

    synchronized void shard(String id, String parent, boolean isClosed) {
      shards.add(Shard.builder().shardId(id).parentShardId(parent)
          .sequenceNumberRange(r -> r.startingSequenceNumber("1").endingSequenceNumber(isClosed ? "9" : null)).build());
      batches.put(id, new ArrayDeque<>());
      closed.put(id, isClosed);
    }

    synchronized void close(String id) {
      closed.put(id, true);
    }

    synchronized void batch(String shard, String name) {
      batches.get(shard).add(List.of(Record.builder().eventName(OperationType.INSERT)
          .dynamodb(StreamRecord.builder().keys(Map.of(ItemLayout.NAME, AttributeValue.fromS(name),
              ItemLayout.SK, AttributeValue.fromS(ItemLayout.DOCUMENT_SK))).build()).build()));
    }

    @Override
    public synchronized DescribeStreamResponse describeStream(DescribeStreamRequest request) {
      return DescribeStreamResponse.builder().streamDescription(d -> d.streamArn(request.streamArn())
          .shards(List.copyOf(shards))).build();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
      iteratorsAsked.add(request.shardId() + ":" + request.shardIteratorTypeAsString());
      return GetShardIteratorResponse.builder().shardIterator(request.shardId()).build();
    }

    @Override
    public synchronized GetRecordsResponse getRecords(GetRecordsRequest request) {
      getRecordsCalls.incrementAndGet();
      if (expireNext.getAndSet(false)) {
        throw ExpiredIteratorException.builder().message("expired").build();
      }
      String shard = request.shardIterator();
      List<Record> records = batches.get(shard).isEmpty() ? List.of() : batches.get(shard).poll();
      boolean ended = closed.get(shard) && batches.get(shard).isEmpty();
      return GetRecordsResponse.builder().records(records).nextShardIterator(ended ? null : shard).build();
    }

    @Override
    public String serviceName() {
      return "streams.dynamodb";
    }

    @Override
    public void close() {}
  }
}
