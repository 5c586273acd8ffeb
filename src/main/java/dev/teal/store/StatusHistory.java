package dev.teal.store;

import dev.teal.history.HistoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The status history the store records with each status write (see
 * {@link DynamoDeploymentStore#updateStatus(String, StatusWriteGuard, DeploymentStatus, HistoryEntry)}), and
 * how far each notification sink has delivered it. Failures are {@link StoreException}s.
 */
public interface StatusHistory {

  /** A deployment's entries still in its ring, oldest first ({@link HistoryEntry#key()} order). */
  List<HistoryEntry> entries(String deployment);

  /** The cursor {@code sink} has delivered {@code deployment}'s notifications up to, or null for none. */
  String deliveredUpTo(String deployment, String sink);

  /** Every deployment's newest notification and every sink's delivery cursor, in one read. */
  Outbox outbox();

  /**
   * Records that {@code sink} has delivered {@code deployment}'s notifications up to {@code cursor}
   * (a {@link HistoryEntry#cursor(int)}), unless its record is already there or beyond.
   *
   * @return false when another writer had already recorded this cursor or a later one
   */
  boolean markDelivered(String deployment, String sink, String cursor, String eventId, Instant at);

  /**
   * When {@code sink} was first configured: the first caller records {@code now}, later callers read it.
   * A sink delivers nothing written before it, so adding one does not replay the retained history.
   */
  Instant registerSink(String sink, Instant now);

  /**
   * The operator partition's view of delivery.
   *
   * @param heads per deployment, the cursor of its newest notification
   * @param delivered per deployment, per sink, the cursor delivered up to
   */
  record Outbox(Map<String, String> heads, Map<String, Map<String, String>> delivered) {

    public Outbox {
      heads = Map.copyOf(heads);
      delivered = Map.copyOf(delivered);
    }

    /** The cursor {@code sink} delivered {@code deployment} up to, or null when it has delivered none. */
    public String deliveredUpTo(String deployment, String sink) {
      Map<String, String> bySink = delivered.get(deployment);
      return bySink == null ? null : bySink.get(sink);
    }
  }
}
