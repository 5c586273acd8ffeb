package dev.teal.sandbox;

import dev.teal.sandbox.dynamodb.DynamoDbLocal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Starts the whole sandbox for a person (or teal's dev mode): DynamoDB Local, the simulator and a
 * data plane per listener on fixed loopback ports, on the real-time clock, then seeds the demo.
 *
 * <pre>{@code
 * try (SandboxLauncher sandbox = SandboxLauncher.start(SandboxLauncher.Options.defaults())) {
 *     DemoIds ids = sandbox.seedDemo();
 *     Map<String, String> env = sandbox.environment();
 * }
 * }</pre>
 */
public final class SandboxLauncher implements AutoCloseable {

  public static final int DEFAULT_API_PORT = 4566;
  public static final int DEFAULT_DYNAMODB_PORT = 8000;
  public static final int DEFAULT_LISTENER_PORT_OFFSET = 10000;

  /** Settings; defaults are the documented fixed ports and delays tuned for watching in real time. */
  public static final class Options {
    private int apiPort = DEFAULT_API_PORT;
    private int dynamoDbPort = DEFAULT_DYNAMODB_PORT;
    private int listenerPortOffset = DEFAULT_LISTENER_PORT_OFFSET;
    private boolean dynamoDb = true;
    private Clock clock = Clock.systemUTC();
    private long seed = 42;
    private String region = "us-east-1";
    private Duration taskStartDelay = Duration.ofSeconds(5);
    private int deregistrationDelaySeconds = 30;
    private boolean describeThrottling = true;

    public static Options defaults() {
      return new Options();
    }

    public Options apiPort(int port) {
      this.apiPort = port;
      return this;
    }

    public Options dynamoDbPort(int port) {
      this.dynamoDbPort = port;
      return this;
    }

    /** Listener port P is served at offset + P. */
    public Options listenerPortOffset(int offset) {
      this.listenerPortOffset = offset;
      return this;
    }

    public Options withoutDynamoDb() {
      this.dynamoDb = false;
      return this;
    }

    public Options clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Options seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Options region(String region) {
      this.region = region;
      return this;
    }

    public Options taskStartDelay(Duration delay) {
      this.taskStartDelay = delay;
      return this;
    }

    public Options deregistrationDelaySeconds(int seconds) {
      this.deregistrationDelaySeconds = seconds;
      return this;
    }

    /** ELB's Describe* token bucket (40 burst, 10/s), on by default as in AWS. */
    public Options describeThrottling(boolean enabled) {
      this.describeThrottling = enabled;
      return this;
    }
  }

  private final SandboxSimulator simulator;
  private final DynamoDbLocal dynamoDb;
  private DemoIds demo;

  private SandboxLauncher(SandboxSimulator simulator, DynamoDbLocal dynamoDb) {
    this.simulator = simulator;
    this.dynamoDb = dynamoDb;
  }

  public static SandboxLauncher start(Options options) {
    SandboxSimulator simulator = SandboxSimulator.start(SimulatorConfig.defaults()
        .clock(options.clock)
        .seed(options.seed)
        .region(options.region)
        .port(options.apiPort)
        .taskStartDelay(options.taskStartDelay)
        .defaultDeregistrationDelaySeconds(options.deregistrationDelaySeconds)
        .listenerPorts(new SimulatorConfig.ListenerPorts.Offset(options.listenerPortOffset)));
    if (options.describeThrottling) {
      simulator.faults().describeTokenBucket(40, 10);
    }
    DynamoDbLocal dynamoDb = null;
    try {
      dynamoDb = options.dynamoDb ? DynamoDbLocal.start(options.dynamoDbPort) : null;
    } catch (RuntimeException e) {
      simulator.close();
      throw e;
    }
    return new SandboxLauncher(simulator, dynamoDb);
  }

  /**
   * Creates the demo world (once) through the SDK and returns the identifiers of its {@code web} service;
   * the {@code spot} and {@code bridge} services are created beside it, and the alarm {@code web-5xx} and the
   * test-runner task definition {@code web-tests} (see {@link DemoWorld}).
   */
  public synchronized DemoIds seedDemo() {
    if (demo == null) {
      try (EcsClient ecs = SandboxClients.ecs(simulator.endpoint(), simulator.region());
         ElasticLoadBalancingV2Client elb = SandboxClients.elb(simulator.endpoint(), simulator.region());
         CloudWatchClient cloudWatch = SandboxClients.cloudWatch(simulator.endpoint(), simulator.region())) {
        demo = DemoWorld.seed(ecs, elb);
        DemoWorld.seedSpot(ecs, elb, demo);
        DemoWorld.seedBridge(ecs, elb, demo);
        DemoWorld.seedGates(ecs, cloudWatch, demo);
      }
    }
    return demo;
  }

  public SandboxSimulator simulator() {
    return simulator;
  }

  public URI endpoint() {
    return simulator.endpoint();
  }

  /** Null when started without DynamoDB Local. */
  public URI dynamoDbEndpoint() {
    return dynamoDb == null ? null : dynamoDb.endpoint();
  }

  public URI productionUrl() {
    return simulator.listenerUrl(seedDemo().productionListenerArn());
  }

  public URI testUrl() {
    return simulator.listenerUrl(seedDemo().testListenerArn());
  }

  /** The environment a CLI or SDK needs to talk to this sandbox. */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", simulator.region());
    env.put("AWS_DEFAULT_REGION", simulator.region()); // AWS CLI v1 reads only this one
    env.put("AWS_ACCESS_KEY_ID", SandboxClients.ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", SandboxClients.SECRET_ACCESS_KEY);
    env.put("AWS_ENDPOINT_URL", simulator.endpoint().toString());
    if (dynamoDb != null) {
      env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
      env.put("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", dynamoDb.endpoint().toString());
    }
    return env;
  }

  @Override
  public void close() {
    try {
      simulator.close();
    } finally {
      if (dynamoDb != null) {
        dynamoDb.close();
      }
    }
  }

  public static void main(String[] args) throws InterruptedException {
    Options options = Options.defaults();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--api-port" -> options.apiPort(Integer.parseInt(value));
        case "--dynamodb-port" -> options.dynamoDbPort(Integer.parseInt(value));
        case "--listener-offset" -> options.listenerPortOffset(Integer.parseInt(value));
        case "--seed" -> options.seed(Long.parseLong(value));
        case "--no-dynamodb" -> {
          options.withoutDynamoDb();
          continue;
        }
        case "--no-throttling" -> {
          options.describeThrottling(false);
          continue;
        }
        default -> {
          System.err.println("usage: SandboxLauncher [--api-port 4566] [--dynamodb-port 8000]"
              + " [--listener-offset 10000] [--seed 42] [--no-dynamodb] [--no-throttling]");
          System.exit(2);
        }
      }
      i++;
    }
    SandboxLauncher sandbox = start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sandbox.close();
      stopped.countDown();
    }, "sandbox-shutdown"));
    DemoIds ids = sandbox.seedDemo();
    System.out.println("teal sandbox is up. Paste into your shell:");
    sandbox.environment().forEach((k, v) -> System.out.println("  export " + k + "=" + v));
    System.out.println();
    System.out.println("Demo: cluster '" + ids.cluster() + "', service '" + ids.service() + "' running "
        + ids.image() + " behind " + ids.targetGroupName() + " (healthy in about 20-30 s).");
    System.out.println("Beside it: services '" + DemoWorld.SPOT_SERVICE + "' (FARGATE_SPOT) on /spot* and '"
        + DemoWorld.BRIDGE_SERVICE + "' (bridge network mode, EC2) on /bridge*.");
    System.out.println("Watch traffic:");
    System.out.println("  while true; do curl -s " + sandbox.productionUrl() + "; sleep 0.5; done   # production :80");
    System.out.println("  while true; do curl -s " + sandbox.testUrl() + "; sleep 0.5; done   # test :8080");
    System.out.println("EventBridge: events put on a bus (teal's notifications) are kept; watch them with");
    System.out.println("  curl -s " + sandbox.endpoint() + "/_sim/events | jq '.events[] | {time, \"detail-type\", detail}'");
    System.out.println("Faults and call counts: " + sandbox.endpoint() + "/_sim/faults, /_sim/calls. Ctrl-C stops.");
    stopped.await();
  }
}
