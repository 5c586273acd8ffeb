package dev.teal.testing;

import dev.teal.sandbox.DemoGates;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.DemoService;
import dev.teal.sandbox.DemoWorld;
import dev.teal.sandbox.SandboxClients;
import dev.teal.sandbox.SandboxSimulator;
import dev.teal.sandbox.SimulatorConfig;
import dev.teal.sandbox.VirtualClock;
import dev.teal.sandbox.dynamodb.DynamoDbLocal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The sandbox for a test class: a fresh simulator on a {@link VirtualClock} (cheap, one per class
 * when the field is static, one per test otherwise) and the JVM-wide DynamoDB Local, started only
 * when a test asks for it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static SandboxExtension sandbox = SandboxExtension.create();
 *
 * @Test
 * void promotes() {
 *     DemoIds demo = sandbox.seedDemo();
 *     sandbox.clock().advanceSeconds(30);
 *     sandbox.ecs().describeServices(...);
 * }
 * }</pre>
 */
public final class SandboxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback {

  private final Consumer<SimulatorConfig> customizer;
  private SandboxSimulator simulator;
  private VirtualClock clock;
  private boolean perTest;
  private String tableName;
  private String testClassName = "test";
  private DemoIds demo;
  private final List<SdkClient> clients = new ArrayList<>();
  private EcsClient ecs;
  private ElasticLoadBalancingV2Client elb;
  private EcsClient observerEcs;
  private ElasticLoadBalancingV2Client observerElb;
  private ApplicationAutoScalingClient autoScaling;
  private CloudWatchClient cloudWatch;
  private CloudWatchClient observerCloudWatch;
  private LambdaClient lambda;
  private ApplicationAutoScalingClient observerAutoScaling;
  private Consumer<ClientOverrideConfiguration.Builder> clientOverrides = o -> { };
  private StsClient sts;
  private DynamoDbClient dynamoDb;
  private DynamoDbStreamsClient dynamoDbStreams;

  private SandboxExtension(Consumer<SimulatorConfig> customizer) {
    this.customizer = customizer;
  }

  /** Defaults: virtual clock at {@link VirtualClock#DEFAULT_START}, seed 42, ephemeral listener ports. */
  public static SandboxExtension create() {
    return new SandboxExtension(c -> { });
  }

  /** Tweak the simulator, e.g. {@code create(c -> c.seed(7).taskStartDelay(Duration.ofSeconds(20)))}. */
  public static SandboxExtension create(Consumer<SimulatorConfig> customizer) {
    return new SandboxExtension(customizer);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    testClassName = context.getRequiredTestClass().getSimpleName();
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (simulator == null) {
      perTest = true;
      testClassName = context.getRequiredTestClass().getSimpleName();
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      stop();
    }
  }

  private void start() {
    clock = new VirtualClock();
    SimulatorConfig config = SimulatorConfig.defaults().clock(clock);
    customizer.accept(config);
    simulator = SandboxSimulator.start(config);
    tableName = null;
    demo = null;
  }

  private void stop() {
    clients.forEach(SdkClient::close);
    clients.clear();
    ecs = null;
    elb = null;
    observerEcs = null;
    observerElb = null;
    autoScaling = null;
    cloudWatch = null;
    observerCloudWatch = null;
    lambda = null;
    observerAutoScaling = null;
    sts = null;
    dynamoDb = null;
    dynamoDbStreams = null;
    if (simulator != null) {
      simulator.close();
      simulator = null;
    }
  }

  private SandboxSimulator running() {
    if (simulator == null) {
      throw new IllegalStateException("the sandbox is not running: register SandboxExtension with"
          + " @RegisterExtension and use it from a test");
    }
    return simulator;
  }

  private <C extends SdkClient> C track(C client) {
    clients.add(client);
    return client;
  }

  /**
   * Throws the running simulator away and starts a fresh one (new clock, no demo world, a new table
   * name), for tests that run many independent worlds in one test method.
   */
  public synchronized void restart() {
    stop();
    start();
  }

  public SandboxSimulator simulator() {
    return running();
  }

  /** The virtual clock the simulator runs on (unless a customizer replaced it). */
  public VirtualClock clock() {
    running();
    if (simulator.clock() != clock) {
      throw new IllegalStateException("this sandbox runs on " + simulator.clock() + ", not a VirtualClock");
    }
    return clock;
  }

  public URI endpoint() {
    return running().endpoint();
  }

  public String region() {
    return running().region();
  }

  /**
   * Tunes the ECS and ELB clients the sandbox hands out (timeouts, retry strategy), e.g. for fault tests
   * that must not wait out the default attempt timeout. Call before the first client is asked for.
   */
  public synchronized SandboxExtension clientOverrides(Consumer<ClientOverrideConfiguration.Builder> overrides) {
    this.clientOverrides = overrides;
    return this;
  }

  public synchronized EcsClient ecs() {
    if (ecs == null) {
      ecs = track(SandboxClients.configure(EcsClient.builder(), endpoint(), region(), clientOverrides).build());
    }
    return ecs;
  }

  public synchronized ElasticLoadBalancingV2Client elb() {
    if (elb == null) {
      elb = track(SandboxClients.configure(ElasticLoadBalancingV2Client.builder(), endpoint(), region(),
          clientOverrides).build());
    }
    return elb;
  }

  /** An ECS client for the test's own checks: no faults, no throttling, not in the call log. */
  public synchronized EcsClient observerEcs() {
    if (observerEcs == null) {
      observerEcs = track(SandboxClients.observerEcs(endpoint(), region()));
    }
    return observerEcs;
  }

  /** An ELBv2 client for the test's own checks: no faults, no throttling, not in the call log. */
  public synchronized ElasticLoadBalancingV2Client observerElb() {
    if (observerElb == null) {
      observerElb = track(SandboxClients.observerElb(endpoint(), region()));
    }
    return observerElb;
  }

  /** An Application Auto Scaling client, with the same overrides as the ECS and ELB clients. */
  public synchronized ApplicationAutoScalingClient autoScaling() {
    if (autoScaling == null) {
      autoScaling = track(SandboxClients.configure(ApplicationAutoScalingClient.builder(), endpoint(), region(),
          clientOverrides).build());
    }
    return autoScaling;
  }

  /** An Application Auto Scaling client for the test's own checks and set-up: no faults, not in the call log. */
  public synchronized ApplicationAutoScalingClient observerAutoScaling() {
    if (observerAutoScaling == null) {
      observerAutoScaling = track(SandboxClients.observerAutoScaling(endpoint(), region()));
    }
    return observerAutoScaling;
  }

  /** Stops the simulator and closes the clients, for sandboxes used outside JUnit's lifecycle. */
  public synchronized void close() {
    stop();
  }

  public synchronized StsClient sts() {
    if (sts == null) {
      sts = track(SandboxClients.sts(endpoint(), region()));
    }
    return sts;
  }

  public URI dynamoDbEndpoint() {
    return SharedDynamoDbLocal.get().endpoint();
  }

  public synchronized DynamoDbClient dynamoDb() {
    if (dynamoDb == null) {
      DynamoDbLocal local = SharedDynamoDbLocal.get();
      dynamoDb = track(SandboxClients.dynamoDb(local.endpoint(), region()));
    }
    return dynamoDb;
  }

  public synchronized DynamoDbStreamsClient dynamoDbStreams() {
    if (dynamoDbStreams == null) {
      DynamoDbLocal local = SharedDynamoDbLocal.get();
      dynamoDbStreams = track(SandboxClients.dynamoDbStreams(local.endpoint(), region()));
    }
    return dynamoDbStreams;
  }

  /** A table name no other test class in this JVM uses (the table itself is not created). */
  public synchronized String tableName() {
    if (tableName == null) {
      tableName = TableNames.fresh(testClassName);
    }
    return tableName;
  }

  /** A CloudWatch client, with the same overrides as the ECS and ELB clients. */
  public synchronized CloudWatchClient cloudWatch() {
    if (cloudWatch == null) {
      cloudWatch = track(SandboxClients.configure(CloudWatchClient.builder(), endpoint(), region(), clientOverrides)
          .build());
    }
    return cloudWatch;
  }

  /** A CloudWatch client for the test's own doings (SetAlarmState as a person would): no faults, not in the log. */
  public synchronized CloudWatchClient observerCloudWatch() {
    if (observerCloudWatch == null) {
      observerCloudWatch = track(SandboxClients.observerCloudWatch(endpoint(), region()));
    }
    return observerCloudWatch;
  }

  /** A Lambda client, with the same overrides as the ECS and ELB clients. */
  public synchronized LambdaClient lambda() {
    if (lambda == null) {
      lambda = track(SandboxClients.configure(LambdaClient.builder(), endpoint(), region(), clientOverrides).build());
    }
    return lambda;
  }

  /** Adds the demo's gates: alarm {@code web-5xx} and task definition {@code web-tests}; see {@link DemoWorld#seedGates}. */
  public synchronized DemoGates seedGates() {
    return DemoWorld.seedGates(observerEcs(), observerCloudWatch(), seedDemo());
  }

  /** Adds the demo's {@code spot} service (FARGATE_SPOT capacity provider); see {@link DemoWorld#seedSpot}. */
  public synchronized DemoService seedSpotService() {
    return DemoWorld.seedSpot(observerEcs(), observerElb(), seedDemo());
  }

  /** Adds the demo's {@code bridge} service (bridge network mode, EC2); see {@link DemoWorld#seedBridge}. */
  public synchronized DemoService seedBridgeService() {
    return DemoWorld.seedBridge(observerEcs(), observerElb(), seedDemo());
  }

  /** Creates the demo world (once per simulator) through the SDK; see {@link DemoWorld}. */
  public synchronized DemoIds seedDemo() {
    if (demo == null) {
      demo = DemoWorld.seed(observerEcs(), observerElb()); // set-up, not the system under test: no faults, no log
    }
    return demo;
  }
}
