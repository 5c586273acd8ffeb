package dev.teal.store;

import dev.teal.history.HistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** {@link StatusHistory} on the deployments table; the layout is {@link ItemLayout}'s. */
public final class DynamoStatusHistory implements StatusHistory {

  /* attribute_not_exists(upTo) OR upTo < :upTo   (a cursor only moves forward; cursors sort as strings) */
  static final String CURSOR_BEHIND = "attribute_not_exists(#upTo) OR #upTo < :upTo";

  /* SET since = if_not_exists(since, :now)   (the first registration wins) */
  static final String FIRST_SEEN = "SET #since = if_not_exists(#since, :now)";

  private final DynamoDbClient client;
  private final String tableName;
  private final DynamoDbTable<HistoryItems.Entry> entries;
  private final DynamoDbTable<HistoryItems.Outbox> outboxes;
  private final DynamoDbTable<HistoryItems.Delivered> delivered;

  public DynamoStatusHistory(DynamoDbClient client, String tableName) {
    this.client = Objects.requireNonNull(client);
    this.tableName = Objects.requireNonNull(tableName);
    DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
    this.entries = enhanced.table(tableName, HistoryItems.Entry.SCHEMA);
    this.outboxes = enhanced.table(tableName, HistoryItems.Outbox.SCHEMA);
    this.delivered = enhanced.table(tableName, HistoryItems.Delivered.SCHEMA);
  }

  @Override
  public List<HistoryEntry> entries(String deployment) {
    QueryEnhancedRequest ring = QueryEnhancedRequest.builder()
        .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue(deployment)
            .sortValue(ItemLayout.HISTORY_PREFIX).build()))
        .consistentRead(true)
        .build();
    return call("Query", () -> {
      List<HistoryEntry> found = new ArrayList<>();
      entries.query(ring).items().forEach(item -> {
        if (item.entry != null) {
          found.add(item.entry);
        }
      });
      found.sort(Comparator.comparing(HistoryEntry::key));
      return found;
    });
  }

  @Override
  public Outbox outbox() {
    return call("Query", () -> {
      Map<String, String> heads = new HashMap<>();
      outboxes.query(inOperatorPartition(ItemLayout.OUTBOX_PREFIX)).items()
          .forEach(item -> heads.put(item.deployment, item.head));
      Map<String, Map<String, String>> cursors = new HashMap<>();
      delivered.query(inOperatorPartition(ItemLayout.DELIVERED_PREFIX)).items()
          .forEach(item -> cursors.computeIfAbsent(item.deployment, d -> new HashMap<>()).put(item.sink, item.upTo));
      return new Outbox(heads, cursors);
    });
  }

  @Override
  public String deliveredUpTo(String deployment, String sink) {
    return call("GetItem", () -> {
      HistoryItems.Delivered item = delivered.getItem(r -> r.key(Key.builder()
          .partitionValue(ItemLayout.OPERATOR_PARTITION)
          .sortValue(HistoryItems.Delivered.sortKey(deployment, sink)).build()).consistentRead(true));
      return item == null ? null : item.upTo;
    });
  }

  @Override
  public boolean markDelivered(String deployment, String sink, String cursor, String eventId, Instant at) {
    HistoryItems.Delivered item = new HistoryItems.Delivered();
    item.name = ItemLayout.OPERATOR_PARTITION;
    item.sk = HistoryItems.Delivered.sortKey(deployment, sink);
    item.deployment = deployment;
    item.sink = sink;
    item.upTo = cursor;
    item.eventId = eventId;
    item.at = at;
    item.expiresAt = HistoryItems.expiry(at);
    Expression forwardOnly = Expression.builder().expression(CURSOR_BEHIND)
        .putExpressionName("#upTo", ItemLayout.UP_TO)
        .putExpressionValue(":upTo", AttributeValue.fromS(cursor))
        .build();
    return call("UpdateItem", () -> {
      try {
        delivered.updateItem(UpdateItemEnhancedRequest.builder(HistoryItems.Delivered.class).item(item)
            .conditionExpression(forwardOnly).build());
        return true;
      } catch (ConditionalCheckFailedException e) {
        return false;
      }
    });
  }

  @Override
  public Instant registerSink(String sink, Instant now) {
    return call("UpdateItem", () -> {
      Map<String, AttributeValue> item = client.updateItem(r -> r.tableName(tableName)
          .key(Map.of(ItemLayout.NAME, AttributeValue.fromS(ItemLayout.OPERATOR_PARTITION),
              ItemLayout.SK, AttributeValue.fromS(ItemLayout.SINK_PREFIX + sink)))
          .updateExpression(FIRST_SEEN)
          .expressionAttributeNames(Map.of("#since", ItemLayout.SINCE))
          .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(now.toString())))
          .returnValues(ReturnValue.ALL_NEW)).attributes();
      return Instant.parse(item.get(ItemLayout.SINCE).s());
    });
  }

  private static QueryEnhancedRequest inOperatorPartition(String prefix) {
    return QueryEnhancedRequest.builder()
        .queryConditional(QueryConditional.sortBeginsWith(Key.builder()
            .partitionValue(ItemLayout.OPERATOR_PARTITION).sortValue(prefix).build()))
        .consistentRead(true)
        .build();
  }

  private <T> T call(String operation, Supplier<T> action) {
    try {
      return action.get();
    } catch (StoreException e) {
      throw e;
    } catch (ResourceNotFoundException e) {
      throw new StoreUnavailableException("table " + tableName + " does not exist; create it with `teal init`", e);
    } catch (DynamoDbException e) {
      throw Failures.translate("DynamoDB " + operation + " on table " + tableName, e);
    } catch (SdkClientException e) {
      throw Failures.translate("DynamoDB " + operation + " on table " + tableName, e);
    }
  }
}
