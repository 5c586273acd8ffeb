package dev.teal.store;

import dev.teal.document.DocumentDiff;
import dev.teal.document.DocumentValidator;
import dev.teal.document.FieldChange;
import dev.teal.document.InvalidDocumentException;
import dev.teal.document.Violation;
import dev.teal.history.HistoryEntry;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
    return call("GetItem", () -> Optional.ofNullable(read(name)).map(DocumentItems::decode));
  }

  @Override
  public List<StoredDeployment> list() {
    Expression documentsOnly = StoreConditions.isDocument();
    return call("Scan", () -> {
      List<StoredDeployment> all = new ArrayList<>();
      documents.scan(ScanEnhancedRequest.builder().filterExpression(documentsOnly).consistentRead(true).build())
          .items().forEach(item -> all.add(DocumentItems.decode(item)));
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
    item.labels = DocumentItems.labelsOrEmpty(document.metadata().labels());
    item.spec = DocumentItems.specAttribute(document.spec());
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
            .conditionExpression(StoreConditions.documentAbsent())
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build())
        .addPutItem(audits, StoreConditions.auditPut(audit))
        .build();
    call("TransactWriteItems", () -> {
      try {
        enhanced.transactWriteItems(request);
      } catch (TransactionCanceledException e) {
        CancellationReason reason = Cancellations.reasons(e).get(0);
        long existing = reason.hasItem() ? DocumentItems.longOf(reason.item().get(ItemLayout.RESOURCE_VERSION)) : 0;
        throw Cancellations.failed(e) ? ConflictException.alreadyExists(name, existing)
            : Cancellations.conflictOrRethrow(name, 0, e);
      }
      return null;
    });
    return DocumentItems.decode(item);
  }

  @Override
  public StoredDeployment updateSpec(String name, long expectedResourceVersion, DeploymentSpec spec,
      Map<String, String> labels, ChangeContext ctx) {
    DeploymentItem current = call("GetItem", () -> read(name));
    if (current == null) {
      throw new NotFoundException(name);
    }
    if (DocumentItems.longOf(current.resourceVersion) != expectedResourceVersion) {
      throw ConflictException.changedSince(name, expectedResourceVersion);
    }
    AttributeValue newSpec = DocumentItems.specAttribute(spec);
    Map<String, String> newLabels = labels == null ? DocumentItems.labelsOrEmpty(current.labels) : labels;
    boolean specChanged = !newSpec.equals(current.spec);
    boolean labelsChanged = !newLabels.equals(DocumentItems.labelsOrEmpty(current.labels));
    if (!specChanged && !labelsChanged) {
      return DocumentItems.decode(current);
    }
    Instant now = clock.instant();
    DeploymentItem update = DeploymentItem.key(name);
    update.labels = newLabels;
    update.spec = newSpec;
    update.generation = DocumentItems.longOf(current.generation) + (specChanged ? 1 : 0);
    update.resourceVersion = expectedResourceVersion + 1;
    update.updatedAt = now;
    update.updatedBy = ctx.actor();
    List<FieldChange> changes = new ArrayList<>(
        DocumentDiff.between(DocumentItems.labelsOrEmpty(current.labels), null, newLabels, null));
    changes.addAll(DocumentDiff.ofTrees("spec", DocumentItems.specTree(current.spec), AttributeTrees.toTree(newSpec)));
    AuditItem audit = AuditItem.of(name, now, ctx, update.generation, update.resourceVersion, changes);

    TransactWriteItemsEnhancedRequest request = TransactWriteItemsEnhancedRequest.builder()
        .addUpdateItem(documents, TransactUpdateItemEnhancedRequest.builder(DeploymentItem.class).item(update)
            .ignoreNulls(true)
            .conditionExpression(StoreConditions.unchangedSinceRead(expectedResourceVersion, current.spec))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build())
        .addPutItem(audits, StoreConditions.auditPut(audit))
        .build();
    call("TransactWriteItems", () -> {
      try {
        enhanced.transactWriteItems(request);
      } catch (TransactionCanceledException e) {
        throw Cancellations.conflictOrRethrow(name, expectedResourceVersion, e);
      }
      return null;
    });
    current.labels = update.labels;
    current.spec = update.spec;
    current.generation = update.generation;
    current.resourceVersion = update.resourceVersion;
    current.updatedAt = update.updatedAt;
    current.updatedBy = update.updatedBy;
    return DocumentItems.decode(current);
  }

  @Override
  public void delete(String name, long expectedResourceVersion, ChangeContext ctx) {
    DeploymentItem current = call("GetItem", () -> read(name));
    if (current == null) {
      throw new NotFoundException(name);
    }
    if (DocumentItems.longOf(current.resourceVersion) != expectedResourceVersion) {
      throw ConflictException.changedSince(name, expectedResourceVersion);
    }
    List<FieldChange> changes =
        new ArrayList<>(DocumentDiff.between(DocumentItems.labelsOrEmpty(current.labels), null, null, null));
    changes.addAll(DocumentDiff.ofTrees("spec", DocumentItems.specTree(current.spec), null));
    AuditItem audit = AuditItem.of(name, clock.instant(), ctx, DocumentItems.longOf(current.generation),
        expectedResourceVersion + 1, changes);
    TransactWriteItemsEnhancedRequest request = TransactWriteItemsEnhancedRequest.builder()
        .addDeleteItem(documents, TransactDeleteItemEnhancedRequest.builder()
            .key(documentKey(name))
            .conditionExpression(StoreConditions.unchangedSinceRead(expectedResourceVersion, current.spec))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build())
        .addPutItem(audits, StoreConditions.auditPut(audit))
        .build();
    call("TransactWriteItems", () -> {
      try {
        enhanced.transactWriteItems(request);
      } catch (TransactionCanceledException e) {
        throw Cancellations.conflictOrRethrow(name, expectedResourceVersion, e);
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
    Expression condition = StoreConditions.statusGuard(guard);
    if (guard.fence() == null && entry == null) {
      call("UpdateItem", () -> {
        try {
          documents.updateItem(UpdateItemEnhancedRequest.builder(DeploymentItem.class).item(update)
              .ignoreNulls(true).conditionExpression(condition)
              .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
        } catch (ConditionalCheckFailedException e) {
          throw Cancellations.staleStatus(name, guard, e.hasItem() ? e.item() : null);
        } catch (DynamoDbException e) {
          throw Cancellations.tooLargeOrRethrow(name, e, Cancellations.messageOf(e));
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
          .conditionExpression(StoreConditions.leaseHeld(fence))
          .build());
    }
    TransactWriteItemsEnhancedRequest request = transaction.build();
    call("TransactWriteItems", () -> {
      try {
        enhanced.transactWriteItems(request);
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons = Cancellations.reasons(e);
        if (Cancellations.isConditionFailure(reasons.get(0))) {
          throw Cancellations.staleStatus(name, guard, reasons.get(0).hasItem() ? reasons.get(0).item() : null);
        }
        // The lease check is the last item; the history items carry no condition of their own.
        if (fence != null && reasons.size() > 1 && Cancellations.isConditionFailure(reasons.get(reasons.size() - 1))) {
          throw new StaleStatusException("status of " + name + " not written: the lease " + fence.name() + "/"
              + fence.sortKey() + " is no longer held with this writer's token");
        }
        if (Cancellations.isTransactionConflict(reasons)) {
          throw new StaleStatusException("status of " + name + " not written: a concurrent write to it is in"
              + " progress; re-read and retry");
        }
        if ("ValidationError".equals(reasons.get(0).code())) {
          throw Cancellations.tooLargeOrRethrow(name, e, reasons.get(0).message());
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
    return Optional.of(DocumentItems.decode(DeploymentItem.SCHEMA.mapToItem(item)));
  }

  private DeploymentItem read(String name) {
    return documents.getItem(r -> r.key(documentKey(name)).consistentRead(true));
  }

  private static void requireValidName(String name) {
    List<Violation> violations = DocumentValidator.validateName(name);
    if (!violations.isEmpty()) {
      throw new InvalidDocumentException(violations);
    }
  }

  private static Key documentKey(String name) {
    return Key.builder().partitionValue(name).sortValue(ItemLayout.DOCUMENT_SK).build();
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
