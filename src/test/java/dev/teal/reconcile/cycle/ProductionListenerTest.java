package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.CycleHarness.steps;
import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.model.TrafficSpec;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;

/**
 * A service whose production traffic is a listener's default action rather than a rule: the same cycle,
 * with the weights written by ModifyListener, and the safety invariants checked on the listener.
 */
class ProductionListenerTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  @Test
  void promotesInStepsThroughTheListenersDefaultAction() {
    CycleHarness h = new CycleHarness(sandbox);
    // Production is the listener's default action: forward to blue, and no rule in front of it.
    String listener = h.demo.productionListenerArn();
    sandbox.observerElb().modifyListener(r -> r.listenerArn(listener).defaultActions(a -> a
        .type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(h.demo.targetGroupArn())
            .weight(1)))));
    sandbox.observerElb().deleteRule(r -> r.ruleArn(h.demo.productionRuleArn()));
    assertThat(h.servedImage(listener)).isEqualTo("nginx:1.26");

    h.apply(onListener(h, h.spec("nginx:1.26", DesiredPhase.PREVIEW)));
    assertThat(h.runUntilQuiet().phase()).isEqualTo(Phase.PROMOTED);
    h.apply(onListener(h, withStrategy(h.spec("nginx:1.27", DesiredPhase.PROMOTE),
        s -> steps(s, List.of(50, 100), Duration.ofMinutes(2)))));

    DeploymentStatus half = h.runUntil(s -> s.promotion() != null && s.promotion().weight() == 50,
        Duration.ofHours(1));
    assertThat(listenerWeights(listener)).isEqualTo(Map.of(h.demo.targetGroupArn(), 50,
        half.preview().targetGroup(), 50));
    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);

    assertThat(promoted.stable().image()).isEqualTo("nginx:1.27");
    assertThat(h.servedImage(listener)).isEqualTo("nginx:1.27");
    assertThat(h.count("elb:ModifyListener")).as("one write per production step").isEqualTo(2);
    assertThat(h.count("elb:ModifyRule")).as("only the test rule").isGreaterThan(0);
    h.assertIdempotent();
    h.assertInvariantsHeld();
  }

  private static DeploymentSpec onListener(CycleHarness h, DeploymentSpec spec) {
    TrafficSpec t = spec.traffic();
    return spec.withTraffic(new TrafficSpec(null, h.demo.productionListenerArn(), t.testRule(), t.targetGroup()));
  }

  private Map<String, Integer> listenerWeights(String listener) {
    return sandbox.observerElb().describeListeners(r -> r.listenerArns(listener)).listeners().get(0).defaultActions()
        .get(0).forwardConfig().targetGroups().stream()
        .collect(java.util.stream.Collectors.toMap(t -> t.targetGroupArn(), t -> t.weight()));
  }
}
