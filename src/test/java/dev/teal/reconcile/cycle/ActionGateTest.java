package dev.teal.reconcile.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.reconcile.Action;
import dev.teal.reconcile.ActionGate;
import dev.teal.reconcile.Reasons;
import dev.teal.reconcile.Reconciler;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The executor's gate holds mutating actions back without a reconcile blocking or leaving false intent. */
class ActionGateTest {

  private static final Duration RETRY = Duration.ofMillis(300);

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  @Test
  void aDeferredActionEndsTheReconcileBeforeItsStatusIsWrittenOrAwsIsCalled() {
    List<Action> asked = new ArrayList<>();
    CycleHarness h = new CycleHarness(sandbox, action -> {
      asked.add(action);
      return Optional.of(new ActionGate.Deferral(RETRY, "closed for the test"));
    });
    h.apply(h.spec("nginx:1.27", DesiredPhase.PREVIEW));
    long statusVersion = h.store.get(CycleHarness.NAME).orElseThrow().statusVersion();
    int mutating = h.mutatingCalls().size();

    Reconciler.Result result = h.reconcileOnce();

    assertThat(result.outcome()).isEqualTo(Reconciler.Result.Outcome.IDLE);
    assertThat(result.requeueAfter()).isEqualTo(RETRY);
    // The first mutating action on an unclaimed service is its claim (the ECS tags that make the service
    // this deployment's), then the adoption: the gate sees the claim and nothing after it.
    assertThat(result.message()).contains("ClaimService").contains("closed for the test");
    assertThat(asked).singleElement().isInstanceOf(Action.ClaimService.class);
    assertThat(h.mutatingCalls()).hasSize(mutating);
    assertThat(h.store.get(CycleHarness.NAME).orElseThrow().statusVersion())
        .as("no intent is recorded for an action that did not run").isEqualTo(statusVersion);
  }

  @Test
  void aCycleWhoseEveryOtherActionIsDeferredStillPreviewsWithoutSpuriousRepairs() {
    AtomicInteger admissions = new AtomicInteger();
    CycleHarness h = new CycleHarness(sandbox, action -> admissions.incrementAndGet() % 2 == 1
        ? Optional.of(new ActionGate.Deferral(Duration.ZERO, "every other one")) : Optional.empty());
    h.apply(h.spec("nginx:1.27", DesiredPhase.PREVIEW));

    DeploymentStatus previewing = h.runUntilPhase(Phase.PREVIEWING);

    assertThat(previewing.preview().image()).isEqualTo("nginx:1.27");
    assertThat(previewing.events()).noneMatch(e -> Reasons.ROUTE_RESTORED.equals(e.reason()));
    assertThat(h.count("ecs:CreateTaskSet")).as("green, once (seeding is not logged)").isEqualTo(1);
    h.assertInvariantsHeld();
  }
}
