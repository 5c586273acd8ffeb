package dev.teal.testing;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DesiredPhase;
import dev.teal.model.HealthCheckSpec;
import dev.teal.model.ObjectMeta;
import dev.teal.model.PromotionSpec;
import dev.teal.model.StrategySpec;
import dev.teal.model.TargetGroupSpec;
import dev.teal.model.TrafficSpec;
import dev.teal.store.ChangeContext;
import dev.teal.store.DeploymentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * A fleet of N blue/green deployments seeded in the sandbox, for benchmarks and load tests. Built through
 * the observer clients (set-up, not the system under test: no faults, no call log): one cluster, one ALB
 * with a production (:80) and a test (:8080) listener, and per deployment an EXTERNAL service whose PRIMARY
 * task set runs behind its own target group, with its own production and test rule (host-header
 * {@code <name>.bench}). Real ELB allows 100 rules per listener by default; the simulator does not limit
 * it, so a thousand share one ALB here (the describes teal makes are per rule, so the count is the same
 * across several ALBs).
 *
 * <pre>{@code
 * @RegisterExtension
 * static SandboxExtension sandbox = SandboxExtension.create();
 *
 * FleetWorld fleet = FleetWorld.seed(sandbox, 200);          // once per simulator: names are fixed
 * DeploymentStore store = new DynamoDeploymentStore(sandbox.dynamoDb(), sandbox.tableName(), clock);
 * fleet.writeDocuments(store, fleet.deployments());           // teal adopts the running image
 * store.updateSpec(..., FleetWorld.spec(d, "registry.bench/app:2", DesiredPhase.PROMOTE), ...);
 * }</pre>
 */
public final class FleetWorld {

  public static final String CLUSTER = "bench";
  public static final String VPC = "vpc-0bench";
  public static final List<String> SUBNETS = List.of("subnet-0bencha", "subnet-0benchb");
  public static final String SECURITY_GROUP = "sg-0bench";
  public static final String CONTAINER = "app";
  public static final int PORT = 80;
  public static final String FIRST_IMAGE = "registry.bench/app:1";
  /** The health check of every group: 5 s × 2 checks, the shortest ELB accepts, so a cycle takes seconds. */
  public static final int HEALTH_INTERVAL_SECONDS = 5;
  public static final int HEALTHY_THRESHOLD = 2;
  public static final ChangeContext BENCH = new ChangeContext("arn:aws:iam::000000000000:user/bench", "benchmark");

  /** One deployment's identifiers. */
  public record Deployment(String name, String service, String family, String blueTargetGroupArn,
      String productionRuleArn, String testRuleArn) {}

  private final String loadBalancerArn;
  private final String productionListenerArn;
  private final String testListenerArn;
  private final List<Deployment> deployments;
  private final int tasksPerService;

  private FleetWorld(String loadBalancerArn, String productionListenerArn, String testListenerArn,
      List<Deployment> deployments, int tasksPerService) {
    this.loadBalancerArn = loadBalancerArn;
    this.productionListenerArn = productionListenerArn;
    this.testListenerArn = testListenerArn;
    this.deployments = List.copyOf(deployments);
    this.tasksPerService = tasksPerService;
  }

  public static String name(int i) {
    return String.format("svc-%04d", i);
  }

  /** {@code n} deployments of one task each in {@code sandbox}'s simulator. */
  public static FleetWorld seed(SandboxExtension sandbox, int n) {
    return seed(sandbox.observerEcs(), sandbox.observerElb(), n, 1);
  }

  /**
   * Creates {@code n} deployments' AWS resources (services {@code svc-0000}...), several at a time (the
   * simulator serves calls in parallel). Once per simulator: the cluster, ALB and rule priorities are fixed.
   */
  public static FleetWorld seed(EcsClient ecs, ElasticLoadBalancingV2Client elb, int n, int tasksPerService) {
    ecs.createCluster(r -> r.clusterName(CLUSTER));
    String lb = elb.createLoadBalancer(r -> r.name("bench-alb").scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
        .subnets(SUBNETS).securityGroups(SECURITY_GROUP)).loadBalancers().get(0).loadBalancerArn();
    Action notFound = Action.builder().type(ActionTypeEnum.FIXED_RESPONSE)
        .fixedResponseConfig(f -> f.statusCode("404").contentType("text/plain").messageBody("not found")).build();
    String production = elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(80)
        .defaultActions(notFound)).listeners().get(0).listenerArn();
    String test = elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(8080)
        .defaultActions(notFound)).listeners().get(0).listenerArn();
    List<Callable<Deployment>> work = IntStream.range(0, n)
        .<Callable<Deployment>>mapToObj(i -> () -> seedOne(ecs, elb, i, production, test, tasksPerService))
        .toList();
    return new FleetWorld(lb, production, test, inParallel(work), tasksPerService);
  }

  private static Deployment seedOne(EcsClient ecs, ElasticLoadBalancingV2Client elb, int i, String production,
      String test, int tasks) {
    String name = name(i);
    String tg = elb.createTargetGroup(r -> r.name("blue-" + name).protocol(ProtocolEnum.HTTP).port(PORT)
        .vpcId(VPC).targetType(TargetTypeEnum.IP).healthCheckPath("/healthz")
        .healthCheckIntervalSeconds(HEALTH_INTERVAL_SECONDS).healthCheckTimeoutSeconds(2)
        .healthyThresholdCount(HEALTHY_THRESHOLD).unhealthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
    Action toBlue = Action.builder().type(ActionTypeEnum.FORWARD)
        .forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(tg).weight(1))).build();
    String productionRule = elb.createRule(r -> r.listenerArn(production).priority(i + 1).actions(toBlue)
        .conditions(c -> c.field("host-header").hostHeaderConfig(h -> h.values(name + ".bench"))))
        .rules().get(0).ruleArn();
    String testRule = elb.createRule(r -> r.listenerArn(test).priority(i + 1).actions(toBlue)
        .conditions(c -> c.field("host-header").hostHeaderConfig(h -> h.values(name + ".bench"))))
        .rules().get(0).ruleArn();
    String taskDefinition = ecs.registerTaskDefinition(r -> r.family(name).networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
        .containerDefinitions(c -> c.name(CONTAINER).image(FIRST_IMAGE).essential(true)
            .portMappings(p -> p.containerPort(PORT)))).taskDefinition().taskDefinitionArn();
    ecs.createService(r -> r.cluster(CLUSTER).serviceName(name).desiredCount(tasks)
        .deploymentController(d -> d.type(DeploymentControllerType.EXTERNAL)));
    String taskSet = ecs.createTaskSet(r -> r.cluster(CLUSTER).service(name).externalId("initial")
        .taskDefinition(taskDefinition).launchType(LaunchType.FARGATE)
        .networkConfiguration(nc -> nc.awsvpcConfiguration(a -> a.subnets(SUBNETS).securityGroups(SECURITY_GROUP)
            .assignPublicIp(AssignPublicIp.DISABLED)))
        .loadBalancers(l -> l.targetGroupArn(tg).containerName(CONTAINER).containerPort(PORT))
        .scale(s -> s.unit(ScaleUnit.PERCENT).value(100.0))).taskSet().taskSetArn();
    ecs.updateServicePrimaryTaskSet(r -> r.cluster(CLUSTER).service(name).primaryTaskSet(taskSet));
    return new Deployment(name, name, name, tg, productionRule, testRule);
  }

  public String loadBalancerArn() {
    return loadBalancerArn;
  }

  public String productionListenerArn() {
    return productionListenerArn;
  }

  public String testListenerArn() {
    return testListenerArn;
  }

  public List<Deployment> deployments() {
    return deployments;
  }

  public List<Deployment> first(int n) {
    return deployments.subList(0, Math.min(n, deployments.size()));
  }

  public int size() {
    return deployments.size();
  }

  public int tasksPerService() {
    return tasksPerService;
  }

  /**
   * The document of {@code d} running {@code image}: one promotion step of 100 %, blue scaled down as soon
   * as green is promoted (so a whole cycle ends without waiting), target groups checked every 5 s.
   */
  public static DeploymentSpec spec(Deployment d, String image, DesiredPhase phase) {
    return new DeploymentSpec(CLUSTER, d.service(), d.family(), CONTAINER, PORT, image, phase,
        new TrafficSpec(d.productionRuleArn(), null, d.testRuleArn(),
            new TargetGroupSpec(VPC, PORT, "HTTP", new HealthCheckSpec("/healthz", HEALTH_INTERVAL_SECONDS, 2,
                HEALTHY_THRESHOLD, 2, "200-399"), null)),
        null,
        new StrategySpec(null, PromotionSpec.of(List.of(100), null), null, Duration.ZERO, null, null));
  }

  /**
   * The spec with its progress deadline flipped between 11 and 12 minutes: a spec change that makes no new
   * revision, so teal reacts with one reconcile and no AWS write.
   */
  public static DeploymentSpec withOtherProgressDeadline(DeploymentSpec spec) {
    StrategySpec s = spec.strategy();
    Duration next = Duration.ofMinutes(11).equals(s.progressDeadline()) ? Duration.ofMinutes(12)
        : Duration.ofMinutes(11);
    return spec.withStrategy(new StrategySpec(s.previewScale(), s.promotion(), s.autoPromoteAfter(),
        s.scaleDownDelay(), next, s.analysis()));
  }

  /** The document teal adopts {@code d} from: its running image, phase preview. */
  public static BlueGreenDeployment document(Deployment d) {
    return new BlueGreenDeployment(BlueGreenDeployment.API_VERSION, BlueGreenDeployment.KIND,
        ObjectMeta.named(d.name()), spec(d, FIRST_IMAGE, DesiredPhase.PREVIEW), null);
  }

  /** Writes every deployment's document (the running image, so teal adopts it) into {@code store}. */
  public void writeDocuments(DeploymentStore store, List<Deployment> which) {
    inParallel(which.stream().<Callable<Void>>map(d -> () -> {
      store.create(document(d), BENCH);
      return null;
    }).toList());
  }

  /** Runs set-up work four at a time and returns the results in order; fails on the first failure. */
  public static <T> List<T> inParallel(List<Callable<T>> work) {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<T> results = new ArrayList<>();
      for (Future<T> f : pool.invokeAll(work)) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("seeding failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
