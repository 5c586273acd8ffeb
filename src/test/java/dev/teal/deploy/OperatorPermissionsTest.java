package dev.teal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.AnalysisSpec;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.GatesSpec;
import dev.teal.model.HookSpec;
import dev.teal.model.HooksSpec;
import dev.teal.model.HttpAnalysisSpec;
import dev.teal.model.MetricGateSpec;
import dev.teal.model.Phase;
import dev.teal.model.PromotionSpec;
import dev.teal.model.StrategySpec;
import dev.teal.model.TargetGroupSpec;
import dev.teal.model.TrafficSpec;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;

/**
 * The operator's task role in deploy/cloudformation/operator.yaml grants exactly the IAM actions the
 * operator's code needs: every action granted is one some call needs, and every call is allowed.
 *
 * <p>The needed actions are not a hand-written list: the real reconciler runs a whole life against the
 * sandbox (adoption, preview with analysis, stepped promotion with analysis, scale-down of blue, a
 * promotion and its rollback, an alarm gate, a metric gate, an ECS task hook and a Lambda hook, a crash-looping image given up by fail fast, an aborted image, a deployment driving a listener's default action instead
 * of a rule, the stream reader, the lease, the notifications to EventBridge and to webhooks whose URLs are
 * kept in SSM and Secrets Manager), every call is recorded, and {@link IamActions} turns the calls
 * into actions. Faults planted once and seen failing: {@code elasticloadbalancing:ModifyRule} deleted
 * from the policy (needed but not granted); an unused {@code ecs:ListServices} added (granted but not
 * needed); {@code Tags} no longer implying {@code AddTags} in {@link IamActions#impliedBy}.
 */
class OperatorPermissionsTest {

  @RegisterExtension
  SandboxExtension rules = SandboxExtension.create();

  @RegisterExtension
  SandboxExtension listener = SandboxExtension.create();

  @Test
  void theOperatorRoleGrantsExactlyWhatTheOperatorCalls() {
    Set<String> needed = new TreeSet<>(throughAWholeLifeOnRules());
    needed.addAll(drivingAListenerDefaultAction());

    Set<String> granted = grantedTo(CfnTemplate.load(CfnTemplate.OPERATOR), "OperatorTaskRole");

    assertThat(minus(granted, needed)).as("granted but never needed").isEmpty();
    assertThat(minus(needed, granted)).as("needed but not granted").isEmpty();
  }

  private Set<String> throughAWholeLifeOnRules() {
    try (OperatorRun run = new OperatorRun(rules, OperatorPermissionsTest::autoScaled)) {
      // Adoption: the service's running task set becomes stable and is tagged as teal's.
      run.apply(spec(run, "nginx:1.26", DesiredPhase.PREVIEW, null));
      run.runUntil(s -> s.phase() == Phase.PROMOTED, Duration.ofHours(1));

      // Preview at half scale with analysis, an alarm gate and an ECS task hook, then a stepped promotion analysed
      // at each step, with a Lambda hook before each and a metric gate read while green serves production.
      run.sandbox.simulator().lambda().define("web-approve",
          dev.teal.sandbox.lambda.FunctionResult.success("{\"hookStatus\":\"SUCCEEDED\"}"));
      StrategySpec stepped = new StrategySpec(50, PromotionSpec.of(List.of(50, 100), Duration.ofMinutes(1)), null,
          Duration.ofMinutes(30), null, new AnalysisSpec(new HttpAnalysisSpec("/healthz", 200, 5, 0)),
          new GatesSpec(List.of(run.sandbox.seedGates().alarmName()), List.of(new MetricGateSpec("5xx-share",
              "HTTPCode_Target_5XX_Count", null, "RequestCount", null, new MetricGateSpec.BlueComparison(null, 1.0),
              null, null, null))), null, null, new HooksSpec(null,
              List.of(new HookSpec("integration", null, new HookSpec.EcsTask(run.sandbox.seedGates().testTaskFamily(),
                  null, null), null)),
              List.of(new HookSpec("approve", null, null, new HookSpec.Lambda("web-approve", null))), null));
      run.apply(spec(run, "nginx:1.27", DesiredPhase.PREVIEW, stepped));
      run.runUntil(s -> s.phase() == Phase.PREVIEWING, Duration.ofHours(1));
      run.apply(spec(run, "nginx:1.27", DesiredPhase.PROMOTE, stepped));
      run.runUntil(s -> s.phase() == Phase.PROMOTED, Duration.ofHours(1));

      // scaleDownDelay passes: the adopted blue task set goes (its target group is never teal's to delete).
      run.runUntil(s -> s.previous() != null && s.previous().taskSet() == null && s.retired().isEmpty(),
          Duration.ofHours(2));

      // A promotion, then a rollback onto the blue that is still kept: green's task set and group go.
      run.apply(spec(run, "nginx:1.28", DesiredPhase.PROMOTE, null));
      run.runUntil(s -> s.phase() == Phase.PROMOTED, Duration.ofHours(1));
      run.apply(spec(run, "nginx:1.28", DesiredPhase.ROLLBACK, null));
      DeploymentStatus rolledBack = run.runUntil(s -> s.phase() == Phase.ROLLED_BACK && s.retired().isEmpty(),
          Duration.ofHours(1));
      assertThat(rolledBack.stable().image()).isEqualTo("nginx:1.27");

      // An image that crash-loops is given up by fail fast, its stopped tasks read for ECS's reason.
      run.apply(spec(run, "nginx:1.29-crashloop", DesiredPhase.PROMOTE, null));
      run.runUntil(s -> s.phase() == Phase.DEGRADED && s.retired().isEmpty(), Duration.ofHours(1));

      // An image that never gets healthy is aborted at the progress deadline and cleaned up.
      StrategySpec impatient = new StrategySpec(null, null, null, null, Duration.ofSeconds(30), null);
      run.apply(spec(run, "nginx:1.29-unhealthy", DesiredPhase.PROMOTE, impatient));
      run.runUntil(s -> s.phase() == Phase.DEGRADED && s.retired().isEmpty(), Duration.ofHours(1));

      assertThat(run.readStream()).as("document images read from the stream").isPositive();
      assertThat(run.deliverNotifications()).as("notifications put on the event bus").isPositive();
      run.stop();
      return run.neededActions();
    }
  }

  private Set<String> drivingAListenerDefaultAction() {
    try (OperatorRun run = new OperatorRun(listener, OperatorPermissionsTest::productionOnTheListener)) {
      run.apply(listenerSpec(run, "nginx:1.26", DesiredPhase.PREVIEW));
      run.runUntil(s -> s.phase() == Phase.PROMOTED, Duration.ofHours(1));
      run.apply(listenerSpec(run, "nginx:1.27", DesiredPhase.PROMOTE));
      DeploymentStatus promoted = run.runUntil(s -> s.phase() == Phase.PROMOTED
          && "nginx:1.27".equals(s.stable().image()), Duration.ofHours(1));
      assertThat(promoted.stable().image()).isEqualTo("nginx:1.27");
      assertThat(run.deliverNotifications()).as("notifications put on the event bus").isPositive();
      run.stop();
      return run.neededActions();
    }
  }

  /** The service auto scales: teal holds its scale-in while a deployment is in flight. */
  private static void autoScaled(OperatorRun run) {
    run.sandbox.observerAutoScaling().registerScalableTarget(r -> r.serviceNamespace("ecs")
        .resourceId("service/" + run.demo.cluster() + "/" + run.demo.service())
        .scalableDimension("ecs:service:DesiredCount").minCapacity(1).maxCapacity(6));
  }

  /** Production served by the listener's default action rather than by a rule. */
  private static void productionOnTheListener(OperatorRun run) {
    var elb = run.sandbox.elb();
    elb.modifyListener(r -> r.listenerArn(run.demo.productionListenerArn()).defaultActions(a -> a
        .type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(run.demo.targetGroupArn())
            .weight(1)))));
    elb.deleteRule(r -> r.ruleArn(run.demo.productionRuleArn()));
  }

  static Set<String> minus(Set<String> all, Set<String> removed) {
    Set<String> rest = new TreeSet<>(all);
    rest.removeAll(removed);
    return rest;
  }

  static Set<String> grantedTo(CfnTemplate template, String policy) {
    Set<String> granted = new TreeSet<>();
    template.statements(policy).forEach(s -> granted.addAll(s.actions()));
    return granted;
  }

  private static DeploymentSpec spec(OperatorRun run, String image, DesiredPhase phase, StrategySpec strategy) {
    // A non-default deregistration delay, so creating a target group also sets its attributes.
    return new DeploymentSpec(run.demo.cluster(), run.demo.service(), run.demo.taskDefinitionFamily(),
        run.demo.containerName(), run.demo.containerPort(), image, phase,
        new TrafficSpec(run.demo.productionRuleArn(), null, run.demo.testRuleArn(), targetGroup(run)), null, strategy);
  }

  private static DeploymentSpec listenerSpec(OperatorRun run, String image, DesiredPhase phase) {
    return new DeploymentSpec(run.demo.cluster(), run.demo.service(), run.demo.taskDefinitionFamily(),
        run.demo.containerName(), run.demo.containerPort(), image, phase,
        new TrafficSpec(null, run.demo.productionListenerArn(), run.demo.testRuleArn(), targetGroup(run)), null, null);
  }

  private static TargetGroupSpec targetGroup(OperatorRun run) {
    return new TargetGroupSpec(run.demo.vpcId(), null, null,
        new dev.teal.model.HealthCheckSpec("/healthz", 10, 5, 2, 3, null), 10);
  }
}
