package dev.teal.operator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.ObjectMeta;
import dev.teal.model.Phase;
import dev.teal.store.ChangeContext;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.ItemLayout;
import dev.teal.store.StatusWriteGuard;
import dev.teal.store.StoredDeployment;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stream source on DynamoDB Local's real stream: what it reports and what it ignores. Absence is
 * shown with a marker: records of one shard arrive in order, so once a later write's record has been
 * reported, an earlier ignored one is known to have been read and dropped.
 *
 * <p>Planted fault: with {@code MODIFY} always reported in {@code StreamRecords},
 * {@link #statusWritesAuditRecordsAndTheLeaseAreIgnored} fails.
 */
class StreamSourceTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  private final List<String> reported = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger positioned = new AtomicInteger();
  private StreamSource source;
  private DynamoDeploymentStore store;

  @AfterEach
  void stop() throws InterruptedException {
    if (source != null) {
      source.stop(Duration.ofSeconds(5));
    }
  }

  private void startOnFreshTable() {
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    store = new DynamoDeploymentStore(sandbox.dynamoDb(), sandbox.tableName(), sandbox.clock());
    source = new StreamSource(sandbox.dynamoDb(), sandbox.dynamoDbStreams(), sandbox.tableName(), Duration.ofMillis(50),
        Duration.ofSeconds(1), "test-stream", reported::add, new StreamSource.Listener() {
          @Override
          public void positioned() {
            positioned.incrementAndGet();
          }

          @Override
          public void noStream() {}

          @Override
          public void failing(int inARow, Exception cause) {}

          @Override
          public void recovered() {}
        });
    source.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> positioned.get() == 1);
  }

  private static BlueGreenDeployment document(String name, String image) {
    return new BlueGreenDeployment(BlueGreenDeployment.API_VERSION, BlueGreenDeployment.KIND, ObjectMeta.named(name),
        new DeploymentSpec("demo", "web", "web", "web", 80, image, null, null, null, null), null);
  }

  private void awaitReported(String... names) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(reported).containsExactly(names));
  }

  @Test
  void createsSpecChangesAndDeletesAreReported() {
    startOnFreshTable();
    StoredDeployment created = store.create(document("web", "nginx:1.26"), ChangeContext.unknown());
    awaitReported("web");

    StoredDeployment changed = store.updateSpec("web", created.resourceVersion(),
        created.spec().withImage("nginx:1.27"), null, ChangeContext.unknown());
    awaitReported("web", "web");

    store.delete("web", changed.resourceVersion());
    awaitReported("web", "web", "web");
  }

  @Test
  void statusWritesAuditRecordsAndTheLeaseAreIgnored() {
    startOnFreshTable();
    StoredDeployment created = store.create(document("web", "nginx:1.26"), ChangeContext.unknown());
    awaitReported("web");

    DeploymentStatus status = new DeploymentStatus(Phase.PENDING, "seen", null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null);
    store.updateStatus("web", StatusWriteGuard.of(created), status);
    sandbox.dynamoDb().putItem(r -> r.tableName(sandbox.tableName()).item(Map.of(
        ItemLayout.NAME, AttributeValue.fromS(ItemLayout.OPERATOR_PARTITION),
        ItemLayout.SK, AttributeValue.fromS("lease"), "holder", AttributeValue.fromS("someone"))));
    store.create(document("marker", "nginx:1.26"), ChangeContext.unknown());

    awaitReported("web", "marker");
  }

  @Test
  void changesMadeBeforeTheStartAreLeftToTheResync() {
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    new DynamoDeploymentStore(sandbox.dynamoDb(), sandbox.tableName(), sandbox.clock())
        .create(document("old", "nginx:1.26"), ChangeContext.unknown());
    startOnFreshTable();
    store.create(document("new", "nginx:1.26"), ChangeContext.unknown());

    awaitReported("new");
  }
}
