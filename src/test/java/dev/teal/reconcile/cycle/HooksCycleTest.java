package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.EcsGateway;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.HookSpec;
import dev.teal.model.HookStatus;
import dev.teal.model.HooksSpec;
import dev.teal.model.Phase;
import dev.teal.model.StrategySpec;
import dev.teal.reconcile.Reasons;
import dev.teal.sandbox.lambda.FunctionResult;
import dev.teal.testing.SandboxExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Lifecycle hooks ({@code spec.strategy.hooks}) with the ECS task and Lambda kinds on the sandbox, through the real
 * SDK clients and the simulator's RunTask/DescribeTasks/ListTasks and Invoke, on the virtual clock. Webhooks are in
 * {@link WebhookHooksCycleTest}.
 *
 * <p>Fault planted once and seen failing: a new idempotency key on every pass (the key made from the pass's time
 * instead of the attempt's token) fails {@link #aRestartInTheMiddleOfARunningTaskHookDoesNotStartASecondTask}
 * (RunTask called again after the restart, two tasks).
 */
class HooksCycleTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  static CycleHarness adopted(SandboxExtension sandbox) {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    return h;
  }

  static DeploymentSpec hooked(CycleHarness h, String image, DesiredPhase phase, HooksSpec hooks) {
    return withStrategy(h.spec(image, phase), s -> new StrategySpec(s.previewScale(), s.promotion(),
        s.autoPromoteAfter(), s.scaleDownDelay(), s.progressDeadline(), s.analysis(), s.gates(), s.failFast(), s.bake(),
        hooks));
  }

  static HookSpec ecsTask(String name, String taskDefinition) {
    return new HookSpec(name, null, new HookSpec.EcsTask(taskDefinition, null, Duration.ofMinutes(10)), null);
  }

  static HookSpec lambda(String name, String function) {
    return new HookSpec(name, null, null, new HookSpec.Lambda(function, Duration.ofMinutes(1)));
  }

  static DeploymentStatus previewReady(CycleHarness h) {
    return h.runUntil(s -> s.phase() == Phase.PREVIEWING && s.previewReadyAt() != null
        && Reasons.AWAITING_PROMOTION.equals(s.condition(Reasons.PROGRESSING).reason())
        || s.phase() == Phase.DEGRADED || s.phase() == Phase.FAILED, Duration.ofHours(1));
  }

  private String registerTestTask(String family, String image) {
    return sandbox.observerEcs().registerTaskDefinition(r -> r.family(family).networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
        .containerDefinitions(c -> c.name("tests").image(image).essential(true),
            c -> c.name("log-router").image("fluent-bit:exit137").essential(false)))
        .taskDefinition().taskDefinitionArn();
  }

  private List<Task> tasksOf(String family) {
    var arns = new java.util.ArrayList<String>();
    for (DesiredStatus desired : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
      arns.addAll(sandbox.observerEcs().listTasks(r -> r.cluster("demo").family(family).desiredStatus(desired))
          .taskArns());
    }
    return arns.isEmpty() ? List.of() : sandbox.observerEcs().describeTasks(r -> r.cluster("demo").tasks(arns)).tasks();
  }

  @Test
  void anEcsTaskHookPassesWhenEveryEssentialContainerExitsZeroAndGreenIsPreviewed() {
    CycleHarness h = adopted(sandbox);
    String family = sandbox.seedGates().testTaskFamily();
    h.apply(hooked(h, "nginx:1.27", DesiredPhase.PREVIEW, new HooksSpec(List.of(ecsTask("smoke", family)), null,
        null, null)));

    DeploymentStatus previewed = previewReady(h);

    assertThat(previewed.phase()).isEqualTo(Phase.PREVIEWING);
    HookStatus hook = previewed.hooks().get(0);
    assertThat(hook.state()).isEqualTo(HookStatus.PASSED);
    assertThat(hook.point()).isEqualTo(HooksSpec.BEFORE_TEST_TRAFFIC);
    assertThat(hook.taskArn()).isNotNull();
    assertThat(hook.stoppedReason()).isEqualTo("Essential container in task exited");
    assertThat(h.count("ecs:RunTask")).isEqualTo(1);
    Task task = tasksOf(family).get(0);
    assertThat(task.taskArn()).isEqualTo(hook.taskArn());
    assertThat(task.startedBy()).hasSizeLessThanOrEqualTo(36).startsWith("teal-");
    List<KeyValuePair> env = task.overrides().containerOverrides().get(0).environment();
    assertThat(env).extracting(KeyValuePair::name).contains("TEAL_TEST_URL", "TEAL_DEPLOYMENT", "TEAL_REVISION",
        "TEAL_STAGE");
    String testUrl = env.stream().filter(e -> e.name().equals("TEAL_TEST_URL")).findFirst().orElseThrow().value();
    assertThat(testUrl).isEqualTo(sandbox.simulator().listenerUrl(h.demo.testListenerArn()).toString());
    assertThat(h.servedImage(h.demo.testListenerArn())).isEqualTo("nginx:1.27");
    h.assertInvariantsHeld();
  }

  @Test
  void anEcsTaskHookWhoseEssentialContainerExitsNonZeroAbortsGreenBeforeItGetsTestTraffic() {
    CycleHarness h = adopted(sandbox);
    sandbox.seedGates();
    registerTestTask("web-tests-red", "teal-demo/web-tests:exit1");
    h.apply(hooked(h, "nginx:1.27", DesiredPhase.PREVIEW, new HooksSpec(List.of(ecsTask("smoke", "web-tests-red")),
        null, null, null)));

    DeploymentStatus degraded = h.runUntilPhase(Phase.DEGRADED);

    assertThat(degraded.aborted().reason()).isEqualTo(Reasons.HOOK_FAILED);
    assertThat(degraded.message()).contains("smoke", "spec.strategy.hooks.beforeTestTraffic[0]",
        "essential container tests exited 1").doesNotContain("log-router");
    HookStatus hook = degraded.hooks().get(0);
    assertThat(hook.state()).isEqualTo(HookStatus.FAILED);
    assertThat(hook.taskArn()).isNotNull();
    assertThat(hook.stoppedReason()).isNotBlank();
    assertThat(h.servedImage(h.demo.testListenerArn())).as("green never got test traffic").isEqualTo("nginx:1.26");
    h.assertInvariantsHeld();
  }

  @Test
  void aTaskDefinitionFamilyThatDoesNotExistIsAStatusMessageNamingTheField() {
    CycleHarness h = adopted(sandbox);
    h.apply(hooked(h, "nginx:1.27", DesiredPhase.PREVIEW, new HooksSpec(List.of(ecsTask("smoke", "web-tests-typo")),
        null, null, null)));

    DeploymentStatus degraded = h.runUntilPhase(Phase.DEGRADED);

    assertThat(degraded.message()).contains("spec.strategy.hooks.beforeTestTraffic[0].ecsTask.taskDefinition",
        "web-tests-typo");
    assertThat(h.count("ecs:RunTask")).isZero();
    h.assertInvariantsHeld();
  }

  @Test
  void aRestartInTheMiddleOfARunningTaskHookDoesNotStartASecondTask() {
    CycleHarness h = adopted(sandbox);
    String family = sandbox.seedGates().testTaskFamily();
    h.apply(hooked(h, "nginx:1.27", DesiredPhase.PREVIEW, new HooksSpec(null, List.of(ecsTask("integration",
        family)), null, null)));
    // The operator dies right after RunTask answered, before the task's ARN is recorded anywhere.
    h.reconciler = h.newReconciler(HooksCycleTest::diesRightAfterRunTask, UnaryOperator.identity(),
        UnaryOperator.identity());

    DeploymentStatus previewed = previewReady(h);

    assertThat(h.stoppedAt).as("the operator was killed mid-hook").contains("runTask");
    assertThat(previewed.phase()).isEqualTo(Phase.PREVIEWING);
    assertThat(h.count("ecs:RunTask")).as("RunTask calls").isEqualTo(1);
    assertThat(tasksOf(family)).as("tasks started").hasSize(1);
    HookStatus hook = previewed.hooks().get(0);
    assertThat(hook.state()).isEqualTo(HookStatus.PASSED);
    assertThat(hook.taskArn()).isEqualTo(tasksOf(family).get(0).taskArn());
    h.assertInvariantsHeld();
  }

  @Test
  void aLambdaHookPassesOnASucceededPayloadAndGreenIsPromoted() {
    CycleHarness h = adopted(sandbox);
    sandbox.simulator().lambda().define("web-smoke", FunctionResult.success("{\"hookStatus\":\"SUCCEEDED\"}"));
    h.apply(hooked(h, "nginx:1.27", DesiredPhase.PROMOTE, new HooksSpec(null, null, List.of(lambda("gate",
        "web-smoke")), List.of(lambda("after", "web-smoke")))));

    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);

    assertThat(promoted.stable().image()).isEqualTo("nginx:1.27");
    assertThat(promoted.hooks()).extracting(HookStatus::state).containsOnly(HookStatus.PASSED);
    assertThat(promoted.hooks()).extracting(HookStatus::point)
        .contains(HooksSpec.BEFORE_PRODUCTION_TRAFFIC, HooksSpec.AFTER_PRODUCTION_TRAFFIC);
    var invocations = sandbox.simulator().lambda().invocations("web-smoke");
    assertThat(invocations).isNotEmpty();
    assertThat(invocations.get(0).invocationType()).isEqualTo("RequestResponse");
    assertThat(invocations.get(0).payload()).contains("\"deployment\":\"web\"", "\"idempotencyKey\"",
        "\"images\":{\"web\":\"nginx:1.27\"}", "\"stage\":\"step-1\"");
    h.assertInvariantsHeld();
  }

  @Test
  void aLambdaHookThatAnswersFailedOrThrowsAbortsGreenAndProductionStaysOnBlue() {
    CycleHarness h = adopted(sandbox);
    sandbox.simulator().lambda().define("web-smoke", FunctionResult.error("Error", "checkout smoke test failed"));
    h.apply(hooked(h, "nginx:1.27", DesiredPhase.PROMOTE, new HooksSpec(null, null, List.of(lambda("gate",
        "web-smoke")), null)));

    DeploymentStatus degraded = h.runUntilPhase(Phase.DEGRADED);

    assertThat(degraded.aborted().reason()).isEqualTo(Reasons.HOOK_FAILED);
    assertThat(degraded.message()).contains("gate", "spec.strategy.hooks.beforeProductionTraffic[0]",
        "checkout smoke test failed");
    assertThat(h.weights(h.demo.productionRuleArn())).containsOnlyKeys(h.demo.targetGroupArn());
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    h.assertInvariantsHeld();
  }

  @Test
  void aLambdaHookThatAnswersInProgressIsInvokedAgainAfterItsCallBackDelayAndPassesWhenItSucceeds() {
    CycleHarness h = adopted(sandbox);
    sandbox.simulator().lambda().define("web-smoke",
        FunctionResult.success("{\"hookStatus\":\"IN_PROGRESS\",\"callBackDelay\":45}"));
    HookSpec gate = new HookSpec("gate", null, null, new HookSpec.Lambda("web-smoke", Duration.ofMinutes(10)));
    h.apply(hooked(h, "nginx:1.27", DesiredPhase.PROMOTE, new HooksSpec(null, null, List.of(gate), null)));

    // The function keeps answering IN_PROGRESS: the hook stays Running and production stays on blue.
    h.runUntil(s -> sandbox.simulator().lambda().invocations("web-smoke").size() >= 3, Duration.ofHours(1));
    var waiting = sandbox.simulator().lambda().invocations("web-smoke");
    for (int i = 1; i < waiting.size(); i++) {
      assertThat(Duration.between(waiting.get(i - 1).at(), waiting.get(i).at()))
          .as("invocations %d and %d are callBackDelay apart", i - 1, i).isGreaterThanOrEqualTo(Duration.ofSeconds(45));
    }
    assertThat(h.weights(h.demo.productionRuleArn())).containsOnlyKeys(h.demo.targetGroupArn());
    assertThat(h.status().hooks()).extracting(HookStatus::state).containsOnly(HookStatus.RUNNING);

    sandbox.simulator().lambda().define("web-smoke", FunctionResult.success("{\"hookStatus\":\"SUCCEEDED\"}"));
    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);

    assertThat(promoted.stable().image()).isEqualTo("nginx:1.27");
    assertThat(promoted.hooks()).extracting(HookStatus::state).containsOnly(HookStatus.PASSED);
    // Every invocation of one attempt carries the same idempotency key.
    assertThat(sandbox.simulator().lambda().invocations("web-smoke").stream()
        .map(i -> i.payload().replaceAll(".*\"idempotencyKey\":\"([^\"]+)\".*", "$1")).distinct()).hasSize(1);
    h.assertInvariantsHeld();
  }

  @Test
  void anAfterProductionTrafficHookRunsInsideTheBakeAndTheBakeDoesNotEndBeforeItPasses() {
    CycleHarness h = adopted(sandbox);
    sandbox.simulator().lambda().define("web-smoke",
        FunctionResult.success("{\"hookStatus\":\"IN_PROGRESS\",\"callBackDelay\":60}"));
    HookSpec after = new HookSpec("after", null, null, new HookSpec.Lambda("web-smoke", Duration.ofMinutes(15)));
    DeploymentSpec hookedSpec = hooked(h, "nginx:1.27", DesiredPhase.PROMOTE, new HooksSpec(null, null, null,
        List.of(after)));
    h.apply(withStrategy(hookedSpec, s -> new StrategySpec(s.previewScale(), s.promotion(), s.autoPromoteAfter(),
        s.scaleDownDelay(), s.progressDeadline(), s.analysis(), s.gates(), s.failFast(), Duration.ofMinutes(2),
        s.hooks())));

    // The hook is called once production is all green, with the bake's clock already running.
    DeploymentStatus hooking = h.runUntil(s -> !s.hooks().isEmpty(), Duration.ofHours(1));
    Instant bakeStarted = hooking.promotion().bakeStartedAt();
    assertThat(bakeStarted).as("the bake began when production reached 100% green").isNotNull();
    assertThat(hooking.hooks().get(0).startedAt()).isAfterOrEqualTo(bakeStarted);

    // Past the bake's two minutes the hook still answers IN_PROGRESS: green is not made primary.
    h.runUntil(s -> !h.clock.instant().isBefore(bakeStarted.plus(Duration.ofMinutes(4))), Duration.ofHours(1));
    assertThat(h.status().phase()).isEqualTo(Phase.PROMOTING);
    assertThat(h.status().hooks()).extracting(HookStatus::state).containsOnly(HookStatus.RUNNING);
    assertThat(h.weights(h.demo.productionRuleArn())).containsOnlyKeys(h.status().preview().targetGroup());
    assertThat(h.status().stable().image()).isEqualTo("nginx:1.26");

    sandbox.simulator().lambda().define("web-smoke", FunctionResult.success("{\"hookStatus\":\"SUCCEEDED\"}"));
    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);

    assertThat(promoted.stable().image()).isEqualTo("nginx:1.27");
    assertThat(promoted.promotedAt()).isAfter(bakeStarted.plus(Duration.ofMinutes(4)));
    h.assertInvariantsHeld();
  }

  @Test
  void aLambdaHookThatAnswersWithoutAHookStatusFails() {
    CycleHarness h = adopted(sandbox);
    sandbox.simulator().lambda().define("web-smoke", FunctionResult.success("{\"ok\":true}"));
    h.apply(hooked(h, "nginx:1.27", DesiredPhase.PREVIEW, new HooksSpec(null, List.of(lambda("check",
        "web-smoke")), null, null)));

    DeploymentStatus degraded = h.runUntilPhase(Phase.DEGRADED);

    assertThat(degraded.message()).contains("without a valid hookStatus");
    h.assertInvariantsHeld();
  }

  /** An ECS gateway whose process is killed the moment RunTask has answered. */
  static EcsGateway diesRightAfterRunTask(EcsGateway real) {
    boolean[] died = {false};
    return (EcsGateway) Proxy.newProxyInstance(EcsGateway.class.getClassLoader(), new Class<?>[] {EcsGateway.class},
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("runTask") && !died[0]) {
            died[0] = true;
            throw new Stops.Stopped("stopped after call 1 (EcsGateway.runTask)");
          }
          return result;
        });
  }
}
