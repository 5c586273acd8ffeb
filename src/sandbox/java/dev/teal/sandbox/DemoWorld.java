package dev.teal.sandbox;

import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Creates the demo world through the real SDK clients, exactly as someone would against AWS:
 * cluster {@code demo}; ALB {@code demo-alb} with a production listener (:80) and a test listener
 * (:8080), each with a fixed-404 default and one rule forwarding {@code /*} to {@code web-blue};
 * service {@code web} (EXTERNAL controller, 3 tasks) whose PRIMARY task set runs {@code nginx:1.26}.
 * The cluster has the FARGATE and FARGATE_SPOT capacity providers and no default strategy.
 *
 * <p>The gates' demo ({@link #seedGates}): alarm {@code web-5xx} and the test-runner task definition
 * {@code web-tests}.
 *
 * <p>Two more services can be added beside it, each behind its own rules on both listeners: {@code spot}
 * on the FARGATE_SPOT capacity provider ({@link #seedSpot}) and {@code bridge} in the bridge network mode
 * on EC2 capacity ({@link #seedBridge}).
 */
public final class DemoWorld {

  public static final String CLUSTER = "demo";
  public static final String SERVICE = "web";
  public static final String VPC_ID = "vpc-0sandbox";
  public static final List<String> SUBNETS = List.of("subnet-0sandboxa", "subnet-0sandboxb");
  public static final String SECURITY_GROUP = "sg-0sandbox";
  public static final String LOAD_BALANCER = "demo-alb";
  public static final String TARGET_GROUP = "web-blue";
  public static final String FAMILY = "web";
  public static final String CONTAINER = "web";
  public static final int CONTAINER_PORT = 80;
  public static final String IMAGE = "nginx:1.26";
  public static final int DESIRED_COUNT = 3;

  private DemoWorld() {
  }

  public static DemoIds seed(EcsClient ecs, ElasticLoadBalancingV2Client elb) {
    String clusterArn = ecs.createCluster(r -> r.clusterName(CLUSTER).capacityProviders("FARGATE", "FARGATE_SPOT"))
        .cluster().clusterArn();

    LoadBalancer lb = elb.createLoadBalancer(r -> r.name(LOAD_BALANCER)
        .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
        .subnets(SUBNETS)
        .securityGroups(SECURITY_GROUP)).loadBalancers().get(0);
    // 10 s × 2 checks: a newcomer sees targets turn healthy in about 20 s, not minutes.
    TargetGroup tg = elb.createTargetGroup(r -> r.name(TARGET_GROUP)
        .protocol(ProtocolEnum.HTTP).port(CONTAINER_PORT).vpcId(VPC_ID)
        .targetType(TargetTypeEnum.IP)
        .healthCheckPath("/healthz")
        .healthCheckIntervalSeconds(10)
        .healthCheckTimeoutSeconds(5)
        .healthyThresholdCount(2)
        .unhealthyThresholdCount(2)).targetGroups().get(0);

    Action notFound = Action.builder().type(ActionTypeEnum.FIXED_RESPONSE)
        .fixedResponseConfig(f -> f.statusCode("404").contentType("text/plain").messageBody("not found"))
        .build();
    Action toBlue = Action.builder().type(ActionTypeEnum.FORWARD)
        .forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(tg.targetGroupArn()).weight(1)))
        .build();
    RuleCondition everything = RuleCondition.builder().field("path-pattern")
        .pathPatternConfig(p -> p.values("/*")).build();

    Listener production = elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn())
        .protocol(ProtocolEnum.HTTP).port(80).defaultActions(notFound)).listeners().get(0);
    Listener test = elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn())
        .protocol(ProtocolEnum.HTTP).port(8080).defaultActions(notFound)).listeners().get(0);
    String productionRule = elb.createRule(r -> r.listenerArn(production.listenerArn()).priority(10)
        .conditions(everything).actions(toBlue)).rules().get(0).ruleArn();
    String testRule = elb.createRule(r -> r.listenerArn(test.listenerArn()).priority(10)
        .conditions(everything).actions(toBlue)).rules().get(0).ruleArn();

    String taskDefinitionArn = ecs.registerTaskDefinition(r -> r.family(FAMILY)
        .networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE)
        .cpu("256").memory("512")
        .containerDefinitions(c -> c.name(CONTAINER).image(IMAGE).essential(true)
            .portMappings(p -> p.containerPort(CONTAINER_PORT)))).taskDefinition().taskDefinitionArn();

    String serviceArn = ecs.createService(r -> r.cluster(CLUSTER).serviceName(SERVICE)
        .desiredCount(DESIRED_COUNT)
        .deploymentController(d -> d.type(DeploymentControllerType.EXTERNAL))).service().serviceArn();
    TaskSet taskSet = ecs.createTaskSet(r -> r.cluster(CLUSTER).service(SERVICE)
        .externalId("initial")
        .taskDefinition(taskDefinitionArn)
        .launchType(LaunchType.FARGATE)
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(SUBNETS)
            .securityGroups(SECURITY_GROUP).assignPublicIp(AssignPublicIp.DISABLED)))
        .loadBalancers(l -> l.targetGroupArn(tg.targetGroupArn()).containerName(CONTAINER)
            .containerPort(CONTAINER_PORT))
        .scale(s -> s.unit(ScaleUnit.PERCENT).value(100.0))).taskSet();
    ecs.updateServicePrimaryTaskSet(r -> r.cluster(CLUSTER).service(SERVICE).primaryTaskSet(taskSet.taskSetArn()));

    return new DemoIds(CLUSTER, clusterArn, SERVICE, serviceArn, VPC_ID, SUBNETS, SECURITY_GROUP,
        LOAD_BALANCER, lb.loadBalancerArn(), TARGET_GROUP, tg.targetGroupArn(),
        production.listenerArn(), test.listenerArn(), productionRule, testRule,
        FAMILY, taskDefinitionArn, CONTAINER, CONTAINER_PORT, IMAGE, taskSet.taskSetArn());
  }

  public static final String ALARM = "web-5xx";
  public static final String TEST_FAMILY = "web-tests";
  public static final String TEST_CONTAINER = "tests";
  /** The test runner's image: no marker, so its container exits 0 ({@link SimulatorConfig#exitCodeOf}). */
  public static final String TEST_IMAGE = "teal-demo/web-tests:1";

  /**
   * The demo's gates, created as someone would on AWS: alarm {@code web-5xx} on the load balancer's
   * HTTPCode_Target_5XX_Count (Sum over a minute above 5; a minute without 5xx has no datapoint, so missing data is
   * not breaching), which sees blue and green alike; and task definition {@code web-tests} (Fargate, awsvpc) whose
   * container {@code tests} runs the integration tests against the URL teal passes it.
   */
  public static DemoGates seedGates(EcsClient ecs, CloudWatchClient cloudWatch, DemoIds demo) {
    String loadBalancer = demo.loadBalancerArn().substring(demo.loadBalancerArn().indexOf(":loadbalancer/")
        + ":loadbalancer/".length());
    cloudWatch.putMetricAlarm(r -> r.alarmName(ALARM)
        .alarmDescription("Targets behind demo-alb answer with 5xx")
        .namespace("AWS/ApplicationELB").metricName("HTTPCode_Target_5XX_Count")
        .dimensions(Dimension.builder().name("LoadBalancer").value(loadBalancer).build())
        .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(5.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("notBreaching"));
    String alarmArn = cloudWatch.describeAlarms(r -> r.alarmNames(ALARM)).metricAlarms().get(0).alarmArn();
    String testTaskDefinitionArn = ecs.registerTaskDefinition(r -> r.family(TEST_FAMILY)
        .networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE)
        .cpu("256").memory("512")
        .containerDefinitions(c -> c.name(TEST_CONTAINER).image(TEST_IMAGE).essential(true)))
        .taskDefinition().taskDefinitionArn();
    return new DemoGates(ALARM, alarmArn, TEST_FAMILY, testTaskDefinitionArn, TEST_CONTAINER);
  }

  public static final String SPOT_SERVICE = "spot";
  public static final String BRIDGE_SERVICE = "bridge";

  /**
   * Service {@code spot} (2 tasks) on the capacity provider strategy FARGATE_SPOT, awsvpc, behind
   * {@code spot-blue} for {@code /spot*}; its primary task set runs {@code nginx:1.26}.
   */
  public static DemoService seedSpot(EcsClient ecs, ElasticLoadBalancingV2Client elb, DemoIds demo) {
    String family = SPOT_SERVICE;
    String taskDefinitionArn = ecs.registerTaskDefinition(r -> r.family(family)
        .networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE)
        .cpu("256").memory("512")
        .containerDefinitions(c -> c.name(CONTAINER).image(IMAGE).essential(true)
            .portMappings(p -> p.containerPort(CONTAINER_PORT)))).taskDefinition().taskDefinitionArn();
    TargetGroup tg = targetGroup(elb, "spot-blue", TargetTypeEnum.IP);
    Routes routes = routes(elb, demo, tg, "/spot*", 5);
    ecs.createService(r -> r.cluster(CLUSTER).serviceName(SPOT_SERVICE).desiredCount(2)
        .deploymentController(d -> d.type(DeploymentControllerType.EXTERNAL)));
    TaskSet taskSet = ecs.createTaskSet(r -> r.cluster(CLUSTER).service(SPOT_SERVICE)
        .externalId("initial")
        .taskDefinition(taskDefinitionArn)
        .capacityProviderStrategy(CapacityProviderStrategyItem.builder().capacityProvider("FARGATE_SPOT").weight(1)
            .build())
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(SUBNETS)
            .securityGroups(SECURITY_GROUP).assignPublicIp(AssignPublicIp.DISABLED)))
        .loadBalancers(l -> l.targetGroupArn(tg.targetGroupArn()).containerName(CONTAINER)
            .containerPort(CONTAINER_PORT))
        .scale(s -> s.unit(ScaleUnit.PERCENT).value(100.0))).taskSet();
    ecs.updateServicePrimaryTaskSet(r -> r.cluster(CLUSTER).service(SPOT_SERVICE).primaryTaskSet(taskSet.taskSetArn()));
    return new DemoService(SPOT_SERVICE, family, taskDefinitionArn, CONTAINER, CONTAINER_PORT, IMAGE,
        tg.targetGroupName(), tg.targetGroupArn(), routes.production, routes.test, "/spot*", taskSet.taskSetArn());
  }

  /**
   * Service {@code bridge} (2 tasks) on EC2 capacity in the bridge network mode with a dynamic host port,
   * behind {@code bridge-blue} (target type instance) for {@code /bridge*}; its primary task set runs
   * {@code nginx:1.26}.
   */
  public static DemoService seedBridge(EcsClient ecs, ElasticLoadBalancingV2Client elb, DemoIds demo) {
    String family = BRIDGE_SERVICE;
    String taskDefinitionArn = ecs.registerTaskDefinition(r -> r.family(family)
        .networkMode(NetworkMode.BRIDGE)
        .requiresCompatibilities(Compatibility.EC2)
        .memory("256")
        .containerDefinitions(c -> c.name(CONTAINER).image(IMAGE).essential(true)
            .portMappings(p -> p.containerPort(CONTAINER_PORT).hostPort(0)))).taskDefinition().taskDefinitionArn();
    TargetGroup tg = targetGroup(elb, "bridge-blue", TargetTypeEnum.INSTANCE);
    Routes routes = routes(elb, demo, tg, "/bridge*", 6);
    ecs.createService(r -> r.cluster(CLUSTER).serviceName(BRIDGE_SERVICE).desiredCount(2)
        .deploymentController(d -> d.type(DeploymentControllerType.EXTERNAL)));
    TaskSet taskSet = ecs.createTaskSet(r -> r.cluster(CLUSTER).service(BRIDGE_SERVICE)
        .externalId("initial")
        .taskDefinition(taskDefinitionArn)
        .launchType(LaunchType.EC2)
        .loadBalancers(l -> l.targetGroupArn(tg.targetGroupArn()).containerName(CONTAINER)
            .containerPort(CONTAINER_PORT))
        .scale(s -> s.unit(ScaleUnit.PERCENT).value(100.0))).taskSet();
    ecs.updateServicePrimaryTaskSet(r -> r.cluster(CLUSTER).service(BRIDGE_SERVICE)
        .primaryTaskSet(taskSet.taskSetArn()));
    return new DemoService(BRIDGE_SERVICE, family, taskDefinitionArn, CONTAINER, CONTAINER_PORT, IMAGE,
        tg.targetGroupName(), tg.targetGroupArn(), routes.production, routes.test, "/bridge*", taskSet.taskSetArn());
  }

  private static TargetGroup targetGroup(ElasticLoadBalancingV2Client elb, String name, TargetTypeEnum type) {
    return elb.createTargetGroup(r -> r.name(name)
        .protocol(ProtocolEnum.HTTP).port(CONTAINER_PORT).vpcId(VPC_ID)
        .targetType(type)
        .healthCheckPath("/healthz")
        .healthCheckIntervalSeconds(10)
        .healthCheckTimeoutSeconds(5)
        .healthyThresholdCount(2)
        .unhealthyThresholdCount(2)).targetGroups().get(0);
  }

  private record Routes(String production, String test) {}

  /** A rule for {@code path} on each demo listener, ahead of web's catch-all rule (priority 10). */
  private static Routes routes(ElasticLoadBalancingV2Client elb, DemoIds demo, TargetGroup tg, String path,
      int priority) {
    Action forward = Action.builder().type(ActionTypeEnum.FORWARD)
        .forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(tg.targetGroupArn()).weight(1)))
        .build();
    RuleCondition condition = RuleCondition.builder().field("path-pattern").pathPatternConfig(p -> p.values(path)).build();
    String production = elb.createRule(r -> r.listenerArn(demo.productionListenerArn()).priority(priority)
        .conditions(condition).actions(forward)).rules().get(0).ruleArn();
    String test = elb.createRule(r -> r.listenerArn(demo.testListenerArn()).priority(priority)
        .conditions(condition).actions(forward)).rules().get(0).ruleArn();
    return new Routes(production, test);
  }
}
