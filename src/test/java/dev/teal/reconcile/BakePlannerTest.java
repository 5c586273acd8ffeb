package dev.teal.reconcile;

import static dev.teal.reconcile.Fixtures.BLUE_TG;
import static dev.teal.reconcile.Fixtures.BLUE_TS;
import static dev.teal.reconcile.Fixtures.T0;
import static dev.teal.reconcile.Fixtures.blue;
import static dev.teal.reconcile.Fixtures.context;
import static dev.teal.reconcile.Fixtures.green;
import static dev.teal.reconcile.Fixtures.spec;
import static dev.teal.reconcile.Fixtures.strategy;
import static dev.teal.reconcile.Fixtures.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.WeightedTarget;
import dev.teal.model.ControlSpec;
import dev.teal.model.ControlSpec.FullPromotionRequest;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.model.PromotionStatus;
import dev.teal.model.RevisionStatus;
import dev.teal.model.StrategySpec;
import dev.teal.reconcile.Fixtures.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bake ({@code spec.strategy.bake}, {@link Bake}) in the planner: where it begins, how it waits, what it
 * does not apply to. The cycle on the sandbox is {@code cycle.BakeTest}.
 *
 * <p>Faults planted once and seen failing: {@link Bake#applies} without its "there is a blue" condition (the
 * first-deployment test: baked); a lifted pause not moving {@code bakeStartedAt} on (the pause test: made
 * primary). A rollback never reaches the bake ({@link Rollback} makes its own flip), so its test guards that
 * path rather than {@code applies}.
 */
class BakePlannerTest {

  static final Duration POLL = Duration.ofSeconds(5);
  static final Duration BAKE = Duration.ofMinutes(5);
  final Planner planner = new Planner(POLL, Duration.ofMinutes(1));

  static DeploymentSpec baked(DesiredPhase phase) {
    StrategySpec s = strategy(100, List.of(100), null, null);
    return withStrategy(spec("nginx:1.27", phase), new StrategySpec(s.previewScale(), s.promotion(),
        s.autoPromoteAfter(), s.scaleDownDelay(), s.progressDeadline(), s.analysis(), null, null, BAKE));
  }

  static final DeploymentSpec BAKED = baked(DesiredPhase.PROMOTE);
  static final RevisionStatus G = green(BAKED);

  Decision plan(DeploymentSpec spec, DeploymentStatus status, World world, Instant now) {
    return planner.plan(context(spec, status, world, now));
  }

  /** Production at 100% green; blue still the primary task set and healthy. */
  static World atHundred() {
    return World.blueOnly().green(G, true, 3).healthy(G.targetGroup(), 3).healthy(BLUE_TG, 3)
        .testOnGreen(G.targetGroup()).production(Map.of(G.targetGroup(), 100));
  }

  static StatusFixture atHundred(Instant bakeStartedAt) {
    StatusFixture s = StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(0, 100, T0);
    s.promotion = s.promotion.bakingSince(bakeStartedAt);
    return s;
  }

  @Test
  void theBakeBeginsWhenProductionIsSeenAtOneHundredPercentAndGreenIsNotMadePrimary() {
    StatusFixture s = atHundred(null);

    Decision d = plan(BAKED, s.build(), atHundred(), T0.plusSeconds(10));

    assertThat(d.action()).isNull();
    assertThat(d.status().promotion().bakeStartedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(d.status().phase()).isEqualTo(Phase.PROMOTING);
    assertThat(d.status().condition(Reasons.PROGRESSING).reason()).isEqualTo(Reasons.BAKING);
    assertThat(d.status().message()).contains("baking until " + T0.plusSeconds(10).plus(BAKE), "nginx:1.26");
    assertThat(d.status().events()).anySatisfy(e -> assertThat(e.reason()).isEqualTo(Reasons.BAKING));
    assertThat(d.requeueAfter()).as("the gates look at green every poll").isEqualTo(POLL);
  }

  @Test
  void theBakeHoldsUntilItsEndWithoutWritingThenGreenIsMadePrimary() {
    DeploymentStatus baking = atHundred(T0).build();

    Decision early = plan(BAKED, baking, atHundred(), T0.plusSeconds(60));
    Decision again = plan(BAKED, early.status(), atHundred(), T0.plusSeconds(65));
    Decision last = plan(BAKED, baking, atHundred(), T0.plus(BAKE).minusSeconds(2));
    Decision over = plan(BAKED, baking, atHundred(), T0.plus(BAKE));

    assertThat(early.action()).isNull();
    assertThat(again.status()).as("the polls while baking write nothing").isEqualTo(early.status());
    assertThat(last.action()).isNull();
    assertThat(last.requeueAfter()).as("or sooner, when the bake is over").isEqualTo(Duration.ofSeconds(2));
    assertThat(over.action()).isInstanceOfSatisfying(Action.MakePrimary.class,
        p -> assertThat(p.taskSetArn()).isEqualTo(G.taskSet()));
  }

  @Test
  void greenFailingItsHealthGateDuringTheBakeSendsProductionBackToBlue() {
    World unhealthy = atHundred().healthy(G.targetGroup(), 0);

    Decision d = plan(BAKED, atHundred(T0).build(), unhealthy, T0.plusSeconds(60));

    assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class, r -> {
      assertThat(r.routeName()).isEqualTo(Planner.PRODUCTION);
      assertThat(r.targets()).containsExactly(new WeightedTarget(BLUE_TG, 100));
    });
    assertThat(d.status().phase()).isEqualTo(Phase.DEGRADED);
    assertThat(d.status().aborted().reason()).isEqualTo(Reasons.UNHEALTHY_DURING_PROMOTION);
    assertThat(d.status().stable()).isEqualTo(blue());
  }

  @Test
  void aPauseDuringTheBakeMovesItsEndOnByTheTimeHeld() {
    DeploymentStatus baking = atHundred(T0).build();
    DeploymentSpec paused = BAKED.withControl(ControlSpec.NONE.withPause(new ControlSpec.PauseRequest("alice",
        T0.plusSeconds(60))));

    Decision held = plan(paused, baking, atHundred(), T0.plusSeconds(60));
    Decision resumed = plan(BAKED, held.status(), atHundred(), T0.plusSeconds(660));

    assertThat(held.status().phase()).isEqualTo(Phase.PAUSED);
    assertThat(resumed.action()).as("ten minutes held do not count as bake").isNull();
    assertThat(resumed.status().promotion().bakeStartedAt()).isEqualTo(T0.plusSeconds(600));
  }

  @Test
  void aFullPromotionStillBakes() {
    DeploymentSpec full = BAKED.withControl(ControlSpec.NONE.withFullPromotion(new FullPromotionRequest(
        G.revision(), "hotfix", "alice", T0)));

    Decision d = plan(full, atHundred(null).build(), atHundred(), T0.plusSeconds(10));

    assertThat(d.action()).isNull();
    assertThat(d.status().promotion().bakeStartedAt()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void tealPlanShowsTheBakeAndGreenMadePrimaryOnlyAfterIt() {
    Instant now = T0.plusSeconds(10);

    PlanPreview.Result plan = PlanPreview.fromObservation(Fixtures.NAME, 4, "hash", BAKED, atHundred(null).build(),
        atHundred().observed(), now, POLL, null, null);

    assertThat(plan.entries()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(PlanPreview.Wait.class,
        w -> assertThat(w.text()).contains("baking until " + now.plus(BAKE))));
    assertThat(plan.entries()).filteredOn(PlanPreview.Step.class::isInstance).map(PlanPreview.Step.class::cast)
        .filteredOn(step -> step.call().equals("ecs:UpdateServicePrimaryTaskSet")).singleElement()
        .satisfies(step -> assertThat(step.at()).isAfterOrEqualTo(now.plus(BAKE)));
  }

  @Test
  void aFirstDeploymentHasNoBakeSinceThereIsNoBlueToFlipBackTo() {
    World world = new World().green(G, true, 3).healthy(G.targetGroup(), 3).test(Map.of(G.targetGroup(), 100))
        .production(Map.of(G.targetGroup(), 100));
    StatusFixture s = new StatusFixture().preview(G, T0).ready(T0).step(0, 100, T0);
    s.test = List.of(StatusFixture.weight(G, 100));

    Decision d = plan(BAKED, s.build(), world, T0.plusSeconds(10));

    assertThat(d.action()).isInstanceOf(Action.MakePrimary.class);
    assertThat(d.status().promotion().bakeStartedAt()).isNull();
  }

  @Test
  void aRollbackHasNoBake() {
    DeploymentSpec rollback = baked(DesiredPhase.ROLLBACK);
    World world = World.blueOnly().green(G, true, 3).production(Map.of(BLUE_TG, 100))
        .test(Map.of(BLUE_TG, 100)).replace(G.taskSet(), t -> t.withStatus("PRIMARY"))
        .replace(BLUE_TS, t -> t.withStatus("ACTIVE")).healthy(BLUE_TG, 3);
    StatusFixture s = StatusFixture.onStable(G).preview(blue(), T0).ready(T0);
    s.production = List.of(StatusFixture.weight(blue(), 100));
    s.test = List.of(StatusFixture.weight(blue(), 100));
    s.promotion = new PromotionStatus(blue().revision(), 0, 100, T0);

    Decision d = plan(rollback, s.build(), world, T0);

    assertThat(d.action()).isInstanceOfSatisfying(Action.MakePrimary.class,
        p -> assertThat(p.taskSetArn()).isEqualTo(BLUE_TS));
  }
}
