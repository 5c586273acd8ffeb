package dev.teal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.testing.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** ECS input checks the simulator makes before changing anything. */
class EcsValidationTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  @Test
  void aTaskSetMustBeScaledToZeroOrForcedBeforeDeletion() {
    DemoIds demo = sandbox.seedDemo();
    assertThatThrownBy(() -> sandbox.ecs().deleteTaskSet(r -> r.cluster(demo.cluster()).service(demo.service())
        .taskSet(demo.taskSetArn()))).isInstanceOf(InvalidParameterException.class);
    sandbox.ecs().updateTaskSet(r -> r.cluster(demo.cluster()).service(demo.service()).taskSet(demo.taskSetArn())
        .scale(s -> s.unit(ScaleUnit.PERCENT).value(0.0)));
    assertThat(sandbox.ecs().deleteTaskSet(r -> r.cluster(demo.cluster()).service(demo.service())
        .taskSet(demo.taskSetArn())).taskSet().status()).isEqualTo("DRAINING");
  }

  @Test
  void scaleIsAPercentageBetweenZeroAndHundred() {
    DemoIds demo = sandbox.seedDemo();
    assertThatThrownBy(() -> sandbox.ecs().updateTaskSet(r -> r.cluster(demo.cluster()).service(demo.service())
        .taskSet(demo.taskSetArn()).scale(s -> s.unit(ScaleUnit.PERCENT).value(100.5))))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void taskSetsNeedAnAttachedTargetGroupAndAwsvpcNetworking() {
    DemoIds demo = sandbox.seedDemo();
    String detached = sandbox.elb().createTargetGroup(r -> r.name("detached").protocol(ProtocolEnum.HTTP).port(80)
        .vpcId(demo.vpcId()).targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
    assertThatThrownBy(() -> sandbox.ecs().createTaskSet(r -> r.cluster(demo.cluster()).service(demo.service())
        .taskDefinition(demo.taskDefinitionArn()).launchType(LaunchType.FARGATE)
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(demo.subnets())))
        .loadBalancers(l -> l.targetGroupArn(detached).containerName("web").containerPort(80))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("does not have an associated load balancer");
    assertThatThrownBy(() -> sandbox.ecs().createTaskSet(r -> r.cluster(demo.cluster()).service(demo.service())
        .taskDefinition(demo.taskDefinitionArn()).launchType(LaunchType.FARGATE)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Network Configuration");
    assertThatThrownBy(() -> sandbox.ecs().describeServices(r -> r.cluster("nowhere").services("web")))
        .isInstanceOf(ClusterNotFoundException.class);
  }
}
