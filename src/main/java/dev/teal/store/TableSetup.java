package dev.teal.store;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Creates the deployments table if it is missing: key (name S, sk S), on-demand billing, Streams with
 * NEW_AND_OLD_IMAGES, TTL on {@code expiresAt}, and (in real AWS) point-in-time recovery and server-side
 * encryption with the AWS managed KMS key. Endpoints that do not support PITR or SSE (DynamoDB Local) are noted and skipped.
 * Idempotent: {@code teal init}, the daemon and the tests all call it.
 */
public final class TableSetup {

  private static final System.Logger LOG = System.getLogger(TableSetup.class.getName());

  private TableSetup() {}

  /**
   * What {@link #ensureTable} did.
   *
   * @param created true when the table was created by this call
   * @param notes what was changed or skipped, one line each
   */
  public record Result(String table, boolean created, List<String> notes) {}

  public static Result ensureTable(DynamoDbClient client, String table) {
    try {
      return ensure(client, table);
    } catch (AwsServiceException e) {
      throw Failures.translate("setting up DynamoDB table " + table, e);
    } catch (SdkClientException e) {
      throw Failures.translate("setting up DynamoDB table " + table, e);
    }
  }

  private static Result ensure(DynamoDbClient client, String table) {
    List<String> notes = new ArrayList<>();
    TableDescription existing = describe(client, table);
    boolean created = false;
    if (existing == null) {
      created = create(client, table, notes);
      existing = client.waiter().waitUntilTableExists(r -> r.tableName(table)).matched().response()
          .map(r -> r.table()).orElseThrow();
      if (created && existing.sseDescription() == null) {
        notes.add("this endpoint does not report server-side encryption for table " + table
            + " (expected on DynamoDB Local); in real AWS check it with describe-table");
      }
    } else {
      checkKeySchema(existing);
      notes.add("table " + table + " exists");
    }
    ensureStream(client, table, existing, notes);
    ensurePointInTimeRecovery(client, table, notes);
    ensureTimeToLive(client, table, notes);
    notes.forEach(note -> LOG.log(System.Logger.Level.DEBUG, note)); // callers report the notes
    return new Result(table, created, List.copyOf(notes));
  }

  private static TableDescription describe(DynamoDbClient client, String table) {
    try {
      return client.describeTable(r -> r.tableName(table)).table();
    } catch (ResourceNotFoundException e) {
      return null;
    }
  }

  private static boolean create(DynamoDbClient client, String table, List<String> notes) {
    CreateTableRequest.Builder request = CreateTableRequest.builder()
        .tableName(table)
        .attributeDefinitions(
            AttributeDefinition.builder().attributeName(ItemLayout.NAME).attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName(ItemLayout.SK).attributeType(ScalarAttributeType.S).build())
        .keySchema(
            KeySchemaElement.builder().attributeName(ItemLayout.NAME).keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName(ItemLayout.SK).keyType(KeyType.RANGE).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .streamSpecification(StreamSpecification.builder().streamEnabled(true)
            .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build());
    try {
      try {
        client.createTable(request.copy().sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS)).build());
        notes.add("created table " + table + " (on-demand, streams NEW_AND_OLD_IMAGES, server-side encryption requested with the AWS managed KMS key)");
      } catch (DynamoDbException e) {
        if (e instanceof ResourceInUseException || !mentionsEncryption(e)) {
          throw e;
        }
        client.createTable(request.build());
        notes.add("created table " + table + " (on-demand, streams NEW_AND_OLD_IMAGES); this endpoint does not"
            + " support SSE settings, skipped (" + e.awsErrorDetails().errorMessage() + ")");
      }
      return true;
    } catch (ResourceInUseException e) {
      notes.add("table " + table + " was created concurrently by someone else");
      return false;
    }
  }

  private static boolean mentionsEncryption(DynamoDbException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return message.contains("sse") || message.contains("encrypt") || message.contains("kms");
  }

  private static void checkKeySchema(TableDescription table) {
    List<KeySchemaElement> expected = List.of(
        KeySchemaElement.builder().attributeName(ItemLayout.NAME).keyType(KeyType.HASH).build(),
        KeySchemaElement.builder().attributeName(ItemLayout.SK).keyType(KeyType.RANGE).build());
    if (!table.keySchema().equals(expected)) {
      throw new StoreException("table " + table.tableName() + " exists but its key is " + table.keySchema()
          + "; teal needs partition key 'name' (S) and sort key 'sk' (S). Use another --table.");
    }
  }

  private static void ensureStream(DynamoDbClient client, String table, TableDescription description,
      List<String> notes) {
    StreamSpecification stream = description.streamSpecification();
    if (stream != null && Boolean.TRUE.equals(stream.streamEnabled())
        && stream.streamViewType() == StreamViewType.NEW_AND_OLD_IMAGES) {
      return;
    }
    if (stream != null && Boolean.TRUE.equals(stream.streamEnabled())) {
      throw new StoreException("table " + table + " has a stream with view type " + stream.streamViewType()
          + "; teal needs NEW_AND_OLD_IMAGES. Disable the stream and run teal init again.");
    }
    client.updateTable(r -> r.tableName(table).streamSpecification(s -> s.streamEnabled(true)
        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    notes.add("enabled streams (NEW_AND_OLD_IMAGES) on table " + table);
  }

  /**
   * TTL on {@code expiresAt}, which only status history entries and notification delivery records carry
   * (documents and audit records never expire). A table with TTL on another attribute is left as it is:
   * DynamoDB allows one, and the history is bounded by its ring anyway.
   */
  private static void ensureTimeToLive(DynamoDbClient client, String table, List<String> notes) {
    try {
      TimeToLiveDescription ttl = client.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
      TimeToLiveStatus status = ttl == null ? null : ttl.timeToLiveStatus();
      if ((status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING)
          && ItemLayout.EXPIRES_AT.equals(ttl.attributeName())) {
        notes.add("TTL is on for attribute " + ItemLayout.EXPIRES_AT + " of table " + table);
        return;
      }
      if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
        notes.add("table " + table + " has TTL on attribute " + ttl.attributeName() + ", not "
            + ItemLayout.EXPIRES_AT + ": status history of deleted deployments will not expire");
        return;
      }
      client.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(t -> t.enabled(true)
          .attributeName(ItemLayout.EXPIRES_AT)));
      notes.add("TTL is on for attribute " + ItemLayout.EXPIRES_AT + " of table " + table
          + " (status history and delivery records expire; documents and audit records never do)");
    } catch (DynamoDbException e) {
      if (e.statusCode() == 403) {
        throw e;
      }
      String code = e.awsErrorDetails() == null ? "?" : e.awsErrorDetails().errorCode();
      notes.add("TTL not enabled: this endpoint does not support it (" + code + "); check it in real AWS");
    }
  }

  private static void ensurePointInTimeRecovery(DynamoDbClient client, String table, List<String> notes) {
    try {
      client.updateContinuousBackups(r -> r.tableName(table)
          .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
      notes.add("point-in-time recovery is on for table " + table);
    } catch (DynamoDbException e) {
      if (e.statusCode() == 403) {
        throw e;
      }
      String code = e.awsErrorDetails() == null ? "?" : e.awsErrorDetails().errorCode();
      notes.add("point-in-time recovery not enabled: this endpoint does not support it (" + code
          + "); expected on DynamoDB Local, check it in real AWS");
    }
  }
}
