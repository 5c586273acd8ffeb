package dev.teal.bench;

import dev.teal.sandbox.SandboxSimulator;
import dev.teal.sandbox.SimulatorConfig;
import dev.teal.sandbox.VirtualClock;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.ItemLayout;
import dev.teal.store.TableSetup;
import dev.teal.testing.FleetWorld;
import dev.teal.testing.SandboxExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The sandbox (simulator and DynamoDB Local) with a {@link FleetWorld} in it, on the system clock for the
 * wall-clock benchmarks or on a virtual clock for the simulated-minutes one. Tasks start 1 s after
 * placement and targets pass 2 checks 5 s apart, so one blue/green cycle waits about 11 s on AWS.
 */
final class BenchSandbox implements AutoCloseable {

  static final Duration TASK_START_DELAY = Duration.ofSeconds(1);
  /** What one cycle waits for in the simulated AWS: green's tasks to start, then its targets to pass. */
  static final Duration SIMULATED_WAIT = TASK_START_DELAY
      .plusSeconds((long) FleetWorld.HEALTH_INTERVAL_SECONDS * FleetWorld.HEALTHY_THRESHOLD);

  private static final AtomicInteger TABLES = new AtomicInteger();

  private final SandboxExtension sandbox;
  private final FleetWorld fleet;

  private BenchSandbox(SandboxExtension sandbox, FleetWorld fleet) {
    this.sandbox = sandbox;
    this.fleet = fleet;
  }

  /** On the system clock: what reaction, overhead, scale and footprint are measured on. */
  static BenchSandbox onSystemClock(int deployments) {
    return start(Clock.systemUTC(), deployments);
  }

  /** On a virtual clock that only the benchmark moves. */
  static BenchSandbox onVirtualClock(int deployments) {
    return start(null, deployments);
  }

  private static BenchSandbox start(Clock clock, int deployments) {
    SandboxExtension sandbox = SandboxExtension.create(c -> {
      c.taskStartDelay(TASK_START_DELAY).listenerPorts(new SimulatorConfig.ListenerPorts.Disabled());
      if (clock != null) {
        c.clock(clock);
      }
    });
    sandbox.restart();
    try {
      FleetWorld fleet = FleetWorld.seed(sandbox.observerEcs(), sandbox.observerElb(), deployments, 1);
      return new BenchSandbox(sandbox, fleet);
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }

  FleetWorld fleet() {
    return fleet;
  }

  SandboxSimulator simulator() {
    return sandbox.simulator();
  }

  Clock clock() {
    return sandbox.simulator().clock();
  }

  VirtualClock virtualClock() {
    return sandbox.clock();
  }

  URI awsEndpoint() {
    return sandbox.endpoint();
  }

  URI dynamoDbEndpoint() {
    return sandbox.dynamoDbEndpoint();
  }

  String region() {
    return sandbox.region();
  }

  DynamoDbClient dynamoDb() {
    return sandbox.dynamoDb();
  }

  EcsClient observerEcs() {
    return sandbox.observerEcs();
  }

  ElasticLoadBalancingV2Client observerElb() {
    return sandbox.observerElb();
  }

  /** A new table holding the documents of {@code which}; with a stream (as teal init makes it) or without. */
  Documents table(String purpose, boolean stream, List<FleetWorld.Deployment> which) {
    String table = "bench-" + purpose + "-" + TABLES.incrementAndGet();
    if (stream) {
      TableSetup.ensureTable(dynamoDb(), table);
    } else {
      createWithoutStream(table);
    }
    Documents documents = new Documents(new DynamoDeploymentStore(dynamoDb(), table, clock()), table);
    documents.create(which);
    return documents;
  }

  /** Starts the operator on {@code documents}' table, on this sandbox's clock. */
  BenchOperator operator(Documents documents, Map<String, String> overrides) {
    return BenchOperator.start(awsEndpoint(), dynamoDbEndpoint(), region(), documents.table(), clock(), overrides);
  }

  private void createWithoutStream(String table) {
    dynamoDb().createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName(ItemLayout.NAME).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(ItemLayout.SK).attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName(ItemLayout.NAME).keyType(KeyType.HASH),
            k -> k.attributeName(ItemLayout.SK).keyType(KeyType.RANGE)));
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
