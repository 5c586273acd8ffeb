package dev.teal.store;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The condition expressions of {@link DynamoDeploymentStore}'s writes, each written out beside its
 * DynamoDB form: optimistic concurrency on the document, the status guard and the lease fence.
 */
final class StoreConditions {

  private StoreConditions() {}

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

  static Expression documentAbsent() {
    return Expression.builder().expression(DOCUMENT_ABSENT).putExpressionName("#name", ItemLayout.NAME).build();
  }

  static Expression isDocument() {
    return Expression.builder().expression(IS_DOCUMENT)
        .putExpressionName("#sk", ItemLayout.SK)
        .putExpressionValue(":documentSk", AttributeValue.fromS(ItemLayout.DOCUMENT_SK))
        .build();
  }

  static Expression leaseHeld(LeaseFence fence) {
    return Expression.builder().expression(LEASE_HELD)
        .putExpressionName("#leaseToken", fence.tokenAttribute())
        .putExpressionValue(":leaseToken", AttributeValue.fromS(fence.token())).build();
  }

  static Expression unchangedSinceRead(long expected, AttributeValue readSpec) {
    Expression.Builder expression = Expression.builder()
        .putExpressionName("#resourceVersion", ItemLayout.RESOURCE_VERSION)
        .putExpressionName("#spec", ItemLayout.SPEC)
        .putExpressionValue(":expectedResourceVersion", AttributeValue.fromN(Long.toString(expected)));
    if (readSpec == null) {
      return expression.expression(UNCHANGED_SINCE_READ_WITHOUT_SPEC).build();
    }
    return expression.expression(UNCHANGED_SINCE_READ).putExpressionValue(":readSpec", readSpec).build();
  }

  static Expression statusGuard(StatusWriteGuard guard) {
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

  static TransactPutItemEnhancedRequest<AuditItem> auditPut(AuditItem audit) {
    return TransactPutItemEnhancedRequest.builder(AuditItem.class).item(audit)
        .conditionExpression(Expression.builder().expression(AUDIT_ABSENT).putExpressionName("#sk", ItemLayout.SK)
            .build())
        .build();
  }
}
