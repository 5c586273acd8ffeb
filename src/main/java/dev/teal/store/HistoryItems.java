package dev.teal.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import dev.teal.document.TealJackson;
import dev.teal.history.HistoryEntry;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The items of the status history and its delivery, as the Enhanced Client maps them; the layout is
 * documented in docs/document-store.md.
 */
final class HistoryItems {

  /** How long DynamoDB's TTL keeps a history entry or a delivery record that nothing rewrote. */
  static final Duration RETENTION = Duration.ofDays(30);

  private HistoryItems() {}

  /** A status history entry in its deployment's partition: {@code sk = history#NN}. */
  static final class Entry {
    static final TableSchema<Entry> SCHEMA = StaticTableSchema.builder(Entry.class)
        .newItemSupplier(Entry::new)
        .addAttribute(String.class, a -> a.name(ItemLayout.NAME).getter(i -> i.name).setter((i, v) -> i.name = v)
            .tags(primaryPartitionKey()))
        .addAttribute(String.class, a -> a.name(ItemLayout.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
            .tags(primarySortKey()))
        .addAttribute(Long.class, a -> a.name(ItemLayout.INCARNATION).getter(i -> i.incarnation)
            .setter((i, v) -> i.incarnation = v))
        .addAttribute(Long.class, a -> a.name(ItemLayout.STATUS_VERSION).getter(i -> i.statusVersion)
            .setter((i, v) -> i.statusVersion = v))
        .addAttribute(Instant.class, a -> a.name(ItemLayout.AT).getter(i -> i.at).setter((i, v) -> i.at = v))
        .addAttribute(Long.class, a -> a.name(ItemLayout.EXPIRES_AT).getter(i -> i.expiresAt)
            .setter((i, v) -> i.expiresAt = v))
        .addAttribute(HistoryEntry.class, a -> a.name(ItemLayout.ENTRY).getter(i -> i.entry)
            .setter((i, v) -> i.entry = v).attributeConverter(JacksonAttributeConverter.of(HistoryEntry.class)
                .readingWith(TealJackson.statusJson())))
        .build();

    String name;
    String sk;
    Long incarnation;
    Long statusVersion;
    Instant at;
    Long expiresAt;
    HistoryEntry entry;

    static Entry of(HistoryEntry entry) {
      Entry item = new Entry();
      item.name = entry.deployment();
      item.sk = slot(entry.statusVersion());
      item.incarnation = entry.incarnation() == null ? 0 : entry.incarnation().toEpochMilli();
      item.statusVersion = entry.statusVersion();
      item.at = entry.at();
      item.expiresAt = expiry(entry.at());
      item.entry = entry;
      return item;
    }

    static String slot(long statusVersion) {
      return ItemLayout.HISTORY_PREFIX + String.format("%02d", Math.floorMod(statusVersion, ItemLayout.HISTORY_SLOTS));
    }
  }

  /** The newest notification of a deployment: {@code name = #operator, sk = outbox#<deployment>}. */
  static final class Outbox {
    static final TableSchema<Outbox> SCHEMA = StaticTableSchema.builder(Outbox.class)
        .newItemSupplier(Outbox::new)
        .addAttribute(String.class, a -> a.name(ItemLayout.NAME).getter(i -> i.name).setter((i, v) -> i.name = v)
            .tags(primaryPartitionKey()))
        .addAttribute(String.class, a -> a.name(ItemLayout.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
            .tags(primarySortKey()))
        .addAttribute(String.class, a -> a.name(ItemLayout.DEPLOYMENT).getter(i -> i.deployment)
            .setter((i, v) -> i.deployment = v))
        .addAttribute(String.class, a -> a.name(ItemLayout.HEAD).getter(i -> i.head).setter((i, v) -> i.head = v))
        .addAttribute(Instant.class, a -> a.name(ItemLayout.AT).getter(i -> i.at).setter((i, v) -> i.at = v))
        .addAttribute(Long.class, a -> a.name(ItemLayout.EXPIRES_AT).getter(i -> i.expiresAt)
            .setter((i, v) -> i.expiresAt = v))
        .build();

    String name;
    String sk;
    String deployment;
    String head;
    Instant at;
    Long expiresAt;

    static Outbox of(HistoryEntry entry) {
      Outbox item = new Outbox();
      item.name = ItemLayout.OPERATOR_PARTITION;
      item.sk = ItemLayout.OUTBOX_PREFIX + entry.deployment();
      item.deployment = entry.deployment();
      item.head = entry.cursor(entry.notifications().size() - 1);
      item.at = entry.at();
      item.expiresAt = expiry(entry.at());
      return item;
    }
  }

  /**
   * How far one sink delivered one deployment's notifications:
   * {@code name = #operator, sk = delivered#<deployment>#<sink>}.
   */
  static final class Delivered {
    static final TableSchema<Delivered> SCHEMA = StaticTableSchema.builder(Delivered.class)
        .newItemSupplier(Delivered::new)
        .addAttribute(String.class, a -> a.name(ItemLayout.NAME).getter(i -> i.name).setter((i, v) -> i.name = v)
            .tags(primaryPartitionKey()))
        .addAttribute(String.class, a -> a.name(ItemLayout.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
            .tags(primarySortKey()))
        .addAttribute(String.class, a -> a.name(ItemLayout.DEPLOYMENT).getter(i -> i.deployment)
            .setter((i, v) -> i.deployment = v))
        .addAttribute(String.class, a -> a.name(ItemLayout.SINK).getter(i -> i.sink).setter((i, v) -> i.sink = v))
        .addAttribute(String.class, a -> a.name(ItemLayout.UP_TO).getter(i -> i.upTo).setter((i, v) -> i.upTo = v))
        .addAttribute(String.class, a -> a.name(ItemLayout.EVENT_ID).getter(i -> i.eventId)
            .setter((i, v) -> i.eventId = v))
        .addAttribute(Instant.class, a -> a.name(ItemLayout.AT).getter(i -> i.at).setter((i, v) -> i.at = v))
        .addAttribute(Long.class, a -> a.name(ItemLayout.EXPIRES_AT).getter(i -> i.expiresAt)
            .setter((i, v) -> i.expiresAt = v))
        .build();

    String name;
    String sk;
    String deployment;
    String sink;
    String upTo;
    String eventId;
    Instant at;
    Long expiresAt;

    static String sortKey(String deployment, String sink) {
      return ItemLayout.DELIVERED_PREFIX + deployment + "#" + sink;
    }
  }

  /** When a sink was first configured: {@code name = #operator, sk = sink#<sink>}. */
  static final class Sink {
    static final TableSchema<Sink> SCHEMA = StaticTableSchema.builder(Sink.class)
        .newItemSupplier(Sink::new)
        .addAttribute(String.class, a -> a.name(ItemLayout.NAME).getter(i -> i.name).setter((i, v) -> i.name = v)
            .tags(primaryPartitionKey()))
        .addAttribute(String.class, a -> a.name(ItemLayout.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
            .tags(primarySortKey()))
        .addAttribute(Instant.class, a -> a.name(ItemLayout.SINCE).getter(i -> i.since)
            .setter((i, v) -> i.since = v))
        .build();

    String name;
    String sk;
    Instant since;
  }

  static long expiry(Instant at) {
    return at.plus(RETENTION).getEpochSecond();
  }
}
