package dev.teal.operator.health;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Whether DynamoDB answers and the table exists (DescribeTable), for the readiness check. The answer is
 * reused for {@code cacheFor} and refreshed in the background, so a health check never waits on AWS.
 * The cache is measured in real time ({@code nanoTime}), since it bounds real calls.
 */
public final class TableProbe {

  /** The latest answer; {@code checked} is false until the first DescribeTable returned. */
  public record Reachability(boolean checked, boolean reachable, String detail) {

    static final Reachability NOT_CHECKED = new Reachability(false, false, "not checked yet");
  }

  private final DynamoDbClient dynamo;
  private final String table;
  private final long cacheNanos;
  private final LongSupplier nanoTime;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "teal-table-probe");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Reachability latest = Reachability.NOT_CHECKED;
  private volatile long checkedAt;

  public TableProbe(DynamoDbClient dynamo, String table, Duration cacheFor, LongSupplier nanoTime) {
    this.dynamo = dynamo;
    this.table = table;
    this.cacheNanos = cacheFor.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The latest answer; starts a refresh in the background when it is older than the cache time. */
  public Reachability current() {
    Reachability answer = latest;
    if ((!answer.checked() || nanoTime.getAsLong() - checkedAt > cacheNanos) && refreshing.compareAndSet(false, true)) {
      executor.execute(this::refresh);
    }
    return answer;
  }

  /** Asks DynamoDB now, on the caller's thread. */
  public Reachability check() {
    Reachability answer;
    try {
      dynamo.describeTable(r -> r.tableName(table));
      answer = new Reachability(true, true, "reachable");
    } catch (ResourceNotFoundException e) {
      answer = new Reachability(true, false, "table " + table + " does not exist (create it with `teal init`)");
    } catch (RuntimeException e) {
      answer = new Reachability(true, false, "unreachable: " + firstLine(e.getMessage()));
    }
    latest = answer;
    checkedAt = nanoTime.getAsLong();
    return answer;
  }

  private void refresh() {
    try {
      check();
    } finally {
      refreshing.set(false);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no details";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
