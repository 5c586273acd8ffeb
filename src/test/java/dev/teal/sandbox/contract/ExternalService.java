package dev.teal.sandbox.contract;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * What the contract tests of an EXTERNAL deployment need around them: a cluster, an ALB with a listener
 * whose default action is a fixed response, a Fargate task definition, and helpers for services, target
 * groups, rules and task sets. Everything is cleaned up through the target when it closes.
 */
final class ExternalService {

  final ContractTarget target;
  final EcsClient ecs;
  final ElasticLoadBalancingV2Client elb;
  final String cluster;
  final String listenerArn;
  final String taskDefinitionArn;
  private int priority = 1;

  ExternalService(ContractTarget target, String base) {
    this.target = target;
    this.ecs = target.ecs();
    this.elb = target.elb();
    this.cluster = target.name(base);
    ecs.createCluster(r -> r.clusterName(cluster));
    target.onClose(() -> ecs.deleteCluster(r -> r.cluster(cluster)));
    String lb = elb.createLoadBalancer(r -> r.name(target.name(base + "-alb")).subnets(target.subnets()))
        .loadBalancers().get(0).loadBalancerArn();
    target.onClose(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb)));
    listenerArn = elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(80)
        .defaultActions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE)
            .fixedResponseConfig(f -> f.statusCode("404").contentType("text/plain").messageBody("none"))))
        .listeners().get(0).listenerArn();
    String family = target.name(base + "-web");
    taskDefinitionArn = ecs.registerTaskDefinition(r -> r.family(family).networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
        .containerDefinitions(c -> c.name("web").image("nginx:1.26").essential(true)
            .portMappings(p -> p.containerPort(80))))
        .taskDefinition().taskDefinitionArn();
  }

  String service(String base, int desiredCount) {
    String name = target.name(base);
    ecs.createService(r -> r.cluster(cluster).serviceName(name).desiredCount(desiredCount)
        .deploymentController(d -> d.type(DeploymentControllerType.EXTERNAL)));
    target.onClose(() -> ecs.deleteService(r -> r.cluster(cluster).service(name).force(true)));
    return name;
  }

  /** A target group with the given deregistration delay, not yet used by any listener. */
  String targetGroup(String base, int deregistrationDelaySeconds) {
    String arn = elb.createTargetGroup(r -> r.name(target.name(base)).protocol(ProtocolEnum.HTTP).port(80)
        .vpcId(target.vpcId()).targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
    elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(a -> a
        .key("deregistration_delay.timeout_seconds").value(Integer.toString(deregistrationDelaySeconds))));
    target.onClose(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(arn)));
    return arn;
  }

  /** A rule forwarding a path to {@code targetGroupArn}, so ECS accepts task sets for the group. */
  String forwardRule(String targetGroupArn) {
    int p = priority++;
    String rule = elb.createRule(r -> r.listenerArn(listenerArn).priority(p)
        .conditions(c -> c.field("path-pattern").pathPatternConfig(pc -> pc.values("/rule-" + p + "/*")))
        .actions(forward(targetGroupArn))).rules().get(0).ruleArn();
    target.onClose(() -> elb.deleteRule(r -> r.ruleArn(rule)));
    return rule;
  }

  static Action forward(String targetGroupArn) {
    return Action.builder().type(ActionTypeEnum.FORWARD)
        .forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(targetGroupArn).weight(1))).build();
  }

  CreateTaskSetRequest.Builder taskSet(String service, String targetGroupArn, double percent) {
    return CreateTaskSetRequest.builder().cluster(cluster).service(service).taskDefinition(taskDefinitionArn)
        .launchType(LaunchType.FARGATE)
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(target.subnets())))
        .loadBalancers(l -> l.targetGroupArn(targetGroupArn).containerName("web").containerPort(80))
        .scale(s -> s.unit(ScaleUnit.PERCENT).value(percent));
  }
}
