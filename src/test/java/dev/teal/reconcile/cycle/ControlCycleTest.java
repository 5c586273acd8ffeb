package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.CycleHarness.NAME;
import static dev.teal.reconcile.cycle.CycleHarness.steps;
import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.cli.ExitCodes;
import dev.teal.cli.SandboxCli;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.PauseStatus;
import dev.teal.model.Phase;
import dev.teal.model.PromotionSpec;
import dev.teal.model.PromotionStep;
import dev.teal.model.StrategySpec;
import dev.teal.reconcile.Reasons;
import dev.teal.store.AuditRecord;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each control verb on the sandbox, run through the real command path ({@code teal ...}) and watched as a
 * user would: through the simulated ALB's production listener, the status and {@code teal history}.
 */
class ControlCycleTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  /** Requests sampled through the production listener to tell how traffic is split. */
  static final int SAMPLE = 60;

  CycleHarness h;
  SandboxCli teal;

  /** nginx:1.26 adopted and serving. */
  void start() {
    h = new CycleHarness(sandbox);
    teal = new SandboxCli(sandbox, sandbox.tableName());
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
  }

  DeploymentSpec stepped(List<Integer> weights, Duration interval) {
    return withStrategy(h.spec("nginx:1.27", DesiredPhase.PROMOTE), s -> steps(s, weights, interval));
  }

  DeploymentStatus runUntilWeight(int weight) {
    return h.runUntil(s -> s.promotion() != null && s.promotion().weight() == weight, Duration.ofHours(1));
  }

  /** Which image answered how many of {@link #SAMPLE} requests through the production listener. */
  Map<String, Integer> production() {
    Map<String, Integer> served = new TreeMap<>();
    for (int i = 0; i < SAMPLE; i++) {
      served.merge(h.servedImage(h.demo.productionListenerArn()), 1, Integer::sum);
    }
    return served;
  }

  static void aboutHalfEach(Map<String, Integer> served) {
    assertThat(served).containsOnlyKeys("nginx:1.26", "nginx:1.27");
    assertThat(served.get("nginx:1.27")).as("about half of " + SAMPLE + ": " + served).isBetween(SAMPLE / 5,
        SAMPLE * 4 / 5);
  }

  SandboxCli.Result ok(String... args) {
    SandboxCli.Result result = teal.run(args);
    assertThat(result.code()).as("teal " + String.join(" ", args) + "\n" + result.out() + result.err()).isZero();
    return result;
  }

  List<String> commands() {
    return h.store.history(NAME).stream().map(AuditRecord::command).toList();
  }

  /** Reconciles as the daemon would for {@code span} of virtual time. */
  void operateFor(Duration span) {
    var until = h.clock.instant().plus(span);
    while (h.clock.instant().isBefore(until)) {
      var result = h.reconcileOnce();
      h.clock.advance(result.requeueAfter() == null ? CycleHarness.POLL : result.requeueAfter());
    }
  }

  /**
   * Shown to catch: pausing by going back to phase preview (production returned to stable at once), and
   * steps going on while paused (the shift finished within the hour).
   */
  @Test
  void pauseHoldsHalfOfProductionOnEachImageForAsLongAsItIsPausedAndResumeFinishesTheShift() {
    start();
    h.apply(stepped(List.of(50, 100), Duration.ofMinutes(1)));
    runUntilWeight(50);

    ok("pause", NAME);
    operateFor(Duration.ofMinutes(5)); // five times the step interval
    DeploymentStatus paused = h.status();
    assertThat(paused.phase()).isEqualTo(Phase.PAUSED);
    assertThat(paused.paused().by()).startsWith("arn:aws:iam::000000000000:");
    assertThat(paused.message()).contains("paused by " + paused.paused().by(), "50% green");
    aboutHalfEach(production());
    assertThat(ok("get", NAME, "-o", "wide").out()).contains("Paused", "since " + paused.paused().since());
    operateFor(Duration.ofMinutes(5));
    aboutHalfEach(production());

    ok("resume", NAME);
    h.runUntilPhase(Phase.PROMOTED);
    assertThat(production()).containsOnlyKeys("nginx:1.27");
    assertThat(commands()).contains("teal pause web", "teal resume web");
    h.assertInvariantsHeld();
  }

  @Test
  void aStepWithAnIndefinitePauseHoldsUntilResumeNamesIt() {
    start();
    h.apply(withStrategy(h.spec("nginx:1.27", DesiredPhase.PROMOTE), s -> new StrategySpec(s.previewScale(),
        new PromotionSpec(List.of(PromotionStep.indefinite(50), PromotionStep.of(100)), Duration.ofMinutes(1)),
        s.autoPromoteAfter(), s.scaleDownDelay(), s.progressDeadline(), s.analysis())));
    runUntilWeight(50);
    operateFor(Duration.ofMinutes(5));

    assertThat(h.status().phase()).isEqualTo(Phase.PAUSED);
    assertThat(h.status().paused().reason()).isEqualTo(PauseStatus.STEP_PAUSE);
    aboutHalfEach(production());

    ok("resume", NAME);
    assertThat(h.currentSpec().control().resume().step()).isEqualTo(1);
    h.runUntilPhase(Phase.PROMOTED);
    assertThat(production()).containsOnlyKeys("nginx:1.27");
    h.assertInvariantsHeld();
  }

  @Test
  void abortSendsProductionBackNowRemovesGreenAndSaysWhoAndHowToGoOn() {
    start();
    h.apply(stepped(List.of(50, 100), Duration.ofMinutes(10)));
    runUntilWeight(50);

    ok("abort", NAME);
    DeploymentStatus degraded = h.runUntil(s -> s.phase() == Phase.DEGRADED && s.retired().isEmpty(),
        Duration.ofMinutes(10));

    assertThat(production()).containsOnlyKeys("nginx:1.26");
    assertThat(degraded.aborted().reason()).isEqualTo(Reasons.ABORTED);
    assertThat(degraded.aborted().by()).startsWith("arn:aws:iam::000000000000:");
    assertThat(degraded.condition(Reasons.DEGRADED).message()).contains(degraded.aborted().by(), "teal retry");
    assertThat(h.currentSpec().image()).as("spec.image stays").isEqualTo("nginx:1.27");
    assertThat(h.targetGroupNames()).containsExactly(h.demo.targetGroupName());
    long creates = h.count("ecs:CreateTaskSet");
    h.clock.advance(Duration.ofHours(1));
    h.reconcileOnce();
    assertThat(h.count("ecs:CreateTaskSet")).as("the aborted revision is not brought up again").isEqualTo(creates);
    h.assertInvariantsHeld();
  }

  @Test
  void retryRunsTheAbortedRevisionAgainWithTheSameImageAndTheTrailShowsAll() {
    start();
    h.apply(stepped(List.of(50, 100), Duration.ofMinutes(1)));
    runUntilWeight(50);
    ok("abort", NAME);
    h.runUntil(s -> s.phase() == Phase.DEGRADED && s.retired().isEmpty(), Duration.ofMinutes(10));

    ok("retry", NAME);
    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);

    assertThat(promoted.stable().image()).isEqualTo("nginx:1.27");
    assertThat(production()).containsOnlyKeys("nginx:1.27");
    assertThat(h.currentSpec().control().retry()).isEqualTo(1);
    assertThat(h.currentSpec().control().abort()).as("the retry removed the abort request").isNull();
    assertThat(commands()).containsSubsequence("teal retry web", "teal abort web");
    assertThat(teal.run("history", NAME).out()).contains("spec.control.retry: (unset) -> 1",
        "spec.control.abort.revision: " + promoted.stable().revision() + " -> (unset)");
    h.assertInvariantsHeld();
  }

  @Test
  void undoPromotesThePreviousImageThroughTheNormalPathAndRefusesARevisionItNeverHad() {
    start();
    h.apply(stepped(List.of(100), Duration.ofMinutes(1)));
    h.runUntilPhase(Phase.PROMOTED);
    assertThat(h.status().history()).extracting(r -> r.image()).containsExactly("nginx:1.26", "nginx:1.27");
    assertThat(teal.run("history", NAME).out()).contains("Revisions that served production", "nginx:1.26",
        "nginx:1.27", "Changes:");

    SandboxCli.Result missing = teal.run("undo", NAME, "--to-revision", "9");
    assertThat(missing.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.err()).contains("no revision 9", "1, 2");
    int records = commands().size();

    ok("undo", NAME);
    assertThat(h.currentSpec().image()).isEqualTo("nginx:1.26");
    assertThat(h.currentSpec().phase()).isEqualTo(DesiredPhase.PROMOTE);
    DeploymentStatus back = h.runUntil(s -> s.phase() == Phase.PROMOTED && s.stable().image().equals("nginx:1.26"),
        Duration.ofHours(1));

    assertThat(back.events()).extracting(e -> e.reason()).as("through the normal path, not a rollback flip")
        .contains(Reasons.GREEN_READY, Reasons.PRODUCTION_TRAFFIC_SHIFTED).doesNotContain(Reasons.ROLLING_BACK);
    assertThat(production()).containsOnlyKeys("nginx:1.26");
    assertThat(back.history()).extracting(r -> r.number()).containsExactly(1, 2, 3);
    assertThat(commands()).hasSize(records + 1).first().isEqualTo("teal undo web");
    h.assertInvariantsHeld();
  }

  @Test
  void promoteFullSkipsTheRemainingStepsWithItsReasonOnRecord() {
    start();
    h.apply(stepped(List.of(10, 50, 100), Duration.ofMinutes(30)));
    runUntilWeight(10);

    SandboxCli.Result noReason = teal.run("promote", NAME, "--full");
    assertThat(noReason.code()).isEqualTo(ExitCodes.USAGE);
    ok("promote", NAME, "--full", "--reason", "INC-42 hotfix");
    var start = h.clock.instant();
    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);

    assertThat(java.time.Duration.between(start, h.clock.instant())).as("not the 60m the steps would take")
        .isLessThan(Duration.ofMinutes(5));
    assertThat(production()).containsOnlyKeys("nginx:1.27");
    assertThat(promoted.events()).anySatisfy(e -> assertThat(e.message()).contains("INC-42 hotfix", "from 10%"));
    assertThat(commands()).first().isEqualTo("teal promote web --full --reason 'INC-42 hotfix'");
    h.assertInvariantsHeld();
  }
}
