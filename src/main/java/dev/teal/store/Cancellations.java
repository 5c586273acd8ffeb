package dev.teal.store;

import static dev.teal.store.DocumentItems.longOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * What a cancelled transaction or a failed condition of {@link DynamoDeploymentStore} means to its caller:
 * a conflict, a deployment that is gone, a status computed from a document that has since changed, or a
 * status DynamoDB refused for the item's size.
 */
final class Cancellations {

  private Cancellations() {}

  static StoreException staleStatus(String name, StatusWriteGuard guard, Map<String, AttributeValue> now) {
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
  static StatusTooLargeException tooLargeOrRethrow(String name, DynamoDbException e, String message) {
    if (message != null && message.contains("exceeded the maximum allowed size")) {
      return new StatusTooLargeException("status of " + name + " not written: DynamoDB refused it because the item"
          + " would exceed its 400 KB limit (" + message + ")", e);
    }
    throw e;
  }

  static String messageOf(DynamoDbException e) {
    return e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
  }

  static StoreException conflictOrRethrow(String name, long expected, TransactionCanceledException e) {
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

  static boolean failed(TransactionCanceledException e) {
    return isConditionFailure(reasons(e).get(0));
  }

  static List<CancellationReason> reasons(TransactionCanceledException e) {
    return e.hasCancellationReasons() && !e.cancellationReasons().isEmpty() ? e.cancellationReasons()
        : List.of(CancellationReason.builder().code("Unknown").build());
  }

  static boolean isConditionFailure(CancellationReason reason) {
    return "ConditionalCheckFailed".equals(reason.code());
  }

  static boolean isTransactionConflict(List<CancellationReason> reasons) {
    return reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
  }
}
