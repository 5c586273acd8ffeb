package dev.teal.operator.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Follows the table's DynamoDB stream and reports the deployments whose spec changed (see
 * {@link StreamRecords}), so a spec write is acted on within about a second.
 *
 * <p>At the start, the open shards are read from LATEST (older changes are the initial resync's job);
 * shards that appear later (a closed shard's children) are read from TRIM_HORIZON so nothing between
 * the parent and the child is missed. A shard that returns no records is polled again after
 * {@code idleWait}; one that returned records at once. An expired iterator or trimmed data means
 * records may have been missed: the shards are positioned afresh and the listener is told
 * ({@link Listener#positioned()}), which resyncs.
 *
 * <p>All work happens on one thread of its own, one round at a time; a round re-schedules the next.
 */
public final class StreamSource {

  private static final Logger LOG = Logger.getLogger(StreamSource.class);

  /** How long to wait before looking again for a stream on a table that has none. */
  static final Duration NO_STREAM_RECHECK = Duration.ofSeconds(60);

  /** Told how the stream is doing; called on the stream's thread. */
  public interface Listener {
    /** The shards are positioned (at the start, or afresh after a gap): every change from now on is reported. */
    void positioned();

    /** The table has no stream (yet); it is looked for again every minute. */
    void noStream();

    /** A round failed; {@code inARow} counts the failures since the last good round. */
    void failing(int inARow, Exception cause);

    /** A round succeeded after failures. */
    void recovered();
  }

  private final DynamoDbClient dynamo;
  private final DynamoDbStreamsClient streams;
  private final String table;
  private final Duration idleWait;
  private final Duration maxRetryWait;
  private final EventSink sink;
  private final Listener listener;
  private final ScheduledExecutorService executor;

  private String streamArn;
  private boolean positioned;
  private boolean lookForNewShards;
  private final Map<String, String> iterators = new LinkedHashMap<>();
  private final Set<String> knownShards = new HashSet<>();
  private int failuresInARow;
  private volatile boolean stopped;

  /**
   * @param idleWait how long to wait after a round that returned no records
   * @param maxRetryWait the longest wait after failed rounds (it doubles from {@code idleWait})
   */
  public StreamSource(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String table, Duration idleWait,
      Duration maxRetryWait, String threadName, EventSink sink, Listener listener) {
    this.dynamo = dynamo;
    this.streams = streams;
    this.table = table;
    this.idleWait = idleWait;
    this.maxRetryWait = maxRetryWait;
    this.sink = sink;
    this.listener = listener;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, threadName);
      thread.setDaemon(true);
      return thread;
    });
  }

  public void start() {
    schedule(Duration.ZERO);
  }

  /** Stops after the round in progress, if any (waits up to {@code timeout} of real time for it). */
  public void stop(Duration timeout) throws InterruptedException {
    stopped = true;
    executor.shutdown();
    if (!executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      executor.shutdownNow();
    }
  }

  public boolean alive() {
    return !executor.isShutdown();
  }

  /** One round: find the stream and position on it if needed, then read every shard once. */
  void round() {
    if (stopped) {
      return;
    }
    Duration next;
    try {
      next = readOnce();
      if (next == null) {
        listener.noStream();
        next = NO_STREAM_RECHECK;
      } else if (failuresInARow > 0) {
        failuresInARow = 0;
        listener.recovered();
      }
    } catch (ExpiredIteratorException | TrimmedDataAccessException e) {
      LOG.warnf("lost the position on the stream of table %s (%s); positioning afresh and resyncing",
          table, e.getClass().getSimpleName());
      forgetPosition();
      next = Duration.ZERO;
    } catch (ResourceNotFoundException e) {
      LOG.warnf("the stream of table %s is gone (%s); looking for the table's current stream", table,
          e.getMessage());
      streamArn = null;
      forgetPosition();
      next = failed(e);
    } catch (RuntimeException e) {
      next = failed(e); // SDK failures above all, but nothing may end the rounds
    }
    schedule(next);
  }

  /** @return how long to wait before the next round, or null when the table has no stream */
  private Duration readOnce() {
    if (streamArn == null) {
      streamArn = dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
      if (streamArn == null) {
        return null;
      }
    }
    if (!positioned) {
      positionAtLatest();
      positioned = true;
      listener.positioned();
    } else if (lookForNewShards) {
      followNewShards();
      lookForNewShards = false;
    }
    boolean gotRecords = false;
    for (Map.Entry<String, String> shard : new ArrayList<>(iterators.entrySet())) {
      GetRecordsResponse response = streams.getRecords(r -> r.shardIterator(shard.getValue()));
      for (Record record : response.records()) {
        StreamRecords.deploymentToReconcile(record).ifPresent(sink::changed);
      }
      gotRecords |= !response.records().isEmpty();
      if (response.nextShardIterator() == null) {
        iterators.remove(shard.getKey()); // closed and read to its end: its children carry on
        lookForNewShards = true;
      } else {
        iterators.put(shard.getKey(), response.nextShardIterator());
      }
    }
    return gotRecords || lookForNewShards ? Duration.ZERO : idleWait;
  }

  /** Open shards from their newest record; closed ones are history (the resync covers what they hold). */
  private void positionAtLatest() {
    for (Shard shard : shards()) {
      knownShards.add(shard.shardId());
      if (shard.sequenceNumberRange() == null || shard.sequenceNumberRange().endingSequenceNumber() == null) {
        iterators.put(shard.shardId(), iterator(shard.shardId(), ShardIteratorType.LATEST));
      }
    }
  }

  /** Shards not seen before are children of ones we read: from their first record. */
  private void followNewShards() {
    for (Shard shard : shards()) {
      if (knownShards.add(shard.shardId())) {
        iterators.put(shard.shardId(), iterator(shard.shardId(), ShardIteratorType.TRIM_HORIZON));
      }
    }
  }

  private List<Shard> shards() {
    List<Shard> shards = new ArrayList<>();
    String from = null;
    do {
      String start = from;
      DescribeStreamResponse response = streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(start));
      shards.addAll(response.streamDescription().shards());
      from = response.streamDescription().lastEvaluatedShardId();
    } while (from != null);
    return shards;
  }

  private String iterator(String shardId, ShardIteratorType type) {
    return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId).shardIteratorType(type))
        .shardIterator();
  }

  private void forgetPosition() {
    positioned = false;
    lookForNewShards = false;
    iterators.clear();
    knownShards.clear();
  }

  private Duration failed(Exception e) {
    failuresInARow++;
    if (failuresInARow == 1) {
      LOG.warnf("reading the stream of table %s failed; retrying: %s", table, e.getMessage());
    } else {
      LOG.debugf("reading the stream of table %s failed %d times in a row: %s", table, failuresInARow, e.getMessage());
    }
    listener.failing(failuresInARow, e);
    long factor = 1L << Math.min(failuresInARow, 16);
    Duration wait = idleWait.multipliedBy(factor);
    return wait.compareTo(maxRetryWait) > 0 ? maxRetryWait : wait;
  }

  private void schedule(Duration delay) {
    if (stopped) {
      return;
    }
    try {
      executor.schedule(this::round, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // stopping
    }
  }
}
