package dev.teal.reconcile.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.reconcile.Reasons;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;

/**
 * A deleted task set drains for its target group's deregistration delay (30 s in the harness's spec); its
 * group must outlive it, and a draining task set still takes one of the service's five slots.
 */
class DrainingTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  /**
   * Planted once (the group deleted as soon as the set is DRAINING, as before): the harness's invariant saw a
   * draining task set using a deleted group, and the group's delete came before the set was gone.
   */
  @Test
  void aRetiredRevisionsGroupIsDeletedOnlyOnceItsTaskSetHasDrained() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.apply(h.spec("nginx:1.27", DesiredPhase.PREVIEW));
    DeploymentStatus previewing = h.runUntilPhase(Phase.PREVIEWING);
    String greenTaskSet = previewing.preview().taskSet();

    h.apply(h.spec("nginx:1.27", DesiredPhase.ROLLBACK));
    h.runUntil(s -> h.taskSets().stream().anyMatch(t -> t.taskSetArn().equals(greenTaskSet)
        && "DRAINING".equals(t.status())), Duration.ofMinutes(5));
    DeploymentStatus draining = h.status();
    assertThat(draining.phase()).isEqualTo(Phase.ROLLING_BACK);
    assertThat(draining.message()).contains("drain");
    assertThat(draining.condition(Reasons.PROGRESSING).reason()).isEqualTo(Reasons.CLEANING_UP);

    h.runUntilPhase(Phase.ROLLED_BACK);
    Instant deleted = callTime("elb:DeleteTargetGroup");
    Instant drainedFrom = callTime("ecs:DeleteTaskSet");
    assertThat(Duration.between(drainedFrom, deleted)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(h.taskSets()).noneMatch(t -> t.taskSetArn().equals(greenTaskSet));
    h.assertInvariantsHeld();
  }

  /**
   * Four live task sets and a draining one fill the service's five slots. Planted once (draining sets not
   * counted): CreateTaskSet was sent, ECS refused it, and the deployment was Failed.
   */
  @Test
  void aDrainingTaskSetTakesASlotAndTealWaitsForIt() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    // Someone else's task sets in the same service: three live, one deleted and draining for 10 minutes.
    String[] foreign = new String[4];
    for (int i = 0; i < 4; i++) {
      foreign[i] = sandbox.observerEcs().createTaskSet(r -> r.cluster(h.demo.cluster()).service(h.demo.service())
          .taskDefinition(h.demo.taskDefinitionFamily()).launchType(LaunchType.FARGATE)
          .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-0sandboxa")))
          .loadBalancers(l -> l.targetGroupArn(h.demo.targetGroupArn()).containerName(h.demo.containerName())
              .containerPort(h.demo.containerPort()))
          .scale(s -> s.unit(ScaleUnit.PERCENT).value(0.0))).taskSet().taskSetArn();
    }
    sandbox.observerElb().modifyTargetGroupAttributes(r -> r.targetGroupArn(h.demo.targetGroupArn())
        .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("600")));
    sandbox.observerEcs().deleteTaskSet(r -> r.cluster(h.demo.cluster()).service(h.demo.service())
        .taskSet(foreign[3]).force(true));

    h.apply(h.spec("nginx:1.27", DesiredPhase.PREVIEW));
    DeploymentStatus waiting = h.runUntil(s -> s.condition(Reasons.PROGRESSING) != null
        && Reasons.WAITING_FOR_TASK_SET_SLOT.equals(s.condition(Reasons.PROGRESSING).reason()), Duration.ofMinutes(5));
    assertThat(waiting.phase()).isNotEqualTo(Phase.FAILED);
    assertThat(waiting.message()).contains("5 task sets", "1 draining");
    assertThat(h.count("ecs:CreateTaskSet")).isZero();

    DeploymentStatus previewing = h.runUntilPhase(Phase.PREVIEWING);
    assertThat(previewing.preview().image()).isEqualTo("nginx:1.27");
    assertThat(sandbox.simulator().calls().records("ecs:CreateTaskSet")).allMatch(CallRecord::ok);
  }

  private Instant callTime(String operation) {
    return sandbox.simulator().calls().records(operation).stream().filter(CallRecord::ok).reduce((a, b) -> b)
        .orElseThrow().time();
  }
}
