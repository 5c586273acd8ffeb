package dev.teal.operator.lease;

import dev.teal.store.ItemLayout;
import dev.teal.store.LeaseFence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The leader lease: one item in the deployments table, written only with conditional writes.
 *
 * <pre>
 * name = "#operator", sk = "lease", holder = operator id, token = random per acquisition,
 * expiresAt = epoch millis on the writer's clock, durationMillis
 * </pre>
 *
 * A free or expired lease is taken with a conditional PutItem; the holder renews it with an UpdateItem
 * conditional on its token and releases it with a DeleteItem conditional on its token. A standby
 * reads the lease (through the failed PutItem's old image) every renew interval, and again just after
 * the holder's lease runs out, so it takes over at most about one lease duration after the holder's
 * last renewal.
 *
 * <p>Nothing here blocks: {@link #tick()} is called often (a fraction of a second of real time) and
 * does a DynamoDB call only when one is due by the injected clock. See {@link LeaseTiming} for the
 * clock-skew assumption.
 */
public final class DynamoLease implements Leadership {

  /** The lease item's sort key (its partition key is {@link ItemLayout#OPERATOR_PARTITION}). */
  public static final String SORT_KEY = "lease";
  public static final String HOLDER = "holder";
  public static final String TOKEN = "token";
  public static final String EXPIRES_AT = "expiresAt";
  public static final String DURATION_MILLIS = "durationMillis";

  /* attribute_not_exists(name) OR expiresAt < :now */
  static final String FREE_OR_EXPIRED = "attribute_not_exists(#name) OR #expiresAt < :now";

  /* token = :token */
  static final String HELD_WITH_TOKEN = "#token = :token";

  /** A token no acquisition produces: a fence with it never holds. */
  static final String NOT_HELD = "not-held";

  /** How often a holder logs its heartbeat line at least. */
  static final Duration HEARTBEAT_EVERY = Duration.ofMinutes(1);

  private static final Logger LOG = Logger.getLogger(DynamoLease.class);

  /** Told when this instance becomes the holder and when it stops being one. */
  public interface Listener {
    void acquired(LeaseStatus status);

    void lost(LeaseStatus status, String why);

    Listener NONE = new Listener() {
      @Override
      public void acquired(LeaseStatus status) {}

      @Override
      public void lost(LeaseStatus status, String why) {}
    };
  }

  /**
   * What the holder knows of its own lease.
   *
   * @param renewedAtNanos on the monotonic clock, read just before the write that took or renewed the
   *     lease was sent: the write cannot have taken effect earlier, so the lease runs at least
   *     {@code duration} from here
   */
  private record Held(String token, Instant renewedAt, long renewedAtNanos) {}

  private final DynamoDbClient dynamo;
  /** When the holder last logged "lease held by"; see {@link #heartbeat}. */
  private Instant lastHeartbeat;
  private final String table;
  private final String operatorId;
  private final LeaseTiming timing;
  private final Clock clock;
  private final MonotonicClock monotonic;
  private final Supplier<String> tokens;
  private final Listener listener;

  private volatile Held held;
  private volatile LeaseStatus status = LeaseStatus.UNKNOWN;
  private volatile boolean stopped;
  private Instant nextAttemptAt = Instant.MIN;
  private boolean failing;

  /**
   * @param clock the wall clock: the lease item's expiry is written and compared on it
   * @param monotonic how long this instance may still act is measured on it, never on the wall clock
   * @param tokens a fresh, unguessable token per acquisition (e.g. a random UUID)
   */
  public DynamoLease(DynamoDbClient dynamo, String table, String operatorId, LeaseTiming timing, Clock clock,
      MonotonicClock monotonic, Supplier<String> tokens, Listener listener) {
    this.dynamo = dynamo;
    this.table = table;
    this.operatorId = operatorId;
    this.timing = timing;
    this.clock = clock;
    this.monotonic = monotonic;
    this.tokens = tokens;
    this.listener = listener;
  }

  public String operatorId() {
    return operatorId;
  }

  public LeaseTiming timing() {
    return timing;
  }

  /**
   * Until {@code duration - safetyMargin} after the last successful take or renewal was sent, on the
   * monotonic clock; zero once stopped or not the holder. A wall clock stepped back cannot extend it.
   */
  @Override
  public Duration actingTimeLeft() {
    Held current = held;
    if (current == null || stopped) {
      return Duration.ZERO;
    }
    long elapsed = monotonic.nanos() - current.renewedAtNanos();
    Duration left = timing.actingWindow().minusNanos(elapsed);
    return left.isNegative() ? Duration.ZERO : left;
  }

  @Override
  public Optional<LeaseFence> fence() {
    Held current = held;
    return Optional.of(new LeaseFence(ItemLayout.OPERATOR_PARTITION, SORT_KEY, TOKEN,
        current == null ? NOT_HELD : current.token()));
  }

  @Override
  public LeaseStatus status() {
    return status;
  }

  /** Renews the lease when this instance holds it, or tries to take it, whenever that is due. */
  public synchronized void tick() {
    if (stopped) {
      return;
    }
    Instant now = clock.instant();
    if (now.isBefore(nextAttemptAt)) {
      return;
    }
    long sentAtNanos = monotonic.nanos();
    Held current = held;
    if (current != null) {
      renew(current, now, sentAtNanos);
    } else {
      tryToAcquire(now, sentAtNanos);
    }
  }

  /** Gives the lease up (if held) so a standby can take over at once; no more ticks after this. */
  public synchronized boolean release() {
    stopped = true;
    Held current = held;
    held = null;
    status = new LeaseStatus(LeaseState.STANDBY, null, null);
    if (current == null) {
      return false;
    }
    try {
      dynamo.deleteItem(r -> r.tableName(table).key(key())
          .conditionExpression(HELD_WITH_TOKEN)
          .expressionAttributeNames(Map.of("#token", TOKEN))
          .expressionAttributeValues(Map.of(":token", AttributeValue.fromS(current.token()))));
      LOG.infof("released the operator lease (%s)", operatorId);
      return true;
    } catch (ConditionalCheckFailedException e) {
      LOG.infof("the operator lease was no longer ours to release (%s)", operatorId);
      return false;
    } catch (SdkException e) {
      LOG.warnf("could not release the operator lease; a standby takes over when it expires: %s", e.getMessage());
      return false;
    }
  }

  /** Stops without releasing, as a crashed instance would: the lease stays until it expires. */
  public void halt() {
    stopped = true;
  }

  private void tryToAcquire(Instant now, long sentAtNanos) {
    String token = tokens.get();
    Instant expiresAt = now.plus(timing.duration());
    try {
      dynamo.putItem(r -> r.tableName(table)
          .item(Map.of(
              ItemLayout.NAME, AttributeValue.fromS(ItemLayout.OPERATOR_PARTITION),
              ItemLayout.SK, AttributeValue.fromS(SORT_KEY),
              HOLDER, AttributeValue.fromS(operatorId),
              TOKEN, AttributeValue.fromS(token),
              EXPIRES_AT, millis(expiresAt),
              DURATION_MILLIS, AttributeValue.fromN(Long.toString(timing.duration().toMillis()))))
          .conditionExpression(FREE_OR_EXPIRED)
          .expressionAttributeNames(Map.of("#name", ItemLayout.NAME, "#expiresAt", EXPIRES_AT))
          .expressionAttributeValues(Map.of(":now", millis(now)))
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      held = new Held(token, now, sentAtNanos);
      status = new LeaseStatus(LeaseState.HOLDER, operatorId, expiresAt);
      nextAttemptAt = now.plus(timing.renewInterval());
      heartbeat(now, expiresAt, " (acquired)");
      listener.acquired(status);
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> current = e.hasItem() ? e.item() : Map.of();
      String holder = stringOf(current.get(HOLDER));
      Instant holderExpiresAt = instantOf(current.get(EXPIRES_AT));
      if (status.state() != LeaseState.STANDBY || !Objects.equals(status.holder(), holder)) {
        LOG.infof("standing by: the operator lease is held by %s until %s", holder, holderExpiresAt);
      }
      status = new LeaseStatus(LeaseState.STANDBY, holder, holderExpiresAt);
      nextAttemptAt = nextLook(now, holderExpiresAt);
    } catch (SdkException e) {
      failed("could not read or take the operator lease: " + e.getMessage());
      nextAttemptAt = now.plus(timing.retryInterval());
      return;
    }
    recovered();
  }

  /**
   * "lease held by ..." at every acquisition and at least once a minute while held: the no-leader alarm
   * (a CloudWatch Logs metric filter on this message) fires when no instance logs it.
   */
  private void heartbeat(Instant now, Instant expiresAt, String suffix) {
    lastHeartbeat = now;
    LOG.infof("lease held by %s until %s%s", operatorId, expiresAt, suffix);
  }

  private void renew(Held current, Instant now, long sentAtNanos) {
    Instant expiresAt = now.plus(timing.duration());
    try {
      dynamo.updateItem(r -> r.tableName(table).key(key())
          .updateExpression("SET #expiresAt = :expiresAt, #duration = :duration")
          .conditionExpression(HELD_WITH_TOKEN)
          .expressionAttributeNames(Map.of("#expiresAt", EXPIRES_AT, "#duration", DURATION_MILLIS, "#token", TOKEN))
          .expressionAttributeValues(Map.of(
              ":expiresAt", millis(expiresAt),
              ":duration", AttributeValue.fromN(Long.toString(timing.duration().toMillis())),
              ":token", AttributeValue.fromS(current.token())))
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      held = new Held(current.token(), now, sentAtNanos);
      status = new LeaseStatus(LeaseState.HOLDER, operatorId, expiresAt);
      nextAttemptAt = now.plus(timing.renewInterval());
      if (lastHeartbeat == null || !now.isBefore(lastHeartbeat.plus(HEARTBEAT_EVERY))) {
        heartbeat(now, expiresAt, "");
      }
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> item = e.hasItem() ? e.item() : Map.of();
      held = null;
      status = new LeaseStatus(LeaseState.STANDBY, stringOf(item.get(HOLDER)), instantOf(item.get(EXPIRES_AT)));
      nextAttemptAt = nextLook(now, status.expiresAt());
      String why = status.holder() == null ? "the lease item is gone" : "it is now held by " + status.holder();
      LOG.warnf("lost the operator lease: %s", why);
      listener.lost(status, why);
    } catch (SdkException e) {
      Instant stopActingAt = current.renewedAt().plus(timing.actingWindow());
      failed("could not renew the operator lease (acting until " + stopActingAt + " at most): " + e.getMessage());
      nextAttemptAt = now.plus(timing.retryInterval());
      return;
    }
    recovered();
  }

  /** The first failure in a row is a warning; the rest, retried every second or so, would only repeat it. */
  private void failed(String message) {
    if (failing) {
      LOG.debug(message);
    } else {
      LOG.warn(message + " (retrying; further failures are logged at DEBUG)");
      failing = true;
    }
  }

  private void recovered() {
    if (failing) {
      LOG.info("the operator lease can be read and written again");
      failing = false;
    }
  }

  /** A standby looks again every renew interval, and right after the holder's lease runs out. */
  private Instant nextLook(Instant now, Instant holderExpiresAt) {
    Instant regular = now.plus(timing.renewInterval());
    if (holderExpiresAt == null) {
      return regular;
    }
    Instant justAfterExpiry = holderExpiresAt.plusMillis(1);
    return justAfterExpiry.isBefore(regular) ? justAfterExpiry : regular;
  }

  private static Map<String, AttributeValue> key() {
    return Map.of(ItemLayout.NAME, AttributeValue.fromS(ItemLayout.OPERATOR_PARTITION),
        ItemLayout.SK, AttributeValue.fromS(SORT_KEY));
  }

  private static AttributeValue millis(Instant instant) {
    return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
  }

  private static String stringOf(AttributeValue value) {
    return value == null ? null : value.s();
  }

  private static Instant instantOf(AttributeValue value) {
    return value == null || value.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
  }
}
