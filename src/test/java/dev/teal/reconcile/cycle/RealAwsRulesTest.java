package dev.teal.reconcile.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.model.TrafficSpec;
import dev.teal.reconcile.Reasons;
import dev.teal.testing.SandboxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/** Rules of real AWS that teal's deployments run into (issue 13, findings 6 and 10). */
class RealAwsRulesTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  /**
   * A target group can be used by one load balancer only, so a deployment whose test route is on another
   * load balancer than production fails before anything is created, naming both. Shown to catch: the
   * planner without that check (green was created and attached to the test route; the promotion would
   * then fail with ELB's TargetGroupAssociationLimit).
   */
  @Test
  void routesOnTwoLoadBalancersFailBeforeAnythingIsCreated() {
    CycleHarness h = new CycleHarness(sandbox);
    String otherLb = sandbox.elb().createLoadBalancer(r -> r.name("other-alb").subnets(h.demo.subnets()))
        .loadBalancers().get(0).loadBalancerArn();
    String otherGroup = sandbox.elb().createTargetGroup(r -> r.name("other-tg").protocol("HTTP").port(80)
        .vpcId(h.demo.vpcId()).targetType("ip")).targetGroups().get(0).targetGroupArn();
    String listener = sandbox.elb().createListener(r -> r.loadBalancerArn(otherLb).protocol("HTTP").port(8080)
        .defaultActions(a -> a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("404")))).listeners()
        .get(0).listenerArn();
    String otherTestRule = sandbox.elb().createRule(r -> r.listenerArn(listener).priority(10)
        .conditions(c -> c.field("path-pattern").values("/*"))
        .actions(a -> a.type("forward").targetGroupArn(otherGroup))).rules().get(0).ruleArn();
    DeploymentSpec base = h.spec("nginx:1.27", DesiredPhase.PREVIEW);
    int mutatingBefore = h.mutatingCalls().size();

    h.apply(new DeploymentSpec(base.cluster(), base.service(), base.taskDefinition(), base.container(),
        base.containerPort(), base.image(), base.phase(), new TrafficSpec(base.traffic().productionRule(), null,
            otherTestRule, base.traffic().targetGroup()), null, base.strategy()));
    DeploymentStatus failed = h.runUntilPhase(Phase.FAILED);

    assertThat(failed.condition(Reasons.READY).reason()).isEqualTo(Reasons.ROUTES_ON_DIFFERENT_LOAD_BALANCERS);
    assertThat(failed.message()).contains(h.demo.loadBalancerArn(), otherLb);
    assertThat(h.mutatingCalls()).as("nothing created or changed").hasSize(mutatingBefore);
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
  }

  /**
   * Green's task definition carries the template's tags (cost allocation, ABAC) beside teal's. Shown to
   * catch: the copy described without include=TAGS (green's definition had teal's tags only).
   */
  @Test
  void greensTaskDefinitionCarriesTheTemplatesTags() {
    CycleHarness h = new CycleHarness(sandbox);
    sandbox.ecs().tagResource(r -> r.resourceArn(h.demo.taskDefinitionArn()).tags(
        Tag.builder().key("cost-center").value("cc-42").build(), Tag.builder().key("team").value("payments").build()));

    h.apply(h.spec("nginx:1.27", DesiredPhase.PREVIEW));
    DeploymentStatus previewing = h.runUntilPhase(Phase.PREVIEWING);

    Map<String, String> tags = new java.util.HashMap<>();
    sandbox.observerEcs().describeTaskDefinition(r -> r.taskDefinition(previewing.preview().taskDefinition())
        .include(TaskDefinitionField.TAGS)).tags().forEach(t -> tags.put(t.key(), t.value()));
    assertThat(tags).containsEntry("cost-center", "cc-42").containsEntry("team", "payments")
        .containsEntry("teal.dev/revision", previewing.preview().revision());
    h.assertInvariantsHeld();
  }
}
