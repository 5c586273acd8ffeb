package dev.teal.operator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.ObjectMeta;
import dev.teal.store.ChangeContext;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.ItemLayout;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A table without a stream: the event sources say so and poll the documents instead. */
class PollingFallbackTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  @Test
  void aTableWithoutAStreamIsPolledAndChangesStillArrive() throws InterruptedException {
    String table = sandbox.tableName();
    sandbox.dynamoDb().createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName(ItemLayout.NAME).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(ItemLayout.SK).attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName(ItemLayout.NAME).keyType(KeyType.HASH),
            k -> k.attributeName(ItemLayout.SK).keyType(KeyType.RANGE)));
    var store = new DynamoDeploymentStore(sandbox.dynamoDb(), table, sandbox.clock());
    List<String> reported = Collections.synchronizedList(new ArrayList<>());
    EventSources sources = new EventSources(sandbox.dynamoDb(), sandbox.dynamoDbStreams(), store,
        ResyncSelection.everyDocument(store), table,
        sandbox.clock(), new EventSources.Settings(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMillis(50), 5,
            Duration.ofMillis(10)), "test", reported::add);
    sources.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> sources.mode() == EventSources.Mode.POLLING
          && sources.resync().firstDone());

      store.create(new BlueGreenDeployment(BlueGreenDeployment.API_VERSION, BlueGreenDeployment.KIND,
          ObjectMeta.named("web"), new DeploymentSpec("demo", "web", "web", "web", 80, "nginx:1.27", null, null, null,
          null), null), ChangeContext.unknown());
      sandbox.clock().advanceSeconds(5);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(reported).contains("web"));
      assertThat(sources.resync().completed()).as("found by polling, not by a resync").isEqualTo(1);
    } finally {
      sources.stop(Duration.ofSeconds(5));
    }
  }
}
