package dev.teal.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import dev.teal.document.TealJackson;
import dev.teal.model.DeploymentStatus;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The document item ({@code sk = "deployment"}) as the Enhanced Client maps it. A mutable bean because
 * partial updates leave fields null (ignored). {@code spec} stays a raw attribute (see
 * {@link RawAttributeConverter}); {@code status} goes through Jackson trees.
 */
final class DeploymentItem {

  static final TableSchema<DeploymentItem> SCHEMA = StaticTableSchema.builder(DeploymentItem.class)
      .newItemSupplier(DeploymentItem::new)
      .addAttribute(String.class, a -> a.name(ItemLayout.NAME).getter(i -> i.name).setter((i, v) -> i.name = v)
          .tags(primaryPartitionKey()))
      .addAttribute(String.class, a -> a.name(ItemLayout.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
          .tags(primarySortKey()))
      .addAttribute(String.class, a -> a.name(ItemLayout.API_VERSION).getter(i -> i.apiVersion)
          .setter((i, v) -> i.apiVersion = v))
      .addAttribute(String.class, a -> a.name(ItemLayout.KIND).getter(i -> i.kind).setter((i, v) -> i.kind = v))
      .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name(ItemLayout.LABELS)
          .getter(i -> i.labels).setter((i, v) -> i.labels = v).attributeConverter(new LabelsConverter()))
      .addAttribute(AttributeValue.class, a -> a.name(ItemLayout.SPEC).getter(i -> i.spec).setter((i, v) -> i.spec = v)
          .attributeConverter(new RawAttributeConverter()))
      .addAttribute(DeploymentStatus.class, a -> a.name(ItemLayout.STATUS).getter(i -> i.status)
          .setter((i, v) -> i.status = v).attributeConverter(JacksonAttributeConverter.of(DeploymentStatus.class)
              .readingWith(TealJackson.statusJson())))
      .addAttribute(Long.class, a -> a.name(ItemLayout.GENERATION).getter(i -> i.generation)
          .setter((i, v) -> i.generation = v))
      .addAttribute(Long.class, a -> a.name(ItemLayout.RESOURCE_VERSION).getter(i -> i.resourceVersion)
          .setter((i, v) -> i.resourceVersion = v))
      .addAttribute(Long.class, a -> a.name(ItemLayout.STATUS_VERSION).getter(i -> i.statusVersion)
          .setter((i, v) -> i.statusVersion = v))
      .addAttribute(Instant.class, a -> a.name(ItemLayout.CREATED_AT).getter(i -> i.createdAt)
          .setter((i, v) -> i.createdAt = v))
      .addAttribute(Instant.class, a -> a.name(ItemLayout.UPDATED_AT).getter(i -> i.updatedAt)
          .setter((i, v) -> i.updatedAt = v))
      .addAttribute(String.class, a -> a.name(ItemLayout.UPDATED_BY).getter(i -> i.updatedBy)
          .setter((i, v) -> i.updatedBy = v))
      .build();

  String name;
  String sk;
  String apiVersion;
  String kind;
  Map<String, String> labels;
  AttributeValue spec;
  DeploymentStatus status;
  Long generation;
  Long resourceVersion;
  Long statusVersion;
  Instant createdAt;
  Instant updatedAt;
  String updatedBy;

  static DeploymentItem key(String name) {
    DeploymentItem item = new DeploymentItem();
    item.name = name;
    item.sk = ItemLayout.DOCUMENT_SK;
    return item;
  }
}
