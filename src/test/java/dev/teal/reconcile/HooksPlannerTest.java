package dev.teal.reconcile;

import static dev.teal.reconcile.Fixtures.BLUE_TG;
import static dev.teal.reconcile.Fixtures.T0;
import static dev.teal.reconcile.Fixtures.blue;
import static dev.teal.reconcile.Fixtures.context;
import static dev.teal.reconcile.Fixtures.green;
import static dev.teal.reconcile.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.HookSpec;
import dev.teal.model.HookStatus;
import dev.teal.model.HooksSpec;
import dev.teal.model.Phase;
import dev.teal.model.RevisionStatus;
import dev.teal.model.StrategySpec;
import dev.teal.reconcile.Fixtures.World;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hooks' planning, pure: what is recorded before a call, how a running hook is waited for, what a failure does. */
class HooksPlannerTest {

  static final Duration POLL = Duration.ofSeconds(5);
  final Planner planner = new Planner(POLL, Duration.ofMinutes(1));

  static final HookSpec TESTS = new HookSpec("tests", null, new HookSpec.EcsTask("web-tests", null,
      Duration.ofMinutes(10)), null);

  static DeploymentSpec withHooks(DesiredPhase phase, HooksSpec hooks) {
    DeploymentSpec base = spec("nginx:1.27", phase);
    StrategySpec s = base.strategy();
    return Fixtures.withStrategy(base, new StrategySpec(s.previewScale(), s.promotion(), s.autoPromoteAfter(),
        s.scaleDownDelay(), s.progressDeadline(), s.analysis(), s.gates(), s.failFast(), s.bake(), hooks));
  }

  /** Green ready behind the test rule, which forwards to it; nothing of the hooks on record yet. */
  record Previewed(DeploymentSpec spec, RevisionStatus green, World world, DeploymentStatus status) {}

  static Previewed previewed(DesiredPhase phase, HooksSpec hooks) {
    DeploymentSpec spec = withHooks(phase, hooks);
    RevisionStatus green = green(spec).withClientToken("token-of-this-attempt");
    World world = World.blueOnly().green(green, true, 3).healthy(green.targetGroup(), 3)
        .testOnGreen(green.targetGroup());
    return new Previewed(spec, green, world, StatusFixture.onStable(blue()).preview(green, T0).ready(T0).build());
  }

  @Test
  void aDueHookIsRecordedRunningWithItsKeyInTheStatusThatGoesWithItsCall() {
    Previewed p = previewed(DesiredPhase.PREVIEW, new HooksSpec(null, List.of(TESTS), null, null));

    Decision d = planner.plan(context(p.spec(), p.status(), p.world(), T0.plusSeconds(10)));

    assertThat(d.action()).isInstanceOfSatisfying(Action.RunHook.class, a -> {
      assertThat(a.mutating()).as("RunTask asks the gate").isTrue();
      assertThat(a.request().field()).isEqualTo("spec.strategy.hooks.afterTestTraffic[0]");
      assertThat(d.status().hooks()).containsExactly(a.request().onRecord());
    });
    HookStatus record = d.status().hooks().get(0);
    assertThat(record.state()).isEqualTo(HookStatus.RUNNING);
    assertThat(record.idempotencyKey()).hasSize(32);
    assertThat(record.startedAt()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void aRecordedRunningHookIsLookedInOnWithTheSameRecordNotCalledAfresh() {
    Previewed p = previewed(DesiredPhase.PREVIEW, new HooksSpec(null, List.of(TESTS), null, null));
    Decision first = planner.plan(context(p.spec(), p.status(), p.world(), T0.plusSeconds(10)));
    HookStatus recorded = first.status().hooks().get(0).with(HookStatus.RUNNING, 1, "arn:task/1", null, "RUNNING",
        T0.plusSeconds(10));

    Decision later = planner.plan(context(p.spec(), p.status().withHooks(List.of(recorded)), p.world(),
        T0.plusSeconds(60)));

    assertThat(later.action()).isInstanceOfSatisfying(Action.RunHook.class,
        a -> assertThat(a.request().onRecord()).isEqualTo(recorded));
    assertThat(later.status().hooks()).containsExactly(recorded);
  }

  @Test
  void whileAHookRunsNothingThatWaitsForItGoesAheadAndTealLooksAgainAfterThePoll() {
    Previewed p = previewed(DesiredPhase.PROMOTE, new HooksSpec(null, List.of(TESTS), null, null));
    HookStatus recorded = planner.plan(context(p.spec(), p.status(), p.world(), T0)).status().hooks().get(0);
    HookStatus stillRunning = recorded.with(HookStatus.RUNNING, 1, "arn:task/1", null, "task 1 is RUNNING", T0);
    PlanContext base = context(p.spec(), p.status().withHooks(List.of(recorded)), p.world(), T0.plusSeconds(30));

    Decision d = planner.plan(new PlanContext(base.name(), base.generation(), base.specHash(), base.spec(),
        base.status(), base.observed().withHook(stillRunning), base.now()));

    assertThat(d.action()).as("no production shift while the hook runs").isNull();
    assertThat(d.status().promotion()).isNull();
    assertThat(d.requeueAfter()).isEqualTo(POLL);
    assertThat(d.status().hooks()).containsExactly(stillRunning);
    assertThat(d.status().message()).contains("running hook tests");
  }

  @Test
  void aHookWithoutAVerdictWithinItsTimeoutFailsAndAbortsGreen() {
    Previewed p = previewed(DesiredPhase.PREVIEW, new HooksSpec(null, List.of(TESTS), null, null));
    HookStatus recorded = planner.plan(context(p.spec(), p.status(), p.world(), T0)).status().hooks().get(0);

    Decision d = planner.plan(context(p.spec(), p.status().withHooks(List.of(recorded)), p.world(),
        T0.plus(Duration.ofMinutes(10))));

    assertThat(d.status().phase()).isEqualTo(Phase.DEGRADED);
    assertThat(d.status().aborted().reason()).isEqualTo(Reasons.HOOK_FAILED);
    assertThat(d.status().hooks().get(0).state()).isEqualTo(HookStatus.FAILED);
    assertThat(d.status().message()).contains("no verdict within 10m");
    assertThat(d.status().traffic().test()).extracting(w -> w.targetGroup()).contains(BLUE_TG);
  }

  @Test
  void theKeyIsTheSameForTheSameAttemptAndNewForANewOne() {
    Previewed p = previewed(DesiredPhase.PREVIEW, new HooksSpec(null, List.of(TESTS), null, null));
    String key = planner.plan(context(p.spec(), p.status(), p.world(), T0)).status().hooks().get(0).idempotencyKey();
    String again = planner.plan(context(p.spec(), p.status(), p.world(), T0.plusSeconds(99))).status().hooks().get(0)
        .idempotencyKey();
    DeploymentStatus retried = StatusFixture.onStable(blue())
        .preview(p.green().withClientToken("token-of-the-retry"), T0).ready(T0).build();
    String retry = planner.plan(context(p.spec(), retried, p.world(), T0)).status().hooks().get(0).idempotencyKey();

    assertThat(again).isEqualTo(key);
    assertThat(retry).isNotEqualTo(key);
  }

  @Test
  void aPassedHookLetsGreenGoOnAndAWebhookAsksTheGateToo() {
    HookSpec notify = new HookSpec("notify", new HookSpec.Webhook("https://hooks.example.com/x", null, null), null,
        null);
    Previewed p = previewed(DesiredPhase.PROMOTE, new HooksSpec(null, null, List.of(notify), null));
    Decision due = planner.plan(context(p.spec(), p.status(), p.world(), T0));
    assertThat(due.action()).isInstanceOfSatisfying(Action.RunHook.class, a -> assertThat(a.mutating()).isTrue());
    HookStatus passed = due.status().hooks().get(0).with(HookStatus.PASSED, 1, null, null, "HTTP 204", T0);

    Decision next = planner.plan(context(p.spec(), p.status().withHooks(List.of(passed)), p.world(),
        T0.plusSeconds(5)));

    assertThat(next.action()).as("the first production step").isInstanceOf(Action.SetRoute.class);
    assertThat(next.status().promotion()).isNotNull();
  }
}
