package dev.teal.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.sandbox.faults.FaultInjector;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * The simulator's eventual-consistency mode ({@link FaultInjector#notVisibleFor}): each answer is the one AWS
 * gives while a change has not reached the part of its control plane serving the call, and each goes away
 * once the (seeded) lag has passed on the virtual clock. Simulator only: real AWS's lag cannot be chosen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventualConsistencyContractTest {

  static final Duration LAG = Duration.ofSeconds(4);

  private ContractTarget target;
  private ExternalService world;

  @BeforeAll
  void setUp() {
    target = ContractTarget.resolve();
    world = new ExternalService(target, "contract-lag");
  }

  @BeforeEach
  void onlyOnTheSimulator() {
    target.assumeSimulator();
    target.simulator().faults().clear();
  }

  @AfterAll
  void tearDown() {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void modifyRuleDoesNotKnowATargetGroupCreatedAMomentAgo() {
    String rule = world.forwardRule(world.targetGroup("lag-old", 0));
    target.simulator().faults().notVisibleFor("elb:ModifyRule", LAG);
    String fresh = world.targetGroup("lag-fresh", 0);

    assertThatThrownBy(() -> world.elb.modifyRule(r -> r.ruleArn(rule).actions(ExternalService.forward(fresh))))
        .isInstanceOf(TargetGroupNotFoundException.class);
    target.advance(LAG);
    world.elb.modifyRule(r -> r.ruleArn(rule).actions(ExternalService.forward(fresh)));
  }

  @Test
  void createTaskSetDoesNotSeeARuleChangeOfAMomentAgo() {
    String service = world.service("svc-lag", 1);
    String group = world.targetGroup("lag-ecs", 0);
    target.simulator().faults().notVisibleFor("ecs:CreateTaskSet", LAG);
    world.forwardRule(group);

    assertThatThrownBy(() -> world.ecs.createTaskSet(world.taskSet(service, group, 100).build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("does not have an associated load balancer");
    target.advance(LAG);
    assertThat(world.ecs.createTaskSet(world.taskSet(service, group, 100).build()).taskSet().status())
        .isIn("PRIMARY", "ACTIVE");
  }

  @Test
  void deleteTargetGroupStillSeesARuleThatStoppedForwardingAMomentAgo() {
    String group = world.targetGroup("lag-delete", 0);
    String rule = world.forwardRule(group);
    target.simulator().faults().notVisibleFor("elb:DeleteTargetGroup", LAG);
    world.elb.deleteRule(r -> r.ruleArn(rule));

    assertThatThrownBy(() -> world.elb.deleteTargetGroup(r -> r.targetGroupArn(group)))
        .isInstanceOf(ResourceInUseException.class);
    target.advance(LAG);
    world.elb.deleteTargetGroup(r -> r.targetGroupArn(group));
  }

  @Test
  void lagsAreSeededPerOperationAndResourceAndNeverLongerThanAsked() {
    FaultInjector faults = target.simulator().faults();
    faults.notVisibleFor("elb:*", LAG);
    var start = target.simulator().clock().instant();
    for (String resource : new String[] {"tg-1", "tg-2", "tg-3"}) {
      assertThat(faults.visible("elb:ModifyRule", resource, start, start.plus(LAG))).isTrue();
      boolean before = faults.visible("elb:ModifyRule", resource, start, start);
      assertThat(before).as("a change is never visible at once when a lag is set").isFalse();
    }
    assertThat(faults.visible("ecs:CreateTaskSet", "tg-1", start, start)).as("other services see at once").isTrue();
  }
}
