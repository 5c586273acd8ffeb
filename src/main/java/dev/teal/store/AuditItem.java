package dev.teal.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.fasterxml.jackson.databind.JavaType;
import dev.teal.document.FieldChange;
import dev.teal.document.TealJackson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** An audit record item: {@code sk = "audit#<instant>#<generation>#<resourceVersion>"}. */
final class AuditItem {

  /**
   * Fixed-width UTC instants (always nine fraction digits) so that sort keys order by time; the
   * ISO-8601 form {@link Instant#toString()} drops zero fractions and would sort 12:00:00Z after
   * 12:00:00.5Z.
   */
  static final DateTimeFormatter SORTABLE_INSTANT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static final JavaType CHANGES_TYPE =
      TealJackson.json().getTypeFactory().constructCollectionType(List.class, FieldChange.class);

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final EnhancedType<List<FieldChange>> CHANGES_ENHANCED =
      (EnhancedType) EnhancedType.listOf(FieldChange.class);

  static final TableSchema<AuditItem> SCHEMA = StaticTableSchema.builder(AuditItem.class)
      .newItemSupplier(AuditItem::new)
      .addAttribute(String.class, a -> a.name(ItemLayout.NAME).getter(i -> i.name).setter((i, v) -> i.name = v)
          .tags(primaryPartitionKey()))
      .addAttribute(String.class, a -> a.name(ItemLayout.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
          .tags(primarySortKey()))
      .addAttribute(Instant.class, a -> a.name(ItemLayout.AT).getter(i -> i.at).setter((i, v) -> i.at = v))
      .addAttribute(String.class, a -> a.name(ItemLayout.ACTOR).getter(i -> i.actor).setter((i, v) -> i.actor = v))
      .addAttribute(String.class, a -> a.name(ItemLayout.COMMAND).getter(i -> i.command)
          .setter((i, v) -> i.command = v))
      .addAttribute(Long.class, a -> a.name(ItemLayout.GENERATION).getter(i -> i.generation)
          .setter((i, v) -> i.generation = v))
      .addAttribute(Long.class, a -> a.name(ItemLayout.RESOURCE_VERSION).getter(i -> i.resourceVersion)
          .setter((i, v) -> i.resourceVersion = v))
      .addAttribute(CHANGES_ENHANCED, a -> a.name(ItemLayout.CHANGES).getter(i -> i.changes)
          .setter((i, v) -> i.changes = v)
          .attributeConverter(new JacksonAttributeConverter<>(CHANGES_ENHANCED, CHANGES_TYPE, AttributeValueType.L)))
      .build();

  String name;
  String sk;
  Instant at;
  String actor;
  String command;
  Long generation;
  Long resourceVersion;
  List<FieldChange> changes;

  static AuditItem of(String name, Instant at, ChangeContext ctx, long generation, long resourceVersion,
      List<FieldChange> changes) {
    AuditItem item = new AuditItem();
    item.name = name;
    item.sk = ItemLayout.AUDIT_PREFIX + SORTABLE_INSTANT.format(at) + "#" + generation + "#" + resourceVersion;
    item.at = at;
    item.actor = ctx.actor();
    item.command = ctx.command();
    item.generation = generation;
    item.resourceVersion = resourceVersion;
    item.changes = changes;
    return item;
  }

  AuditRecord toRecord() {
    return new AuditRecord(name, at, actor, command, generation == null ? 0 : generation,
        resourceVersion == null ? 0 : resourceVersion, changes == null ? List.of() : changes);
  }
}
