package dev.teal.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/** A seeded fleet is what teal expects to adopt: a PRIMARY task set per service behind its own rules. */
class FleetWorldTest {

  @RegisterExtension
  static SandboxExtension sandbox = SandboxExtension.create(c -> c.taskStartDelay(Duration.ofSeconds(1)));

  @Test
  void seedsServicesWithTheirRulesAndTargetGroups() {
    FleetWorld fleet = FleetWorld.seed(sandbox, 12);

    assertThat(fleet.size()).isEqualTo(12);
    assertThat(fleet.deployments()).extracting(FleetWorld.Deployment::name).doesNotHaveDuplicates()
        .contains(FleetWorld.name(0), FleetWorld.name(11));
    FleetWorld.Deployment d = fleet.deployments().get(5);
    var service = sandbox.observerEcs().describeServices(r -> r.cluster(FleetWorld.CLUSTER).services(d.service()))
        .services().get(0);
    assertThat(service.taskSets()).singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo("PRIMARY"))
        .satisfies(t -> assertThat(t.loadBalancers().get(0).targetGroupArn()).isEqualTo(d.blueTargetGroupArn()));
    Rule production = sandbox.observerElb().describeRules(r -> r.ruleArns(d.productionRuleArn())).rules().get(0);
    assertThat(production.actions().get(0).forwardConfig().targetGroups()).singleElement()
        .satisfies(t -> assertThat(t.targetGroupArn()).isEqualTo(d.blueTargetGroupArn()));
    assertThat(sandbox.observerElb().describeRules(r -> r.listenerArn(fleet.testListenerArn())).rules())
        .filteredOn(r -> !r.isDefault()).hasSize(12);
    assertThat(FleetWorld.document(d).spec().traffic().testRule()).isEqualTo(d.testRuleArn());
  }
}
