package dev.teal.operator.web;

import dev.teal.operator.lease.DynamoLease;
import dev.teal.sandbox.SandboxClients;
import dev.teal.store.ItemLayout;
import dev.teal.testing.SandboxTestResource;
import dev.teal.testing.SharedDynamoDbLocal;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Makes the application under test a standby: before it starts, another instance holds the operator
 * lease until long after any test's virtual clock. The documents a test writes, and the statuses it
 * writes for them, then stay exactly as written, and the status API is seen answering from a standby.
 * Starts after {@link SandboxTestResource}, whose table it writes the lease into.
 */
public class LeaseHeldElsewhere implements QuarkusTestResourceLifecycleManager {

  static final String HOLDER = "another-instance";

  /** Far beyond any virtual clock a test moves (they start at 2030). */
  private static final Instant EXPIRES = Instant.parse("2100-01-01T00:00:00Z");

  @Override
  public int order() {
    return 1; // SandboxTestResource (0) has created the table
  }

  @Override
  public Map<String, String> start() {
    try (DynamoDbClient dynamoDb = SandboxClients.dynamoDb(SharedDynamoDbLocal.get().endpoint(),
        SandboxTestResource.simulator().region())) {
      dynamoDb.putItem(r -> r.tableName(SandboxTestResource.table()).item(Map.of(
          ItemLayout.NAME, AttributeValue.fromS(ItemLayout.OPERATOR_PARTITION),
          ItemLayout.SK, AttributeValue.fromS(DynamoLease.SORT_KEY),
          DynamoLease.HOLDER, AttributeValue.fromS(HOLDER),
          DynamoLease.TOKEN, AttributeValue.fromS("held-elsewhere"),
          DynamoLease.EXPIRES_AT, AttributeValue.fromN(Long.toString(EXPIRES.toEpochMilli())),
          DynamoLease.DURATION_MILLIS, AttributeValue.fromN("15000"))));
    }
    return Map.of("teal.operator-id", "standby");
  }

  @Override
  public void stop() {}
}
