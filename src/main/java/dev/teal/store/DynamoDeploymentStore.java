package dev.teal.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teal.document.DocumentCodec;
import dev.teal.document.DocumentDiff;
import dev.teal.document.DocumentValidator;
import dev.teal.document.FieldChange;
import dev.teal.document.InvalidDocumentException;
import dev.teal.document.SpecHash;
import dev.teal.document.Violation;
import dev.teal.history.HistoryEntry;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.ObjectMeta;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link DeploymentStore} on one DynamoDB table, through the Enhanced Client. The item layout is
 * {@link ItemLayout}'s and is documented in docs/document-store.md.
 */
public final class DynamoDeploymentStore implements DeploymentStore {

  /* attribute_not_exists(name) */
  static final String DOCUMENT_ABSENT = "attribute_not_exists(#name)";

  /* attribute_exists(name) */
  static final String DOCUMENT_EXISTS = "attribute_exists(#name)";

  /*
   * resourceVersion = :expectedResourceVersion AND spec = :readSpec
   * (the spec as read: a direct UpdateItem that changed the spec without bumping resourceVersion,
   * e.g. CI's one-liner, still makes a read-modify-write based on the older spec fail)
   */
  static final String UNCHANGED_SINCE_READ = "#resourceVersion = :expectedResourceVersion AND #spec = :readSpec";

  /* resourceVersion = :expectedResourceVersion AND attribute_not_exists(spec) */
  static final String UNCHANGED_SINCE_READ_WITHOUT_SPEC =
      "#resourceVersion = :expectedResourceVersion AND attribute_not_exists(#spec)";

  /* generation = :observedGeneration */
  static final String GENERATION_MATCHES = "#generation = :observedGeneration";

  /* attribute_not_exists(generation) OR generation = :observedGeneration   (observed 0: a direct writer may have left it out) */
  static final String GENERATION_UNSET_OR_MATCHES =
      "(attribute_not_exists(#generation) OR #generation = :observedGeneration)";

  /* spec = :observedSpec   (map equality: any change to any field of the spec fails it) */
  static final String SPEC_MATCHES = "#spec = :observedSpec";

  /* attribute_not_exists(spec) */
  static final String SPEC_UNSET = "attribute_not_exists(#spec)";

  /* statusVersion = :observedStatusVersion */
  static final String STATUS_VERSION_MATCHES = "#statusVersion = :observedStatusVersion";

  /* attribute_not_exists(statusVersion) OR statusVersion = :observedStatusVersion */
  static final String STATUS_VERSION_UNSET_OR_MATCHES =
      "(attribute_not_exists(#statusVersion) OR #statusVersion = :observedStatusVersion)";

  /* <tokenAttribute> = :leaseToken   (on the lease item named by the LeaseFence) */
  static final String LEASE_HELD = "#leaseToken = :leaseToken";

  /* attribute_not_exists(sk)   (an audit record is never overwritten) */
  static final String AUDIT_ABSENT = "attribute_not_exists(#sk)";

  /* sk = :documentSk   (scan filter: documents only, not audit records or the operator's items) */
  static final String IS_DOCUMENT = "#sk = :documentSk";

  private final DynamoDbEnhancedClient enhanced;
  private final DynamoDbTable<DeploymentItem> documents;
  private final DynamoDbTable<AuditItem> audits;
  private final DynamoDbTable<HistoryItems.Entry> historyEntries;
  private final DynamoDbTable<HistoryItems.Outbox> outboxes;
  private final String tableName;
  private final Clock clock;

  public DynamoDeploymentStore(DynamoDbClient client, String tableName, Clock clock) {
    this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
    this.documents = enhanced.table(tableName, DeploymentItem.SCHEMA);
    this.audits = enhanced.table(tableName, AuditItem.SCHEMA);
    this.historyEntries = enhanced.table(tableName, HistoryItems.Entry.SCHEMA);
    this.outboxes = enhanced.table(tableName, HistoryItems.Outbox.SCHEMA);
    this.tableName = Objects.requireNonNull(tableName);
    this.clock = Objects.requireNonNull(clock);
  }

  public String tableName() {
    return tableName;
  }

  @Override
  public Optional<StoredDeployment> get(String name) {
    return call("GetItem", () -> Optional.ofNullable(read(name)).map(DynamoDeploymentStore::decode));
  }

  @Override
  public List<StoredDeployment> list() {
    Expression documentsOnly = Expression.builder().expression(IS_DOCUMENT)
        .putExpressionName("#sk", ItemLayout.SK)
        .putExpressionValue(":documentSk", AttributeValue.fromS(ItemLayout.DOCUMENT_SK))
        .build();
    return call("Scan", () -> {
      List<StoredDeployment> all = new ArrayList<>();
      documents.scan(ScanEnhancedRequest.builder().filterExpression(documentsOnly).consistentRead(true).build())
          .items().forEach(item -> all.add(decode(item)));
      all.sort(Comparator.comparing(StoredDeployment::name));
      return all;
    });
  }

  @Override
  public StoredDeployment create(BlueGreenDeployment document, ChangeContext ctx) {
    String name = document.name();
    requireValidName(name);
    Instant now = clock.instant();
    DeploymentItem item = DeploymentItem.key(name);
    item.apiVersion = BlueGreenDeployment.API_VERSION;
    item.kind = BlueGreenDeployment.KIND;
    item.labels = labelsOrEmpty(document.metadata().labels());
    item.spec = specAttribute(document.spec());
    item.generation = 1L;
    item.resourceVersion = 1L;
    item.statusVersion = 0L;
    item.createdAt = now;
    item.updatedAt = now;
    item.updatedBy = ctx.actor();
    List<FieldChange> changes = new ArrayList<>(DocumentDiff.between(null, null, item.labels, null));
    changes.addAll(DocumentDiff.ofTrees("spec", null, AttributeTrees.toTree(item.spec)));
    AuditItem audit = AuditItem.of(name, now, ctx, 1, 1, changes);

    TransactWriteItemsEnhancedRequest request = TransactWriteItemsEnhancedRequest.builder()
        .addPutItem(documents, TransactPutItemEnhancedRequest.builder(DeploymentItem.class).item(item)
            .conditionExpression(Expression.builder().expression(DOCUMENT_ABSENT)
                .putExpressionName("#name", ItemLayout.NAME).build())
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build())
        .addPutItem(audits, auditPut(audit))
        .build();
    call("TransactWriteItems", () -> {
      try {
        enhanced.transactWriteItems(request);
      } catch (TransactionCanceledException e) {
        CancellationReason reason = reasons(e).get(0);
        long existing = reason.hasItem() ? longOf(reason.item().get(ItemLayout.RESOURCE_VERSION)) : 0;
        throw failed(e) ? ConflictException.alreadyExists(name, existing) : conflictOrRethrow(name, 0, e);
      }
      return null;
    });
    return decode(item);
  }

  @Override
  public StoredDeployment updateSpec(String name, long expectedResourceVersion, DeploymentSpec spec,
      Map<String, String> labels, ChangeContext ctx) {
    DeploymentItem current = call("GetItem", () -> read(name));
    if (current == null) {
      throw new NotFoundException(name);
    }
    if (longOf(current.resourceVersion) != expectedResourceVersion) {
      throw ConflictException.changedSince(name, expectedResourceVersion);
    }
    AttributeValue newSpec = specAttribute(spec);
    Map<String, String> newLabels = labels == null ? labelsOrEmpty(current.labels) : labels;
    boolean specChanged = !newSpec.equals(current.spec);
    boolean labelsChanged = !newLabels.equals(labelsOrEmpty(current.labels));
    if (!specChanged && !labelsChanged) {
      return decode(current);
    }
    Instant now = clock.instant();
    DeploymentItem update = DeploymentItem.key(name);
    update.labels = newLabels;
    update.spec = newSpec;
    update.generation = longOf(current.generation) + (specChanged ? 1 : 0);
    update.resourceVersion = expectedResourceVersion + 1;
    update.updatedAt = now;
    update.updatedBy = ctx.actor();
    List<FieldChange> changes = new ArrayList<>(
        DocumentDiff.between(labelsOrEmpty(current.labels), null, newLabels, null));
    changes.addAll(DocumentDiff.ofTrees("spec", specTree(current.spec), AttributeTrees.toTree(newSpec)));
    AuditItem audit = AuditItem.of(name, now, ctx, update.generation, update.resourceVersion, changes);

    TransactWriteItemsEnhancedRequest request = TransactWriteItemsEnhancedRequest.builder()
        .addUpdateItem(documents, TransactUpdateItemEnhancedRequest.builder(DeploymentItem.class).item(update)
            .ignoreNulls(true)
            .conditionExpression(unchangedSinceRead(expectedResourceVersion, current.spec))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build())
        .addPutItem(audits, auditPut(audit))
        .build();
    call("TransactWriteItems", () -> {
      try {
        enhanced.transactWriteItems(request);
      } catch (TransactionCanceledException e) {
        throw conflictOrRethrow(name, expectedResourceVersion, e);
      }
      return null;
    });
    current.labels = update.labels;
    current.spec = update.spec;
    current.generation = update.generation;
    current.resourceVersion = update.resourceVersion;
    current.updatedAt = update.updatedAt;
    current.updatedBy = update.updatedBy;
    return decode(current);
  }

  @Override
  public void delete(String name, long expectedResourceVersion, ChangeContext ctx) {
    DeploymentItem current = call("GetItem", () -> read(name));
    if (current == null) {
      throw new NotFoundException(name);
    }
    if (longOf(current.resourceVersion) != expectedResourceVersion) {
      throw ConflictException.changedSince(name, expectedResourceVersion);
    }
    List<FieldChange> changes = new ArrayList<>(DocumentDiff.between(labelsOrEmpty(current.labels), null, null, null));
    changes.addAll(DocumentDiff.ofTrees("spec", specTree(current.spec), null));
    AuditItem audit = AuditItem.of(name, clock.instant(), ctx, longOf(current.generation),
        expectedResourceVersion + 1, changes);
    TransactWriteItemsEnhancedRequest request = TransactWriteItemsEnhancedRequest.builder()
        .addDeleteItem(documents, TransactDeleteItemEnhancedRequest.builder()
            .key(documentKey(name))
            .conditionExpression(unchangedSinceRead(expectedResourceVersion, current.spec))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build())
        .addPutItem(audits, auditPut(audit))
        .build();
    call("TransactWriteItems", () -> {
      try {
        enhanced.transactWriteItems(request);
      } catch (TransactionCanceledException e) {
        throw conflictOrRethrow(name, expectedResourceVersion, e);
      }
      return null;
    });
  }

  @Override
  public List<AuditRecord> history(String name) {
    QueryEnhancedRequest newestFirst = QueryEnhancedRequest.builder()
        .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue(name)
            .sortValue(ItemLayout.AUDIT_PREFIX).build()))
        .scanIndexForward(false)
        .consistentRead(true)
        .build();
    return call("Query", () -> {
      List<AuditRecord> records = new ArrayList<>();
      audits.query(newestFirst).items().forEach(item -> records.add(item.toRecord()));
      return records;
    });
  }

  @Override
  public void updateStatus(String name, StatusWriteGuard guard, DeploymentStatus status) {
    updateStatus(name, guard, status, null);
  }

  /**
   * As {@link #updateStatus(String, StatusWriteGuard, DeploymentStatus)}, and records {@code entry} (unless
   * null) in the same transaction: the entry in the deployment's history ring ({@code history#NN}, NN its
   * status version modulo {@link ItemLayout#HISTORY_SLOTS}) and, when it has notifications, the newest one's
   * cursor as the deployment's outbox head. The status, its entry and the head land together or not at
   * all, so a crash can neither lose a transition nor record one that did not happen.
   *
   * @param entry the entry of this write, its statusVersion {@code guard.observedStatusVersion() + 1}
   */
  public void updateStatus(String name, StatusWriteGuard guard, DeploymentStatus status, HistoryEntry entry) {
    Objects.requireNonNull(status, "status");
    if (entry != null && (!entry.deployment().equals(name)
        || entry.statusVersion() != guard.observedStatusVersion() + 1)) {
      throw new IllegalArgumentException("the history entry of " + entry.deployment() + " at status version "
          + entry.statusVersion() + " does not belong to this write of " + name);
    }
    DeploymentItem update = DeploymentItem.key(name);
    update.status = status;
    update.statusVersion = guard.observedStatusVersion() + 1;
    Expression condition = statusGuard(guard);
    if (guard.fence() == null && entry == null) {
      call("UpdateItem", () -> {
        try {
          documents.updateItem(UpdateItemEnhancedRequest.builder(DeploymentItem.class).item(update)
              .ignoreNulls(true).conditionExpression(condition)
              .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
        } catch (ConditionalCheckFailedException e) {
          throw staleStatus(name, guard, e.hasItem() ? e.item() : null);
        } catch (DynamoDbException e) {
          throw tooLargeOrRethrow(name, e, messageOf(e));
        }
        return null;
      });
      return;
    }
    TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
        .addUpdateItem(documents, TransactUpdateItemEnhancedRequest.builder(DeploymentItem.class).item(update)
            .ignoreNulls(true).conditionExpression(condition)
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
    if (entry != null) {
      // UpdateItem, not PutItem, so the operator's role needs no PutItem outside its own partition; the
      // slot's previous entry (64 status writes ago) is replaced whole.
      transaction.addUpdateItem(historyEntries, TransactUpdateItemEnhancedRequest.builder(HistoryItems.Entry.class)
          .item(HistoryItems.Entry.of(entry)).build());
      if (!entry.notifications().isEmpty()) {
        transaction.addUpdateItem(outboxes, TransactUpdateItemEnhancedRequest.builder(HistoryItems.Outbox.class)
            .item(HistoryItems.Outbox.of(entry)).build());
      }
    }
    LeaseFence fence = guard.fence();
    if (fence != null) {
      transaction.addConditionCheck(documents, ConditionCheck.builder()
          .key(Key.builder().partitionValue(fence.name()).sortValue(fence.sortKey()).build())
          .conditionExpression(Expression.builder().expression(LEASE_HELD)
              .putExpressionName("#leaseToken", fence.tokenAttribute())
              .putExpressionValue(":leaseToken", AttributeValue.fromS(fence.token())).build())
          .build());
    }
    TransactWriteItemsEnhancedRequest request = transaction.build();
    call("TransactWriteItems", () -> {
      try {
        enhanced.transactWriteItems(request);
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons = reasons(e);
        if (isConditionFailure(reasons.get(0))) {
          throw staleStatus(name, guard, reasons.get(0).hasItem() ? reasons.get(0).item() : null);
        }
        // The lease check is the last item; the history items carry no condition of their own.
        if (fence != null && reasons.size() > 1 && isConditionFailure(reasons.get(reasons.size() - 1))) {
          throw new StaleStatusException("status of " + name + " not written: the lease " + fence.name() + "/"
              + fence.sortKey() + " is no longer held with this writer's token");
        }
        if (isTransactionConflict(reasons)) {
          throw new StaleStatusException("status of " + name + " not written: a concurrent write to it is in"
              + " progress; re-read and retry");
        }
        if ("ValidationError".equals(reasons.get(0).code())) {
          throw tooLargeOrRethrow(name, e, reasons.get(0).message());
        }
        throw e;
      }
      return null;
    });
  }

  /**
   * Decodes a raw document item, e.g. a Streams NEW_IMAGE, the way {@link #get} does; empty for items
   * that are not documents (audit records, the operator's lease).
   */
  public static Optional<StoredDeployment> fromItem(Map<String, AttributeValue> item) {
    if (item == null || !AttributeValue.fromS(ItemLayout.DOCUMENT_SK).equals(item.get(ItemLayout.SK))) {
      return Optional.empty();
    }
    return Optional.of(decode(DeploymentItem.SCHEMA.mapToItem(item)));
  }

  private DeploymentItem read(String name) {
    return documents.getItem(r -> r.key(documentKey(name)).consistentRead(true));
  }

  static StoredDeployment decode(DeploymentItem item) {
    JsonNode specTree = specTree(item.spec);
    DocumentCodec.Decoded<DeploymentSpec> decoded = DocumentCodec.decodeSpec(specTree);
    List<Violation> problems = new ArrayList<>(decoded.violations());
    if (decoded.clean()) {
      problems.addAll(DocumentValidator.validateSpec(decoded.value()));
    }
    String hash = decoded.clean() ? SpecHash.of(decoded.value()) : SpecHash.ofRaw(specTree);
    Map<String, String> labels = item.labels == null || item.labels.isEmpty() ? null : item.labels;
    ObjectMeta metadata = new ObjectMeta(item.name, labels, longOf(item.generation), longOf(item.resourceVersion),
        item.createdAt, item.updatedAt, item.updatedBy);
    BlueGreenDeployment document = new BlueGreenDeployment(
        item.apiVersion == null ? BlueGreenDeployment.API_VERSION : item.apiVersion,
        item.kind == null ? BlueGreenDeployment.KIND : item.kind,
        metadata, decoded.value(), item.status);
    return new StoredDeployment(document, hash, longOf(item.statusVersion), item.spec, problems);
  }

  private static JsonNode specTree(AttributeValue spec) {
    return spec == null ? null : AttributeTrees.toTree(spec);
  }

  private static AttributeValue specAttribute(DeploymentSpec spec) {
    if (spec == null) {
      throw new InvalidDocumentException(List.of(new Violation("spec", "is required")));
    }
    return AttributeTrees.toAttribute(DocumentCodec.toTree(spec));
  }

  private static void requireValidName(String name) {
    List<Violation> violations = DocumentValidator.validateName(name);
    if (!violations.isEmpty()) {
      throw new InvalidDocumentException(violations);
    }
  }

  private static Map<String, String> labelsOrEmpty(Map<String, String> labels) {
    return labels == null ? Map.of() : labels;
  }

  private static long longOf(Long value) {
    return value == null ? 0 : value;
  }

  private static long longOf(AttributeValue value) {
    return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
  }

  private static Key documentKey(String name) {
    return Key.builder().partitionValue(name).sortValue(ItemLayout.DOCUMENT_SK).build();
  }

  private static Expression unchangedSinceRead(long expected, AttributeValue readSpec) {
    Expression.Builder expression = Expression.builder()
        .putExpressionName("#resourceVersion", ItemLayout.RESOURCE_VERSION)
        .putExpressionName("#spec", ItemLayout.SPEC)
        .putExpressionValue(":expectedResourceVersion", AttributeValue.fromN(Long.toString(expected)));
    if (readSpec == null) {
      return expression.expression(UNCHANGED_SINCE_READ_WITHOUT_SPEC).build();
    }
    return expression.expression(UNCHANGED_SINCE_READ).putExpressionValue(":readSpec", readSpec).build();
  }

  private static Expression statusGuard(StatusWriteGuard guard) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    names.put("#name", ItemLayout.NAME);
    names.put("#generation", ItemLayout.GENERATION);
    names.put("#spec", ItemLayout.SPEC);
    names.put("#statusVersion", ItemLayout.STATUS_VERSION);
    values.put(":observedGeneration", AttributeValue.fromN(Long.toString(guard.observedGeneration())));
    values.put(":observedStatusVersion", AttributeValue.fromN(Long.toString(guard.observedStatusVersion())));
    String spec = SPEC_UNSET;
    if (guard.observedSpec() != null) {
      spec = SPEC_MATCHES;
      values.put(":observedSpec", guard.observedSpec());
    }
    String expression = String.join(" AND ", DOCUMENT_EXISTS,
        guard.observedGeneration() == 0 ? GENERATION_UNSET_OR_MATCHES : GENERATION_MATCHES,
        spec,
        guard.observedStatusVersion() == 0 ? STATUS_VERSION_UNSET_OR_MATCHES : STATUS_VERSION_MATCHES);
    return Expression.builder().expression(expression).expressionNames(names).expressionValues(values).build();
  }

  private static TransactPutItemEnhancedRequest<AuditItem> auditPut(AuditItem audit) {
    return TransactPutItemEnhancedRequest.builder(AuditItem.class).item(audit)
        .conditionExpression(Expression.builder().expression(AUDIT_ABSENT).putExpressionName("#sk", ItemLayout.SK)
            .build())
        .build();
  }

  private static StoreException staleStatus(String name, StatusWriteGuard guard, Map<String, AttributeValue> now) {
    if (now == null || now.isEmpty()) {
      return new NotFoundException(name);
    }
    List<String> moved = new ArrayList<>();
    if (longOf(now.get(ItemLayout.GENERATION)) != guard.observedGeneration()) {
      moved.add("generation " + guard.observedGeneration() + " -> " + longOf(now.get(ItemLayout.GENERATION)));
    }
    if (!Objects.equals(now.get(ItemLayout.SPEC), guard.observedSpec())) {
      moved.add("the spec changed");
    }
    if (longOf(now.get(ItemLayout.STATUS_VERSION)) != guard.observedStatusVersion()) {
      moved.add("statusVersion " + guard.observedStatusVersion() + " -> " + longOf(now.get(ItemLayout.STATUS_VERSION)));
    }
    return new StaleStatusException("status of " + name + " not written: it was computed from a document that has"
        + " since changed (" + String.join(", ", moved) + "); re-read and reconcile again");
  }

  /**
   * DynamoDB's answer to an item that would outgrow its limit: "Item size to update has exceeded the
   * maximum allowed size" (a ValidationException from UpdateItem, a ValidationError cancellation reason
   * from TransactWriteItems). Anything else is rethrown as it was.
   */
  private static StatusTooLargeException tooLargeOrRethrow(String name, DynamoDbException e, String message) {
    if (message != null && message.contains("exceeded the maximum allowed size")) {
      return new StatusTooLargeException("status of " + name + " not written: DynamoDB refused it because the item"
          + " would exceed its 400 KB limit (" + message + ")", e);
    }
    throw e;
  }

  private static String messageOf(DynamoDbException e) {
    return e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
  }

  private static StoreException conflictOrRethrow(String name, long expected, TransactionCanceledException e) {
    List<CancellationReason> reasons = reasons(e);
    CancellationReason document = reasons.get(0);
    if (isConditionFailure(document)) {
      return document.hasItem() && !document.item().isEmpty() ? ConflictException.changedSince(name, expected)
          : new NotFoundException(name);
    }
    if (isTransactionConflict(reasons) || (reasons.size() > 1 && isConditionFailure(reasons.get(1)))) {
      return ConflictException.changedSince(name, expected);
    }
    throw e;
  }

  private static boolean failed(TransactionCanceledException e) {
    return isConditionFailure(reasons(e).get(0));
  }

  private static List<CancellationReason> reasons(TransactionCanceledException e) {
    return e.hasCancellationReasons() && !e.cancellationReasons().isEmpty() ? e.cancellationReasons()
        : List.of(CancellationReason.builder().code("Unknown").build());
  }

  private static boolean isConditionFailure(CancellationReason reason) {
    return "ConditionalCheckFailed".equals(reason.code());
  }

  private static boolean isTransactionConflict(List<CancellationReason> reasons) {
    return reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
  }

  /** Runs a DynamoDB call, translating SDK failures that the caller did not handle into store exceptions. */
  private <T> T call(String operation, Supplier<T> action) {
    try {
      return action.get();
    } catch (StoreException | InvalidDocumentException e) {
      throw e;
    } catch (ResourceNotFoundException e) {
      throw new TableNotFoundException("table " + tableName + " does not exist; create it with `teal init`", e);
    } catch (DynamoDbException e) {
      throw Failures.translate("DynamoDB " + operation + " on table " + tableName, e);
    } catch (SdkClientException e) {
      throw Failures.translate("DynamoDB " + operation + " on table " + tableName, e);
    }
  }
}
