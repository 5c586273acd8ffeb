package dev.teal.reconcile;

import static dev.teal.reconcile.Fixtures.BLUE_TG;
import static dev.teal.reconcile.Fixtures.NAME;
import static dev.teal.reconcile.Fixtures.T0;
import static dev.teal.reconcile.Fixtures.blue;
import static dev.teal.reconcile.Fixtures.green;
import static dev.teal.reconcile.Fixtures.owned;
import static dev.teal.reconcile.Fixtures.spec;
import static dev.teal.reconcile.Fixtures.strategy;
import static dev.teal.reconcile.Fixtures.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.aws.WeightedTarget;
import dev.teal.document.SpecHash;
import dev.teal.model.AnalysisStatus;
import dev.teal.model.ControlSpec;
import dev.teal.model.ControlSpec.AbortRequest;
import dev.teal.model.ControlSpec.FullPromotionRequest;
import dev.teal.model.ControlSpec.PauseRequest;
import dev.teal.model.ControlSpec.ResumeRequest;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.HttpAnalysisSpec;
import dev.teal.model.LinearShift;
import dev.teal.model.OwnershipTags;
import dev.teal.model.PauseStatus;
import dev.teal.model.Phase;
import dev.teal.model.PromotionSpec;
import dev.teal.model.PromotionStep;
import dev.teal.model.RevisionStatus;
import dev.teal.model.StrategySpec;
import dev.teal.reconcile.Fixtures.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The planner's side of pause, resume, abort, retry, full promotion, step pauses, images and templates. */
class ControlPlannerTest {

  static final Duration POLL = Duration.ofSeconds(5);
  static final String ALICE = "arn:aws:iam::000000000000:user/alice";
  final Planner planner = new Planner(POLL, Duration.ofMinutes(1));

  static final DeploymentSpec STEPPED = withStrategy(spec("nginx:1.27", DesiredPhase.PROMOTE),
      strategy(100, List.of(10, 50, 100), null, null));
  static final RevisionStatus G = green(STEPPED);

  Decision plan(DeploymentSpec spec, DeploymentStatus status, World world, Instant now) {
    return planner.plan(new PlanContext(NAME, 1, SpecHash.of(spec), spec, status, world.observed(), now));
  }

  static World greenReady(RevisionStatus g) {
    return World.blueOnly().green(g, true, 3).healthy(g.targetGroup(), 3).testOnGreen(g.targetGroup());
  }

  static DeploymentSpec withControl(DeploymentSpec spec, ControlSpec control) {
    return spec.withControl(control);
  }

  static ControlSpec paused() {
    return ControlSpec.NONE.withPause(new PauseRequest(ALICE, T0));
  }

  @Nested
  class PauseAndResume {

    @Test
    void aPauseAt50PercentHoldsProductionThereAndSaysByWhom() {
      World at50 = greenReady(G).production(Map.of(BLUE_TG, 50, G.targetGroup(), 50));
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(1, 50, T0).build();

      Decision d = plan(withControl(STEPPED, paused()), status, at50, T0.plusSeconds(600));

      assertThat(d.action()).as("no step, although stepInterval has long passed").isNull();
      assertThat(d.status().phase()).isEqualTo(Phase.PAUSED);
      assertThat(d.status().paused().by()).isEqualTo(ALICE);
      assertThat(d.status().paused().since()).isEqualTo(T0.plusSeconds(600));
      assertThat(d.status().paused().weight()).isEqualTo(50);
      assertThat(d.status().message()).contains("paused by " + ALICE, "50% green");
      assertThat(d.status().traffic().production()).extracting(w -> w.weight()).containsExactly(50, 50);
      assertThat(d.requeueAfter()).as("green serves production: health is still read every poll").isEqualTo(POLL);
      assertThat(d.status().condition(Reasons.PROGRESSING).reason()).isEqualTo(Reasons.PAUSED);
    }

    @Test
    void healthStillAbortsWhilePaused() {
      World sick = greenReady(G).production(Map.of(BLUE_TG, 50, G.targetGroup(), 50)).healthy(G.targetGroup(), 1);
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(1, 50, T0).build();

      // A shortfall (not none at all) gets the health grace first (90 s with the default health check),
      // from when green fell out of readiness; the pause stops neither.
      Decision first = plan(withControl(STEPPED, paused()), status, sick, T0.plusSeconds(30));
      assertThat(first.status().phase()).isNotEqualTo(Phase.DEGRADED);
      assertThat(first.status().message()).contains("1/3 targets healthy");
      assertThat(first.status().progressStartedAt()).isEqualTo(T0.plusSeconds(30));

      Decision d = plan(withControl(STEPPED, paused()), first.status(), sick, T0.plusSeconds(30 + 90));

      assertThat(d.status().phase()).isEqualTo(Phase.DEGRADED);
      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class,
          r -> assertThat(r.targets()).containsExactly(new WeightedTarget(BLUE_TG, 100)));
    }

    /** Shown to catch: the step's clock not moved on at resume (the next step was taken at once). */
    @Test
    void onResumeTheStepHoldsForWhatWasLeftOfItsInterval() {
      World at10 = greenReady(G).production(Map.of(BLUE_TG, 90, G.targetGroup(), 10));
      DeploymentStatus stepStarted = StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(0, 10, T0).build();
      // Paused 30s into the 2m step, for an hour.
      Decision held = plan(withControl(STEPPED, paused()), stepStarted, at10, T0.plusSeconds(30));
      Decision resumed = plan(STEPPED, held.status(), at10, T0.plusSeconds(30 + 3600));

      assertThat(resumed.action()).isNull();
      assertThat(resumed.status().paused()).isNull();
      assertThat(resumed.status().promotion().stepStartedAt()).isEqualTo(T0.plusSeconds(3600));
      assertThat(resumed.status().phase()).isEqualTo(Phase.PROMOTING);
      assertThat(resumed.status().events()).extracting(e -> e.reason()).contains(Reasons.RESUMED);

      Decision next = plan(STEPPED, resumed.status(), at10, T0.plusSeconds(3600 + 120));
      assertThat(next.action()).isInstanceOfSatisfying(Action.SetRoute.class,
          r -> assertThat(r.targets()).contains(new WeightedTarget(G.targetGroup(), 50)));
    }

    @Test
    void aPauseStopsAutoPromotionAndBluesScaleDown() {
      DeploymentSpec auto = withStrategy(spec("nginx:1.27", DesiredPhase.PREVIEW),
          strategy(100, List.of(100), Duration.ZERO, null));
      RevisionStatus g = green(auto);
      Decision previewing = plan(withControl(auto, paused()),
          StatusFixture.onStable(blue()).preview(g, T0).ready(T0).build(), greenReady(g), T0.plusSeconds(60));
      assertThat(previewing.action()).isNull();
      assertThat(previewing.status().phase()).isEqualTo(Phase.PAUSED);

      World afterPromotion = World.blueOnly().green(G, true, 3).production(Map.of(G.targetGroup(), 100))
          .testOnGreen(G.targetGroup()).replace(G.taskSet(), t -> t.withStatus("PRIMARY"))
          .replace(Fixtures.BLUE_TS, t -> t.withStatus("ACTIVE").withTags(owned(blue().revision())));
      Decision kept = plan(withControl(STEPPED, paused()), StatusFixture.onStable(G).keeping(blue(), T0).build(),
          afterPromotion, T0.plus(Duration.ofHours(2)));
      assertThat(kept.action()).as("scaleDownDelay (30m) has passed, but blue stays").isNull();
      assertThat(kept.status().phase()).as("the image serves production").isEqualTo(Phase.PROMOTED);
      assertThat(kept.status().message()).contains("paused by " + ALICE, "blue nginx:1.26 is kept");
    }

    @Test
    void anIndefiniteStepPauseWaitsForAResumeNamingThatStep() {
      DeploymentSpec spec = withStrategy(spec("nginx:1.27", DesiredPhase.PROMOTE), new StrategySpec(100,
          new PromotionSpec(List.of(PromotionStep.indefinite(25), PromotionStep.of(100)), Duration.ofMinutes(2)),
          null, Duration.ofMinutes(30), Duration.ofMinutes(10), null));
      RevisionStatus g = green(spec);
      World at25 = greenReady(g).production(Map.of(BLUE_TG, 75, g.targetGroup(), 25));
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(g, T0).ready(T0).step(0, 25, T0).build();

      Decision waiting = plan(spec, status, at25, T0.plus(Duration.ofDays(1)));
      assertThat(waiting.action()).isNull();
      assertThat(waiting.status().phase()).isEqualTo(Phase.PAUSED);
      assertThat(waiting.status().paused().reason()).isEqualTo(PauseStatus.STEP_PAUSE);
      assertThat(waiting.status().paused().step()).isEqualTo(1);

      DeploymentSpec wrongStep = withControl(spec, ControlSpec.NONE.withResume(new ResumeRequest(g.revision(), 2,
          ALICE, T0)));
      assertThat(plan(wrongStep, waiting.status(), at25, T0.plus(Duration.ofDays(1))).action()).isNull();

      DeploymentSpec resumed = withControl(spec, ControlSpec.NONE.withResume(new ResumeRequest(g.revision(), 1,
          ALICE, T0)));
      Decision next = plan(resumed, waiting.status(), at25, T0.plus(Duration.ofDays(1)).plusSeconds(5));
      assertThat(next.action()).isInstanceOfSatisfying(Action.SetRoute.class,
          r -> assertThat(r.targets()).containsExactly(new WeightedTarget(g.targetGroup(), 100)));
      assertThat(next.status().paused()).isNull();
    }
  }

  @Nested
  class AbortAndRetry {

    @Test
    void anAbortNamingGreenSendsProductionBackAndRecordsTheCaller() {
      World at50 = greenReady(G).production(Map.of(BLUE_TG, 50, G.targetGroup(), 50));
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(1, 50, T0).build();
      DeploymentSpec aborted = withControl(STEPPED, ControlSpec.NONE.withAbort(new AbortRequest(G.revision(), ALICE,
          T0)));

      Decision d = plan(aborted, status, at50, T0.plusSeconds(10));

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class, r -> {
        assertThat(r.routeName()).isEqualTo(Planner.PRODUCTION);
        assertThat(r.targets()).containsExactly(new WeightedTarget(BLUE_TG, 100));
      });
      assertThat(d.status().phase()).isEqualTo(Phase.DEGRADED);
      assertThat(d.status().aborted().reason()).isEqualTo(Reasons.ABORTED);
      assertThat(d.status().aborted().by()).isEqualTo(ALICE);
      assertThat(d.status().condition(Reasons.DEGRADED).reason()).isEqualTo(Reasons.ABORTED);
      assertThat(d.status().condition(Reasons.DEGRADED).message()).contains(ALICE, "teal retry");
      assertThat(d.status().retired()).extracting(RevisionStatus::revision).containsExactly(G.revision());
    }

    @Test
    void anAbortNamingAnotherRevisionDoesNothing() {
      World at50 = greenReady(G).production(Map.of(BLUE_TG, 50, G.targetGroup(), 50));
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(1, 50, T0).build();
      DeploymentSpec stale = withControl(STEPPED, ControlSpec.NONE.withAbort(new AbortRequest("0badc0de", ALICE, T0)));

      assertThat(plan(stale, status, at50, T0.plusSeconds(10)).status().phase()).isEqualTo(Phase.PROMOTING);
    }

    /** Shown to catch: the abort block compared with the whole spec hash (pausing re-armed the aborted image). */
    @Test
    void pausingAfterAnAbortDoesNotRetryButRaisingTheRetryCounterDoes() {
      StatusFixture cleanedUp = StatusFixture.onStable(blue());
      cleanedUp.aborted = new dev.teal.model.AbortStatus(G.revision(), "nginx:1.27", SpecHash.ofAttempt(STEPPED),
          Reasons.PROGRESS_DEADLINE_EXCEEDED, "not ready", T0);
      DeploymentStatus afterCleanUp = cleanedUp.build();

      Decision stillBlocked = plan(withControl(STEPPED, paused()), afterCleanUp, World.blueOnly(), T0.plusSeconds(60));
      assertThat(stillBlocked.action()).isNull();
      assertThat(stillBlocked.status().phase()).isEqualTo(Phase.DEGRADED);
      assertThat(stillBlocked.status().aborted()).isEqualTo(afterCleanUp.aborted());

      DeploymentSpec retried = withControl(STEPPED, ControlSpec.NONE.withRetry(1));
      Decision again = plan(retried, afterCleanUp, World.blueOnly(), T0.plusSeconds(60));
      assertThat(again.action()).isInstanceOfSatisfying(Action.RegisterTaskDefinition.class,
          r -> assertThat(r.revision()).as("the same revision runs again").isEqualTo(G.revision()));
      assertThat(again.status().aborted()).isNull();
    }

    @Test
    void aRetryWaitsUntilTheAbortedAttemptsResourcesAreGone() {
      StatusFixture s = StatusFixture.onStable(blue());
      s.retired = List.of(G);
      DeploymentSpec retried = withControl(STEPPED, ControlSpec.NONE.withRetry(1));
      World world = World.blueOnly().green(G, true, 3);
      world.test(Map.of(BLUE_TG, 100));

      Decision d = plan(retried, s.build(), world, T0);

      assertThat(d.action()).as("the old task set goes first").isInstanceOf(Action.DeleteTaskSet.class);
      assertThat(d.status().preview()).as("green is not started while its namesake is deleted").isNull();
    }
  }

  @Nested
  class FullPromotion {

    @Test
    void aFullPromotionSkipsTheRemainingStepsAndTheirAnalysis() {
      var http = new HttpAnalysisSpec("/", 200, 5, 0);
      DeploymentSpec spec = withStrategy(STEPPED, strategy(100, List.of(10, 50, 100), null, http));
      RevisionStatus g = green(spec);
      World at10 = greenReady(g).production(Map.of(BLUE_TG, 90, g.targetGroup(), 10));
      StatusFixture fixture = StatusFixture.onStable(blue()).preview(g, T0).ready(T0).step(0, 10, T0);
      fixture.analysis = new AnalysisStatus(g.revision(), Planner.PREVIEW_STAGE, true, 5, 0, "ok", T0);
      DeploymentSpec full = withControl(spec, ControlSpec.NONE.withFullPromotion(new FullPromotionRequest(
          g.revision(), "hotfix for INC-42", ALICE, T0)));

      Decision d = plan(full, fixture.build(), at10, T0.plusSeconds(5));

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class,
          r -> assertThat(r.targets()).containsExactly(new WeightedTarget(g.targetGroup(), 100)));
      assertThat(d.status().events()).anySatisfy(e -> {
        assertThat(e.reason()).isEqualTo(Reasons.FULL_PROMOTION);
        assertThat(e.message()).contains("hotfix for INC-42", ALICE, "from 10%");
      });
    }

    @Test
    void aFullPromotionForAnotherRevisionChangesNothing() {
      World at10 = greenReady(G).production(Map.of(BLUE_TG, 90, G.targetGroup(), 10));
      DeploymentSpec stale = withControl(STEPPED, ControlSpec.NONE.withFullPromotion(new FullPromotionRequest(
          "0badc0de", "old", ALICE, T0)));

      Decision d = plan(stale, StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(0, 10, T0).build(), at10,
          T0.plusSeconds(5));

      assertThat(d.action()).isNull();
      assertThat(d.status().promotion().weight()).isEqualTo(10);
    }
  }

  @Nested
  class StepsAndShorthands {

    @Test
    void aLinearShiftIsItsStepsEachHeldForTheBakeTime() {
      DeploymentSpec linear = withStrategy(STEPPED, new StrategySpec(100, new PromotionSpec(null, Duration.ofMinutes(2),
          new LinearShift(25, Duration.ofMinutes(7)), null), null, Duration.ofMinutes(30), Duration.ofMinutes(10),
          null));
      RevisionStatus g = green(linear);
      World at25 = greenReady(g).production(Map.of(BLUE_TG, 75, g.targetGroup(), 25));
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(g, T0).ready(T0).step(0, 25, T0).build();

      assertThat(linear.strategy().promotion().weights()).containsExactly(25, 50, 75, 100);
      assertThat(plan(linear, status, at25, T0.plus(Duration.ofMinutes(5))).action()).as("2m is not the hold")
          .isNull();
      assertThat(plan(linear, status, at25, T0.plus(Duration.ofMinutes(7))).action())
          .isInstanceOfSatisfying(Action.SetRoute.class,
              r -> assertThat(r.targets()).contains(new WeightedTarget(g.targetGroup(), 50)));
    }
  }

  @Nested
  class ImagesAndTemplates {

    static final String TEMPLATE_3 = "arn:aws:ecs:us-east-1:000000000000:task-definition/web:3";
    static final String TEMPLATE_4 = "arn:aws:ecs:us-east-1:000000000000:task-definition/web:4";

    static Observed withTemplate(World world, String arn, Map<String, String> containers) {
      return world.observed().withTemplate(new TaskDefinitionInfo(arn, "web", 3, containers, Map.of(), "awsvpc"));
    }

    Decision plan(DeploymentSpec spec, DeploymentStatus status, Observed observed) {
      return planner.plan(new PlanContext(NAME, 1, SpecHash.of(spec), spec, status, observed, T0));
    }

    @Test
    void aSidecarsImageIsSetTogetherWithTheMainContainers() {
      DeploymentSpec spec = spec("nginx:1.27", DesiredPhase.PREVIEW).withImages(Map.of("log-router", "fluent-bit:3.1"));

      Decision d = plan(spec, StatusFixture.onStable(blue()).build(), withTemplate(World.blueOnly(), TEMPLATE_3,
          Map.of("web", "nginx:1.26", "log-router", "fluent-bit:3.0")));

      assertThat(d.action()).isInstanceOfSatisfying(Action.RegisterTaskDefinition.class, r -> {
        assertThat(r.images()).containsOnly(Map.entry("web", "nginx:1.27"), Map.entry("log-router", "fluent-bit:3.1"));
        assertThat(r.template()).isEqualTo(TEMPLATE_3);
        assertThat(r.tags()).containsEntry(OwnershipTags.TEMPLATE, TEMPLATE_3);
      });
      assertThat(d.status().preview().template()).isEqualTo(TEMPLATE_3);
    }

    @Test
    void aContainerTheTemplateLacksFailsBeforeAnythingIsRegistered() {
      DeploymentSpec spec = spec("nginx:1.27", DesiredPhase.PREVIEW).withImages(Map.of("sidecar", "envoy:1.30"));

      Decision d = plan(spec, StatusFixture.onStable(blue()).build(), withTemplate(World.blueOnly(), TEMPLATE_3,
          Map.of("web", "nginx:1.26")));

      assertThat(d.action()).isNull();
      assertThat(d.status().phase()).isEqualTo(Phase.FAILED);
      assertThat(d.status().message()).contains("no container named sidecar", TEMPLATE_3);
    }

    @Test
    void aNewRevisionOfAFollowedFamilyIsANewRevisionOfTheDeployment() {
      DeploymentSpec spec = spec("nginx:1.26", DesiredPhase.PREVIEW);
      RevisionStatus builtFrom3 = new RevisionStatus(Revisions.idFor(NAME, spec, TEMPLATE_3), "nginx:1.26",
          Fixtures.BLUE_TD, Fixtures.BLUE_TS, BLUE_TG, null, TEMPLATE_3);
      World world = World.blueOnly().replace(Fixtures.BLUE_TS, t -> t.withTags(owned(builtFrom3.revision())));
      Map<String, String> containers = Map.of("web", "nginx:1.26");

      Decision same = plan(spec, StatusFixture.onStable(builtFrom3).build(), withTemplate(world, TEMPLATE_3,
          containers));
      Decision moved = plan(spec, StatusFixture.onStable(builtFrom3).build(), withTemplate(world, TEMPLATE_4,
          containers));

      assertThat(same.action()).isNull();
      assertThat(same.status().phase()).isEqualTo(Phase.PROMOTED);
      assertThat(moved.action()).isInstanceOfSatisfying(Action.RegisterTaskDefinition.class,
          r -> assertThat(r.template()).isEqualTo(TEMPLATE_4));
    }

    /** Adopting (or upgrading teal) starts nothing: the family as it is then is the baseline. */
    @Test
    void anAdoptedStableTakesTheFamilyAsItIsAsItsTemplateAndItsNextRevisionIsNew() {
      DeploymentSpec spec = spec("nginx:1.26", DesiredPhase.PREVIEW);
      Map<String, String> containers = Map.of("web", "nginx:1.26");

      Decision first = plan(spec, StatusFixture.onStable(blue()).build(), withTemplate(World.blueOnly(),
          TEMPLATE_3, containers));
      Decision moved = plan(spec, first.status(), withTemplate(World.blueOnly(), TEMPLATE_4, containers));

      assertThat(first.action()).isNull();
      assertThat(first.status().stable().template()).isEqualTo(TEMPLATE_3);
      assertThat(moved.action()).isInstanceOfSatisfying(Action.RegisterTaskDefinition.class,
          r -> assertThat(r.template()).isEqualTo(TEMPLATE_4));
    }

    @Test
    void theHistoryRecordsEveryRevisionThatServedProduction() {
      Decision adopted = plan(spec("nginx:1.26", DesiredPhase.PREVIEW), StatusFixture.onStable(blue()).build(),
          World.blueOnly().observed());

      assertThat(adopted.status().history()).singleElement().satisfies(h -> {
        assertThat(h.number()).isEqualTo(1);
        assertThat(h.image()).isEqualTo("nginx:1.26");
        assertThat(h.taskDefinition()).as("what the adopted task set runs").isEqualTo(Fixtures.BLUE_TD);
      });
    }
  }
}
