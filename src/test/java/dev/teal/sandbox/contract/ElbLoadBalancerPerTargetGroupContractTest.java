package dev.teal.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAssociationLimitException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * A target group can be used by one load balancer only (ALB quotas: "Load balancers per target group: 1"):
 * a rule or listener of a second load balancer that forwards to it is refused with TargetGroupAssociationLimit
 * (issue 13, finding 6). Two listeners of one load balancer may share it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElbLoadBalancerPerTargetGroupContractTest {

  private ContractTarget target;
  private ElasticLoadBalancingV2Client elb;
  private String listenerA;
  private String listenerA2;
  private String listenerB;
  private String group;

  @BeforeAll
  void setUp() {
    target = ContractTarget.resolve();
    elb = target.elb();
    String lbA = elb.createLoadBalancer(r -> r.name(target.name("contract-one-a")).subnets(target.subnets()))
        .loadBalancers().get(0).loadBalancerArn();
    target.onClose(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(lbA)));
    String lbB = elb.createLoadBalancer(r -> r.name(target.name("contract-one-b")).subnets(target.subnets()))
        .loadBalancers().get(0).loadBalancerArn();
    target.onClose(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(lbB)));
    group = elb.createTargetGroup(r -> r.name(target.name("contract-one-tg")).protocol(ProtocolEnum.HTTP).port(80)
        .vpcId(target.vpcId()).targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
    target.onClose(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(group)));
    listenerA = elb.createListener(r -> r.loadBalancerArn(lbA).protocol(ProtocolEnum.HTTP).port(80)
        .defaultActions(forward(group))).listeners().get(0).listenerArn();
    listenerA2 = elb.createListener(r -> r.loadBalancerArn(lbA).protocol(ProtocolEnum.HTTP).port(8080)
        .defaultActions(notFound())).listeners().get(0).listenerArn();
    listenerB = elb.createListener(r -> r.loadBalancerArn(lbB).protocol(ProtocolEnum.HTTP).port(8080)
        .defaultActions(notFound())).listeners().get(0).listenerArn();
  }

  @AfterAll
  void tearDown() {
    if (target != null) {
      target.close();
    }
  }

  private static Action forward(String targetGroup) {
    return Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(t -> t
        .targetGroupArn(targetGroup).weight(0))).build();
  }

  private static Action notFound() {
    return Action.builder().type(ActionTypeEnum.FIXED_RESPONSE)
        .fixedResponseConfig(f -> f.statusCode("404").contentType("text/plain").messageBody("none")).build();
  }

  @Test
  void aRuleOfASecondLoadBalancerCannotForwardToTheGroup() {
    assertThatThrownBy(() -> elb.createRule(r -> r.listenerArn(listenerB).priority(10)
        .conditions(c -> c.field("path-pattern").values("/*")).actions(forward(group))))
        .isInstanceOf(TargetGroupAssociationLimitException.class)
        .hasMessageContaining("cannot be associated with more than one load balancer");
    String rule = elb.createRule(r -> r.listenerArn(listenerB).priority(11)
        .conditions(c -> c.field("path-pattern").values("/other*")).actions(notFound())).rules().get(0).ruleArn();
    assertThatThrownBy(() -> elb.modifyRule(r -> r.ruleArn(rule).actions(forward(group))))
        .isInstanceOf(TargetGroupAssociationLimitException.class);
    assertThatThrownBy(() -> elb.modifyListener(r -> r.listenerArn(listenerB).defaultActions(forward(group))))
        .isInstanceOf(TargetGroupAssociationLimitException.class);
  }

  @Test
  void anotherListenerOfTheSameLoadBalancerMayForwardToIt() {
    elb.modifyListener(r -> r.listenerArn(listenerA2).defaultActions(forward(group)));

    assertThat(elb.describeTargetGroups(r -> r.targetGroupArns(group)).targetGroups().get(0).loadBalancerArns())
        .hasSize(1);
    elb.modifyListener(r -> r.listenerArn(listenerA2).defaultActions(notFound()));
  }
}
