package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.CycleHarness.analysis;
import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.reconcile.Reasons;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import dev.teal.store.ForwardingDeploymentStore;
import dev.teal.store.StatusWriteGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the status says along a whole life: only real drift is reported as drift, every event happens once,
 * and every line a watcher sees says something true about that moment.
 */
class StatusStoryTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  private static final Duration LONG = Duration.ofHours(3);

  /** Every status written, as {@code teal status --watch} would see them. */
  private final List<DeploymentStatus> seen = new ArrayList<>();

  /** A harness whose reconciler records every status it writes, not only the last of each reconcile. */
  private CycleHarness recording() {
    CycleHarness h = new CycleHarness(sandbox);
    h.reconciler = h.newReconciler(UnaryOperator.identity(), UnaryOperator.identity(),
        store -> new ForwardingDeploymentStore(store) {
          @Override
          public void updateStatus(String name, StatusWriteGuard guard, DeploymentStatus status) {
            super.updateStatus(name, guard, status);
            seen.add(status);
          }
        });
    return h;
  }

  private DeploymentStatus run(CycleHarness h, Predicate<DeploymentStatus> until) {
    return h.runUntil(until, LONG);
  }

  private static boolean scaledDown(DeploymentStatus s) {
    return s.phase() == Phase.PROMOTED && s.previous() != null && s.previous().taskSet() == null
        && s.retired().isEmpty();
  }

  /**
   * A rollback moves both routes, one call after the other; the second is teal's own intent, not drift.
   * Planted once (the warning rule as before, intent equal to the written one): a RouteRestored warning
   * for the test rule on every rollback.
   */
  @Test
  void aRollbackReportsNoDrift() {
    CycleHarness h = recording();
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.apply(h.spec("nginx:1.27", DesiredPhase.PROMOTE));
    h.runUntilPhase(Phase.PROMOTED);
    h.apply(h.spec("nginx:1.27", DesiredPhase.ROLLBACK));
    DeploymentStatus rolledBack = run(h, s -> s.phase() == Phase.ROLLED_BACK && s.retired().isEmpty());

    assertThat(rolledBack.events()).extracting(DeploymentEvent::reason).doesNotContain(Reasons.ROUTE_RESTORED);
    assertThat(h.servedImage(h.demo.testListenerArn())).isEqualTo("nginx:1.26");
  }

  /** An abort sends both routes back to stable at once, and that is not drift either. */
  @Test
  void anAbortReportsNoDrift() {
    CycleHarness h = recording();
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.apply(withStrategy(h.spec("nginx:1.27-errors", DesiredPhase.PREVIEW), s -> analysis(s, 10, 1)));
    DeploymentStatus degraded = run(h, s -> s.phase() == Phase.DEGRADED && s.retired().isEmpty());

    assertThat(degraded.events()).extracting(DeploymentEvent::reason).doesNotContain(Reasons.ROUTE_RESTORED);
  }

  /**
   * Three promotions in a row, each scaled down, then a rollback: each revision is cleaned up once, and no
   * settled line shows clean-up chatter. Planted once (the scaled-down previous retired again at the next
   * promotion, as before): two CleanedUp events for nginx:1.27's revision, and a Promoted line reading
   * "looking for the target group of revision ..."; planted once (a phase's name as its message): a line
   * reading "Promoting".
   */
  @Test
  void eachRevisionIsCleanedUpOnceAndSettledLinesSaySoberThings() {
    CycleHarness h = recording();
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    for (String image : List.of("nginx:1.27", "nginx:1.28", "nginx:1.29")) {
      h.apply(h.spec(image, DesiredPhase.PROMOTE));
      run(h, StatusStoryTest::scaledDown);
    }
    h.apply(h.spec("nginx:1.29", DesiredPhase.ROLLBACK));
    run(h, s -> s.phase() == Phase.ROLLED_BACK && s.retired().isEmpty());

    List<String> cleanedUp = seen.stream().flatMap(s -> s.events().stream())
        .filter(e -> Reasons.CLEANED_UP.equals(e.reason())).distinct().map(DeploymentEvent::message).toList();
    assertThat(cleanedUp).doesNotHaveDuplicates();
    assertThat(cleanedUp.stream().map(m -> m.replaceAll(" \\(.*\\)$", "")).toList())
        .as("one CleanedUp per revision, with or without its image").doesNotHaveDuplicates();
    assertThat(seen).filteredOn(s -> s.phase() == Phase.PROMOTED || s.phase() == Phase.ROLLED_BACK)
        .extracting(DeploymentStatus::message).noneMatch(m -> m.contains("looking for the target group"));
    assertThat(seen).extracting(DeploymentStatus::message)
        .noneMatch(m -> m.equals(Phase.PROMOTING.wireName()) || m.equals(Phase.PROGRESSING.wireName())
            || m.equals(Phase.ROLLING_BACK.wireName()));
  }

  /**
   * After an analysis fails, the message speaks of the failure, even while blue of the previous promotion is
   * still kept. Planted once (the message as before): "blue nginx:1.26 is kept for an instant rollback until ...".
   */
  @Test
  void afterAFailedAnalysisTheMessageIsTheFailure() {
    CycleHarness h = recording();
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.apply(h.spec("nginx:1.27", DesiredPhase.PROMOTE));
    h.runUntilPhase(Phase.PROMOTED);
    h.apply(withStrategy(h.spec("nginx:1.28-errors", DesiredPhase.PREVIEW), s -> analysis(s, 10, 1)));
    DeploymentStatus degraded = run(h, s -> s.phase() == Phase.DEGRADED && s.retired().isEmpty());

    assertThat(degraded.previous().taskSet()).as("blue of the last promotion is still kept").isNotNull();
    assertThat(degraded.message()).contains("analysis", "failed").doesNotContain("kept for an instant rollback");
  }
}
