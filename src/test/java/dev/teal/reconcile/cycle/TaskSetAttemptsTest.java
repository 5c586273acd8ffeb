package dev.teal.reconcile.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each attempt at a revision gets its own CreateTaskSet client token, recorded before the call. ECS answers
 * a token it has seen with the task set it made then, even a deleted one, and the simulator remembers tokens
 * for ever (the stricter reading of an undocumented period), so a token derived from the revision alone
 * brings back a dead task set whenever a revision comes back.
 */
class TaskSetAttemptsTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  private static final Duration LONG = Duration.ofHours(3);

  private static boolean scaledDown(DeploymentStatus s) {
    return s.phase() == Phase.PROMOTED && s.previous() != null && s.previous().taskSet() == null
        && s.retired().isEmpty();
  }

  private List<String> createdTaskSets(CycleHarness h) {
    return sandbox.simulator().calls().records("ecs:CreateTaskSet").stream()
        .filter(c -> c.outcome() == CallRecord.Outcome.OK).map(c -> c.parameters().path("clientToken").asText())
        .toList();
  }

  /**
   * nginx:1.27 is promoted and scaled down, nginx:1.28 after it, then 1.27 comes back: the same revision, whose
   * task set ECS deleted long ago. Planted once (the token a hash of deployment and revision again): ECS gave
   * back the deleted task set and the deployment never reached Promoted.
   */
  @Test
  void revertingToAnEarlierImageCreatesAFreshTaskSet() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    for (String image : List.of("nginx:1.27", "nginx:1.28")) {
      h.apply(h.spec(image, DesiredPhase.PROMOTE));
      h.runUntil(TaskSetAttemptsTest::scaledDown, LONG);
    }

    h.apply(h.spec("nginx:1.27", DesiredPhase.PROMOTE));
    DeploymentStatus promoted = h.runUntil(s -> s.phase() == Phase.PROMOTED && "nginx:1.27".equals(s.stable().image()),
        LONG);

    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.27");
    assertThat(h.taskSets()).anySatisfy(t -> {
      assertThat(t.taskSetArn()).isEqualTo(promoted.stable().taskSet());
      assertThat(t.status()).isEqualTo("PRIMARY");
    });
    assertThat(createdTaskSets(h)).as("one token per attempt").doesNotHaveDuplicates().hasSize(3);
    h.assertInvariantsHeld();
  }

  /** Retrying a revision after an abort (the spec changed, the revision did not) is a new attempt too. */
  @Test
  void aRetryAfterAnAbortIsANewAttempt() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    var impatient = CycleHarness.withStrategy(h.spec("nginx:1.27-unhealthy", DesiredPhase.PROMOTE),
        s -> new dev.teal.model.StrategySpec(s.previewScale(), s.promotion(), s.autoPromoteAfter(), s.scaleDownDelay(),
            Duration.ofMinutes(2), s.analysis()));
    h.apply(impatient);
    h.runUntil(s -> s.phase() == Phase.DEGRADED && s.retired().isEmpty(), LONG);
    String firstToken = createdTaskSets(h).get(0);

    // Another deadline: a new spec, the same revision, so the attempt is re-armed.
    h.apply(CycleHarness.withStrategy(impatient, s -> new dev.teal.model.StrategySpec(s.previewScale(),
        s.promotion(), s.autoPromoteAfter(), s.scaleDownDelay(), Duration.ofMinutes(3), s.analysis())));
    h.runUntil(s -> s.preview() != null && s.preview().taskSet() != null, LONG);

    assertThat(createdTaskSets(h)).hasSize(2).doesNotHaveDuplicates().startsWith(firstToken);
    assertThat(h.taskSets()).filteredOn(t -> !"DRAINING".equals(t.status())).hasSize(2);
    h.assertInvariantsHeld();
  }

  /**
   * {@code teal retry} raises {@code spec.control.retry} and nothing else: the same revision, the same image,
   * the same parameters. Its attempt must not send the failed attempt's token (ECS would answer with the
   * task set it deleted, or refuse the token: the retry's target group is a new one), and it waits for that
   * task set to drain before making its own. Planted once (the token a hash of deployment and revision alone):
   * every CreateTaskSet of the retry was refused as "not idempotent" and the deployment stayed Failed.
   */
  @Test
  void tealRetryAfterAFailedAttemptCreatesANewTaskSet() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    var impatient = CycleHarness.withStrategy(h.spec("nginx:1.27-unhealthy", DesiredPhase.PROMOTE),
        s -> new dev.teal.model.StrategySpec(s.previewScale(), s.promotion(), s.autoPromoteAfter(), s.scaleDownDelay(),
            Duration.ofMinutes(2), s.analysis()));
    h.apply(impatient);
    DeploymentStatus failed = h.runUntil(s -> s.phase() == Phase.DEGRADED, LONG);
    String firstTaskSet = failed.retired().get(0).taskSet();
    assertThat(createdTaskSets(h)).hasSize(1);

    // teal retry at once, while the failed attempt's task set still drains.
    h.apply(impatient.withControl(impatient.controlOrNone().withRetry(1)));
    DeploymentStatus retried = h.runUntil(s -> s.preview() != null && s.preview().taskSet() != null, LONG);

    assertThat(retried.preview().revision()).isEqualTo(failed.retired().get(0).revision());
    assertThat(createdTaskSets(h)).as("a new token for the retry").hasSize(2).doesNotHaveDuplicates()
        .endsWith(retried.preview().clientToken());
    assertThat(retried.preview().taskSet()).isNotEqualTo(firstTaskSet);
    assertThat(h.taskSets()).filteredOn(t -> t.taskSetArn().equals(retried.preview().taskSet()))
        .singleElement().satisfies(t -> assertThat(t.status()).isEqualTo("ACTIVE"));
    assertThat(h.taskSets()).noneMatch(t -> t.taskSetArn().equals(firstTaskSet));
    h.assertInvariantsHeld();
  }

  /** A crash right after CreateTaskSet: the fresh instance finds the token on record and no second set is made. */
  @Test
  void aCrashRightAfterTheCallKeepsTheAttemptsToken() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.stopWith(new Stops(4, true)); // register, create group, attach, create task set
    h.apply(h.spec("nginx:1.27", DesiredPhase.PREVIEW));
    h.runUntil(s -> s.phase() == Phase.PREVIEWING, LONG);

    assertThat(h.stoppedAt).contains("createTaskSet");
    assertThat(createdTaskSets(h)).singleElement().isEqualTo(h.status().preview().clientToken());
    assertThat(h.taskSets()).hasSize(2);
    h.assertInvariantsHeld();
  }
}
