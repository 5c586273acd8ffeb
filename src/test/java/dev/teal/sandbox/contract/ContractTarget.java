package dev.teal.sandbox.contract;

import static org.junit.jupiter.api.Assumptions.abort;

import dev.teal.sandbox.SandboxClients;
import dev.teal.sandbox.SandboxSimulator;
import dev.teal.sandbox.SimulatorConfig;
import dev.teal.sandbox.VirtualClock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Where the contract suite runs. By default a fresh simulator; with {@code TEAL_CONTRACT_TARGET=aws}
 * (env or {@code -Dteal.contract.target=aws}) real AWS, using the default credential chain and
 * region plus {@code TEAL_CONTRACT_VPC_ID} and {@code TEAL_CONTRACT_SUBNETS} (two subnets in
 * different zones, comma-separated). Missing settings skip the suite rather than fail it.
 */
final class ContractTarget implements AutoCloseable {

  private final SandboxSimulator simulator;
  private final EcsClient ecs;
  private final ElasticLoadBalancingV2Client elb;
  private final ApplicationAutoScalingClient autoScaling;
  private final StsClient sts;
  private final String vpcId;
  private final List<String> subnets;
  private final String suffix;
  private final Deque<Runnable> cleanups = new ArrayDeque<>();

  private ContractTarget(SandboxSimulator simulator, EcsClient ecs,
               ElasticLoadBalancingV2Client elb, ApplicationAutoScalingClient autoScaling, StsClient sts,
               String vpcId, List<String> subnets, String suffix) {
    this.simulator = simulator;
    this.ecs = ecs;
    this.elb = elb;
    this.autoScaling = autoScaling;
    this.sts = sts;
    this.vpcId = vpcId;
    this.subnets = subnets;
    this.suffix = suffix;
  }

  static ContractTarget resolve() {
    String target = setting("TEAL_CONTRACT_TARGET", "teal.contract.target").orElse("simulator");
    if (target.equalsIgnoreCase("aws")) {
      return aws();
    }
    SandboxSimulator sim = SandboxSimulator.start(SimulatorConfig.defaults().clock(new VirtualClock())
        .listenerPorts(new SimulatorConfig.ListenerPorts.Disabled()));
    return new ContractTarget(sim, SandboxClients.ecs(sim.endpoint(), sim.region()),
        SandboxClients.elb(sim.endpoint(), sim.region()), SandboxClients.autoScaling(sim.endpoint(), sim.region()),
        SandboxClients.sts(sim.endpoint(), sim.region()),
        "vpc-0sandbox", List.of("subnet-0sandboxa", "subnet-0sandboxb"), "");
  }

  private static ContractTarget aws() {
    Optional<String> vpc = setting("TEAL_CONTRACT_VPC_ID", "teal.contract.vpc-id");
    Optional<String> subnets = setting("TEAL_CONTRACT_SUBNETS", "teal.contract.subnets");
    Optional<String> region = setting("AWS_REGION", "aws.region");
    boolean credentials = setting("AWS_ACCESS_KEY_ID", "aws.accessKeyId").isPresent()
        || setting("AWS_PROFILE", "aws.profile").isPresent();
    if (vpc.isEmpty() || subnets.isEmpty() || region.isEmpty() || !credentials) {
      abort("TEAL_CONTRACT_TARGET=aws needs AWS credentials, AWS_REGION, TEAL_CONTRACT_VPC_ID and"
          + " TEAL_CONTRACT_SUBNETS");
    }
    Region r = Region.of(region.get());
    String suffix = "-" + UUID.randomUUID().toString().substring(0, 6);
    return new ContractTarget(null, EcsClient.builder().region(r).build(),
        ElasticLoadBalancingV2Client.builder().region(r).build(), ApplicationAutoScalingClient.builder().region(r).build(),
        StsClient.builder().region(r).build(),
        vpc.get(), Arrays.stream(subnets.get().split(",")).map(String::trim).toList(), suffix);
  }

  private static Optional<String> setting(String env, String property) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  boolean isSimulator() {
    return simulator != null;
  }

  /** Skips the calling test unless it runs against the simulator (time, faults, call log). */
  void assumeSimulator() {
    if (!isSimulator()) {
      abort("simulator-only assertion");
    }
  }

  SandboxSimulator simulator() {
    assumeSimulator();
    return simulator;
  }

  /** Moves the simulator's virtual clock on (simulator only: real time cannot be skipped). */
  void advance(java.time.Duration amount) {
    ((VirtualClock) simulator().clock()).advance(amount);
  }

  EcsClient ecs() {
    return ecs;
  }

  ElasticLoadBalancingV2Client elb() {
    return elb;
  }

  ApplicationAutoScalingClient autoScaling() {
    return autoScaling;
  }

  StsClient sts() {
    return sts;
  }

  String vpcId() {
    return vpcId;
  }

  List<String> subnets() {
    return subnets;
  }

  private CloudWatchClient cloudWatch;
  private LambdaClient lambda;

  /** A CloudWatch client for the same target, made on first use and closed with it. */
  synchronized CloudWatchClient cloudWatch() {
    if (cloudWatch == null) {
      cloudWatch = isSimulator() ? SandboxClients.cloudWatch(simulator.endpoint(), simulator.region())
          : CloudWatchClient.builder().region(ecs.serviceClientConfiguration().region()).build();
      CloudWatchClient made = cloudWatch;
      onClose(made::close);
    }
    return cloudWatch;
  }

  /** A Lambda client for the same target, made on first use and closed with it. */
  synchronized LambdaClient lambda() {
    if (lambda == null) {
      lambda = isSimulator() ? SandboxClients.lambda(simulator.endpoint(), simulator.region())
          : LambdaClient.builder().region(ecs.serviceClientConfiguration().region()).build();
      LambdaClient made = lambda;
      onClose(made::close);
    }
    return lambda;
  }

  /**
   * Waits for {@code condition}: on the simulator by moving its virtual clock {@code step} at a time, on AWS by
   * polling in real time every {@code step}; fails after {@code limit}.
   */
  void eventually(java.time.Duration limit, java.time.Duration step, java.util.function.BooleanSupplier condition) {
    java.time.Duration waited = java.time.Duration.ZERO;
    while (!condition.getAsBoolean()) {
      if (waited.compareTo(limit) >= 0) {
        throw new AssertionError("condition not met within " + limit);
      }
      if (isSimulator()) {
        ((dev.teal.sandbox.VirtualClock) simulator.clock()).advance(step);
      } else {
        try {
          Thread.sleep(step.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
      waited = waited.plus(step);
    }
  }

  /** Resource names unique per run on AWS (a short random suffix), plain on the simulator. */
  String name(String base) {
    String n = (base + suffix).toLowerCase(Locale.ROOT);
    return n.length() > 32 ? n.substring(0, 32) : n;
  }

  /** Registers a best-effort cleanup, run in reverse order on close (matters on real AWS). */
  void onClose(Runnable cleanup) {
    cleanups.push(cleanup);
  }

  @Override
  public void close() {
    while (!cleanups.isEmpty()) {
      try {
        cleanups.pop().run();
      } catch (RuntimeException ignored) {
        // Best effort: a resource already gone is fine.
      }
    }
    ecs.close();
    elb.close();
    autoScaling.close();
    sts.close();
    if (simulator != null) {
      simulator.close();
    }
  }
}
