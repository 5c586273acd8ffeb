package dev.teal.reconcile.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.OwnershipTags;
import dev.teal.model.Phase;
import dev.teal.reconcile.Reasons;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** Hand changes to managed rules are undone; teal's own orphans are cleaned; other people's things are left alone. */
class DriftAndOwnershipTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  CycleHarness adopted() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    return h;
  }

  String otherTargetGroup(CycleHarness h) {
    String arn = sandbox.elb().createTargetGroup(r -> r.name("hand-made").protocol("HTTP").port(80)
        .vpcId(h.demo.vpcId()).targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
    return arn;
  }

  @Test
  void aProductionRuleChangedByHandIsRestoredAndAnEventRecorded() {
    CycleHarness h = adopted();
    String other = otherTargetGroup(h);
    sandbox.elb().modifyRule(r -> r.ruleArn(h.demo.productionRuleArn()).actions(a -> a.type(ActionTypeEnum.FORWARD)
        .forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(h.demo.targetGroupArn()).weight(50),
            t -> t.targetGroupArn(other).weight(50)))));

    h.reconcileOnce();

    assertThat(h.weights(h.demo.productionRuleArn())).containsOnlyKeys(h.demo.targetGroupArn());
    assertThat(h.status().events()).last().satisfies(e -> {
      assertThat(e.type()).isEqualTo(DeploymentEvent.WARNING);
      assertThat(e.reason()).isEqualTo(Reasons.ROUTE_RESTORED);
      assertThat(e.message()).contains("production", "hand-made=50");
    });
    assertThat(h.targetGroupNames()).as("the hand-made group is not teal's to delete").contains("hand-made");
    h.assertIdempotent();
  }

  @Test
  void aTealTaggedTaskSetOfAnUnknownRevisionIsDeletedButAForeignOneIsLeftAlone() {
    CycleHarness h = adopted();
    String orphan = createTaskSet(h, "deadbeef", Map.of(OwnershipTags.MANAGED_BY, "teal",
        OwnershipTags.DEPLOYMENT, "web", OwnershipTags.REVISION, "deadbeef"));
    String foreign = createTaskSet(h, "someone-else", Map.of("team", "payments"));

    DeploymentStatus status = h.runUntil(s -> s.retired().isEmpty() && s.events().stream()
        .anyMatch(e -> e.reason().equals(Reasons.CLEANED_UP)), Duration.ofMinutes(5));

    assertThat(status.phase()).isEqualTo(Phase.PROMOTED);
    assertThat(h.taskSets()).filteredOn(t -> t.taskSetArn().equals(orphan))
        .allSatisfy(t -> assertThat(t.status()).isEqualTo("DRAINING"));
    assertThat(h.taskSets()).anySatisfy(t -> {
      assertThat(t.taskSetArn()).isEqualTo(foreign);
      assertThat(t.status()).isEqualTo("ACTIVE");
    });
    assertThat(h.targetGroupNames()).contains(h.demo.targetGroupName());
  }

  private String createTaskSet(CycleHarness h, String externalId, Map<String, String> tags) {
    return sandbox.ecs().createTaskSet(r -> r.cluster(h.demo.cluster()).service(h.demo.service())
        .externalId(externalId).taskDefinition(h.demo.taskDefinitionArn()).launchType(LaunchType.FARGATE)
        .networkConfiguration(n -> n.awsvpcConfiguration(AwsVpcConfiguration.builder().subnets(h.demo.subnets()).build()))
        .loadBalancers(lb -> lb.targetGroupArn(h.demo.targetGroupArn()).containerName("web").containerPort(80))
        .scale(s -> s.unit("PERCENT").value(0.0))
        .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()))
        .taskSet().taskSetArn();
  }
}
