package dev.teal.testing;

import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.DemoWorld;
import dev.teal.sandbox.SandboxClients;
import dev.teal.sandbox.SandboxSimulator;
import dev.teal.sandbox.SimulatorConfig;
import dev.teal.sandbox.VirtualClock;
import dev.teal.sandbox.dynamodb.DynamoDbLocal;
import dev.teal.store.TableSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Starts the sandbox for a {@code @QuarkusTest} and points teal's configuration at it. Init args:
 * {@code seed} (default 42), {@code demo=true} to seed the demo world and {@code createTable=true} to
 * create the table (streams on), both before the app starts.
 * The simulator and its virtual clock are reachable statically, since Quarkus owns the instance.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = SandboxTestResource.class, initArgs = @ResourceArg(name = "demo", value = "true"))
 * class DaemonIT { ... SandboxTestResource.clock().advanceSeconds(30); ... }
 * }</pre>
 */
public class SandboxTestResource implements QuarkusTestResourceLifecycleManager {

  private static volatile SandboxSimulator simulator;
  private static volatile VirtualClock clock;
  private static volatile DemoIds demo;
  private static volatile String table;

  private long seed = 42;
  private boolean seedDemo;
  private boolean createTable;

  @Override
  public void init(Map<String, String> initArgs) {
    seed = Long.parseLong(initArgs.getOrDefault("seed", "42"));
    seedDemo = Boolean.parseBoolean(initArgs.getOrDefault("demo", "false"));
    createTable = Boolean.parseBoolean(initArgs.getOrDefault("createTable", "false"));
  }

  @Override
  public Map<String, String> start() {
    clock = new VirtualClock();
    simulator = SandboxSimulator.start(SimulatorConfig.defaults().clock(clock).seed(seed));
    DynamoDbLocal dynamoDb = SharedDynamoDbLocal.get();
    table = TableNames.fresh("quarkus");
    demo = null;
    if (seedDemo) {
      // Set-up, not the system under test: through observer clients, so it stays out of the call log.
      try (EcsClient ecs = SandboxClients.observerEcs(simulator.endpoint(), simulator.region());
         ElasticLoadBalancingV2Client elb = SandboxClients.observerElb(simulator.endpoint(), simulator.region())) {
        demo = DemoWorld.seed(ecs, elb);
      }
    }
    if (createTable) {
      try (DynamoDbClient client = SandboxClients.dynamoDb(dynamoDb.endpoint(), simulator.region())) {
        TableSetup.ensureTable(client, table);
      }
    }
    Map<String, String> config = new LinkedHashMap<>();
    config.put("teal.endpoints.ecs", simulator.endpoint().toString());
    config.put("teal.endpoints.elb", simulator.endpoint().toString());
    config.put("teal.endpoints.application-autoscaling", simulator.endpoint().toString());
    config.put("teal.endpoints.cloudwatch", simulator.endpoint().toString());
    config.put("teal.endpoints.lambda", simulator.endpoint().toString());
    config.put("teal.endpoints.sts", simulator.endpoint().toString());
    config.put("teal.endpoints.events", simulator.endpoint().toString());
    config.put("teal.endpoints.dynamodb", dynamoDb.endpoint().toString());
    config.put("teal.endpoints.dynamodb-streams", dynamoDb.endpoint().toString());
    config.put("teal.region", simulator.region());
    config.put("teal.table", table);
    return config;
  }

  @Override
  public void stop() {
    SandboxSimulator running = simulator;
    simulator = null;
    if (running != null) {
      running.close();
    }
  }

  public static SandboxSimulator simulator() {
    SandboxSimulator s = simulator;
    if (s == null) {
      throw new IllegalStateException("SandboxTestResource is not started");
    }
    return s;
  }

  public static VirtualClock clock() {
    return clock;
  }

  /** The demo world's identifiers when started with {@code demo=true}, else null. */
  public static DemoIds demo() {
    return demo;
  }

  public static String table() {
    return table;
  }
}
