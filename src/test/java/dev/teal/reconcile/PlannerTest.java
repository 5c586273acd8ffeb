package dev.teal.reconcile;

import static dev.teal.reconcile.Fixtures.BLUE_TG;
import static dev.teal.reconcile.Fixtures.BLUE_TS;
import static dev.teal.reconcile.Fixtures.NAME;
import static dev.teal.reconcile.Fixtures.PROD_RULE;
import static dev.teal.reconcile.Fixtures.TEST_RULE;
import static dev.teal.reconcile.Fixtures.T0;
import static dev.teal.reconcile.Fixtures.blue;
import static dev.teal.reconcile.Fixtures.context;
import static dev.teal.reconcile.Fixtures.green;
import static dev.teal.reconcile.Fixtures.owned;
import static dev.teal.reconcile.Fixtures.revision;
import static dev.teal.reconcile.Fixtures.spec;
import static dev.teal.reconcile.Fixtures.strategy;
import static dev.teal.reconcile.Fixtures.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.TargetHealthCounts;
import dev.teal.aws.WeightedTarget;
import dev.teal.model.AbortStatus;
import dev.teal.model.AnalysisStatus;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.FailFastSpec;
import dev.teal.model.GatesStatus;
import dev.teal.model.HttpAnalysisSpec;
import dev.teal.model.OwnershipTags;
import dev.teal.model.Phase;
import dev.teal.model.PromotionSpec;
import dev.teal.model.RevisionStatus;
import dev.teal.model.StrategySpec;
import dev.teal.model.TrafficSpec;
import dev.teal.reconcile.Fixtures.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {

  static final Duration POLL = Duration.ofSeconds(5);
  final Planner planner = new Planner(POLL, Duration.ofMinutes(1));

  static final DeploymentSpec PREVIEW_127 = spec("nginx:1.27", DesiredPhase.PREVIEW);
  static final DeploymentSpec PROMOTE_127 = spec("nginx:1.27", DesiredPhase.PROMOTE);
  static final RevisionStatus GREEN = green(PREVIEW_127);

  Decision plan(DeploymentSpec spec, DeploymentStatus status, World world, Instant now) {
    return planner.plan(context(spec, status, world, now));
  }

  static DeploymentStatus empty() {
    return DeploymentStatus.empty();
  }

  static Condition condition(Decision d, String type) {
    return d.status().condition(type);
  }

  @Nested
  class Preconditions {

    static Stream<Arguments> brokenWorlds() {
      return Stream.of(
          Arguments.of("service missing", (java.util.function.Consumer<World>) w -> w.serviceExists = false,
              Reasons.SERVICE_NOT_FOUND),
          Arguments.of("ECS controller", (java.util.function.Consumer<World>) w -> w.controller = "ECS",
              Reasons.SERVICE_NOT_EXTERNAL),
          Arguments.of("production rule missing", (java.util.function.Consumer<World>) w ->
              w.routes.remove(dev.teal.aws.RouteRef.rule(Fixtures.PROD_RULE)), Reasons.PRODUCTION_ROUTE_NOT_FOUND),
          Arguments.of("test rule missing", (java.util.function.Consumer<World>) w ->
              w.routes.remove(dev.teal.aws.RouteRef.rule(Fixtures.TEST_RULE)), Reasons.TEST_ROUTE_NOT_FOUND));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenWorlds")
    void failsWithAReasonAndTouchesNothing(String label, java.util.function.Consumer<World> breakIt, String reason) {
      World world = World.blueOnly();
      breakIt.accept(world);

      Decision d = plan(PREVIEW_127, StatusFixture.onStable(blue()).build(), world, T0);

      assertThat(d.action()).isNull();
      assertThat(d.status().phase()).isEqualTo(Phase.FAILED);
      assertThat(condition(d, Reasons.READY).reason()).isEqualTo(reason);
      assertThat(d.requeueAfter()).isEqualTo(Duration.ofMinutes(1));
      assertThat(d.status().events()).extracting(e -> e.reason()).containsExactly(reason);
    }

    /**
     * A target group can be used by one load balancer only, and green joins the test route before
     * production: with the routes on two load balancers promotion would fail half-way, so nothing is
     * started. Shown to catch: the planner without this check (it registered green's task definition).
     */
    @Test
    void routesOnTwoLoadBalancersFailBeforeAnythingIsCreatedNamingBoth() {
      String otherTest = Fixtures.ARN + "listener-rule/app/other-alb/9999/4444/cccc";
      DeploymentSpec spec = new DeploymentSpec("demo", "web", "web", "web", 80, "nginx:1.27", DesiredPhase.PREVIEW,
          new TrafficSpec(Fixtures.PROD_RULE, null, otherTest, PREVIEW_127.traffic().targetGroup()), null,
          PREVIEW_127.strategy());
      World world = World.blueOnly();
      world.routes.put(dev.teal.aws.RouteRef.rule(otherTest), new dev.teal.aws.RouteState(
          dev.teal.aws.RouteRef.rule(otherTest), List.of(), java.util.Optional.empty()));

      Decision d = plan(spec, StatusFixture.onStable(blue()).build(), world, T0);

      assertThat(d.action()).isNull();
      assertThat(d.status().phase()).isEqualTo(Phase.FAILED);
      assertThat(condition(d, Reasons.READY).reason()).isEqualTo(Reasons.ROUTES_ON_DIFFERENT_LOAD_BALANCERS);
      assertThat(d.status().message()).contains(Fixtures.ARN + "loadbalancer/app/demo-alb/1111",
          Fixtures.ARN + "loadbalancer/app/other-alb/9999");
    }

    @Test
    void aRepeatedFailureDoesNotRepeatItsEvent() {
      World world = World.blueOnly();
      world.serviceExists = false;
      Decision first = plan(PREVIEW_127, empty(), world, T0);

      Decision second = plan(PREVIEW_127, first.status(), world, T0.plusSeconds(60));

      assertThat(second.status().events()).hasSize(1);
      assertThat(second.status()).isEqualTo(first.status());
    }
  }

  @Nested
  class Adoption {

    @Test
    void adoptsAnUntaggedPrimaryTaskSetAsStableByTaggingIt() {
      Decision d = plan(spec("nginx:1.26", DesiredPhase.PREVIEW), empty(), World.blueOnly().untaggedBlue(), T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.AdoptTaskSet.class, a -> {
        assertThat(a.taskSetArn()).isEqualTo(BLUE_TS);
        assertThat(a.tags()).containsEntry(OwnershipTags.DEPLOYMENT, NAME).containsEntry(OwnershipTags.ADOPTED, "true");
      });
      assertThat(d.status().stable()).isEqualTo(blue());
      assertThat(d.status().traffic().production()).extracting(w -> w.targetGroup()).containsExactly(BLUE_TG);
    }

    @Test
    void anAdoptedServiceRunningTheSpecImageIsPromotedWithNothingToDo() {
      World world = World.blueOnly().replace(BLUE_TS, t -> t.withTags(owned(blue().revision())));

      Decision d = plan(spec("nginx:1.26", DesiredPhase.PREVIEW), StatusFixture.onStable(blue()).build(), world, T0);

      assertThat(d.action()).isNull();
      assertThat(d.requeueAfter()).isNull();
      assertThat(d.status().phase()).isEqualTo(Phase.PROMOTED);
      assertThat(condition(d, Reasons.READY).isTrue()).isTrue();
      assertThat(condition(d, Reasons.AVAILABLE).isTrue()).isTrue();
    }

    /**
     * The status written with the adoption is the intent an operator that takes over finds; it must say
     * that work is in flight and that the spec's image is not served yet, or the takeover's resync (which
     * skips settled deployments) never looks at it again. Shown to catch: the adoption's status said
     * Promoted, "nginx:1.26 serves production", Progressing False (TwoOperatorsRandomKillsTest seed 2).
     */
    @Test
    void theStatusWrittenWithAnAdoptionSaysWorkIsInFlight() {
      Decision d = plan(PREVIEW_127, empty(), World.blueOnly().untaggedBlue(), T0);

      assertThat(d.action()).isInstanceOf(Action.AdoptTaskSet.class);
      assertThat(d.status().phase()).isEqualTo(Phase.PROGRESSING);
      assertThat(condition(d, Reasons.PROGRESSING).isTrue()).isTrue();
      assertThat(condition(d, Reasons.PROGRESSING).reason()).isEqualTo(Reasons.ADOPTING);
      assertThat(condition(d, Reasons.READY).isTrue()).isFalse();
    }

    /** Likewise for a step of a promotion: the status written with the route change is not settled. */
    @Test
    void theStatusWrittenWithAnyActionSaysProgressing() {
      RevisionStatus green = green(Promotion.STEPPED);
      World world = World.blueOnly().green(green, true, 3).healthy(green.targetGroup(), 3)
          .testOnGreen(green.targetGroup());

      Decision d = plan(Promotion.STEPPED, StatusFixture.onStable(blue()).preview(green, T0).ready(T0).build(), world,
          T0);

      assertThat(d.action()).isInstanceOf(Action.SetRoute.class);
      assertThat(condition(d, Reasons.PROGRESSING).isTrue()).isTrue();
    }

    /** Shown to catch: re-tagging only when some tags were read (the bug: an untagged one was never finished). */
    @Test
    void anAdoptionCutShortBeforeTaggingIsFinishedOnTheNextReconcile() {
      Decision d = plan(spec("nginx:1.26", DesiredPhase.PREVIEW), StatusFixture.onStable(blue()).build(),
          World.blueOnly().untaggedBlue(), T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.AdoptTaskSet.class,
          a -> assertThat(a.taskSetArn()).isEqualTo(BLUE_TS));
    }

    @Test
    void refusesToAdoptWhenProductionDoesNotForwardToThePrimaryTaskSet() {
      World world = World.blueOnly().untaggedBlue().production(Map.of(Fixtures.ARN + "targetgroup/other/9", 100));

      Decision d = plan(PREVIEW_127, empty(), world, T0);

      assertThat(d.action()).isNull();
      assertThat(d.status().phase()).isEqualTo(Phase.FAILED);
      assertThat(condition(d, Reasons.READY).reason()).isEqualTo(Reasons.PRODUCTION_NOT_ON_STABLE);
    }
  }

  /** One deployment per service and route: claims are made first, and another deployment's are refused. */
  @Nested
  class ClaimsOfServiceAndRoutes {

    @Test
    void anUnclaimedServiceIsClaimedBeforeAnythingElseAndTheStatusSaysWorkIsInFlight() {
      World world = World.blueOnly().untaggedBlue();
      world.serviceTags = Map.of();

      Decision d = plan(PREVIEW_127, empty(), world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.ClaimService.class, c -> {
        assertThat(c.tags()).isEqualTo(Claims.claimTags(NAME));
        assertThat(c.replacing()).isNull();
      });
      assertThat(condition(d, Reasons.PROGRESSING).isTrue()).isTrue();
      assertThat(d.status().phase()).isEqualTo(Phase.PROGRESSING);
    }

    @Test
    void aServiceClaimedByAnotherLiveDeploymentIsRefusedNamingTheOwner() {
      World world = World.blueOnly();
      world.serviceTags = Claims.claimTags("shop");
      world.liveClaimants.add("shop");

      Decision d = plan(PREVIEW_127, empty(), world, T0);

      assertThat(d.action()).isNull();
      assertThat(d.status().phase()).isEqualTo(Phase.FAILED);
      assertThat(condition(d, Reasons.READY).reason()).isEqualTo(Reasons.CLAIMED_BY_ANOTHER_DEPLOYMENT);
      assertThat(d.status().message()).contains("ECS service demo/web belongs to deployment 'shop'");
    }

    /** A claim of a document that was deleted is void: the service is claimed again, replacing that tag. */
    @Test
    void aClaimOfADeletedDocumentIsTakenOver() {
      World world = World.blueOnly();
      world.serviceTags = Claims.claimTags("gone");

      Decision d = plan(PREVIEW_127, empty(), world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.ClaimService.class,
          c -> assertThat(c.replacing()).isEqualTo("gone"));
    }

    /** Shown to catch the old adoption rule: a primary task set tagged for another deployment was re-tagged. */
    @Test
    void aServiceRunningAnotherLiveDeploymentsTaskSetsIsRefused() {
      World world = World.blueOnly().replace(BLUE_TS, t -> t.withTags(Revisions.tags("shop", "r-shop")));
      world.serviceTags = Map.of();
      world.liveClaimants.add("shop");

      Decision d = plan(PREVIEW_127, empty(), world, T0);

      assertThat(d.action()).isNull();
      assertThat(condition(d, Reasons.READY).reason()).isEqualTo(Reasons.CLAIMED_BY_ANOTHER_DEPLOYMENT);
      assertThat(d.status().message()).contains("of deployment 'shop'");
    }

    @Test
    void aRouteClaimedByAnotherLiveDeploymentIsRefused() {
      World world = World.blueOnly();
      world.claimTags.put(PROD_RULE, Claims.claimTags("shop"));
      world.liveClaimants.add("shop");

      Decision d = plan(PREVIEW_127, empty(), world, T0);

      assertThat(condition(d, Reasons.READY).reason()).isEqualTo(Reasons.CLAIMED_BY_ANOTHER_DEPLOYMENT);
      assertThat(d.status().message()).startsWith("production rule " + PROD_RULE + " belongs to deployment 'shop'");
    }

    /** Shown to catch the old rule ("restore whatever route the spec names"): the route was taken over. */
    @Test
    void anUnclaimedRouteThatServesSomethingElseIsRefused() {
      String other = Fixtures.ARN + "targetgroup/shop-blue/9";
      World world = World.blueOnly().production(Map.of(other, 100)).healthy(other, 2);
      world.claimTags.put(PROD_RULE, Map.of());
      world.claimTags.put(other, Map.of());

      Decision d = plan(PREVIEW_127, StatusFixture.onStable(blue()).build(), world, T0);

      assertThat(d.action()).isNull();
      assertThat(condition(d, Reasons.READY).reason()).isEqualTo(Reasons.ROUTE_SERVES_ANOTHER_SERVICE);
      assertThat(d.status().message()).contains("target group shop-blue, which has 2 registered target(s)");
    }

    @Test
    void anUnclaimedRouteForwardingToTheServicesOrAnEmptyGroupIsClaimed() {
      String placeholder = Fixtures.ARN + "targetgroup/placeholder/9";
      World world = World.blueOnly().test(Map.of(BLUE_TG, 100, placeholder, 0));
      world.health.put(placeholder, TargetHealthCounts.NONE);
      world.claimTags.put(TEST_RULE, Map.of());
      world.claimTags.put(placeholder, Map.of());

      Decision d = plan(PREVIEW_127, StatusFixture.onStable(blue()).build(), world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.ClaimRoute.class, c -> {
        assertThat(c.route().arn()).isEqualTo(TEST_RULE);
        assertThat(c.routeName()).isEqualTo(Planner.TEST);
      });
      assertThat(d.status().claimed()).containsExactly(PROD_RULE);
    }
  }

  @Nested
  class BringUp {

    DeploymentStatus onBlue() {
      return StatusFixture.onStable(blue()).build();
    }

    @Test
    void aNewImageStartsByRegisteringATaskDefinitionRevision() {
      Decision d = plan(PREVIEW_127, onBlue(), World.blueOnly(), T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.RegisterTaskDefinition.class, r -> {
        assertThat(r.image()).isEqualTo("nginx:1.27");
        assertThat(r.container()).isEqualTo("web");
        assertThat(r.tags()).containsEntry(OwnershipTags.REVISION, GREEN.revision());
      });
      assertThat(d.status().preview().revision()).isEqualTo(GREEN.revision());
      assertThat(d.status().progressStartedAt()).isEqualTo(T0);
      assertThat(d.status().phase()).isEqualTo(Phase.PROGRESSING);
    }

    @Test
    void aTaskDefinitionFoundByTagIsReusedAndTheTargetGroupIsNext() {
      World world = World.blueOnly();
      world.definitions.put(GREEN.revision(), new dev.teal.aws.TaskDefinitionInfo(GREEN.taskDefinition(), "web", 7,
          Map.of("web", "nginx:1.27"), owned(GREEN.revision()), "awsvpc"));

      Decision d = plan(PREVIEW_127, onBlue(), world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.CreateTargetGroup.class, c -> {
        assertThat(c.name()).isEqualTo(Revisions.targetGroupName(NAME, GREEN.revision())).hasSizeLessThanOrEqualTo(32);
        assertThat(c.settings().healthCheckPath()).isEqualTo("/healthz");
        assertThat(c.tags()).containsEntry(OwnershipTags.MANAGED_BY, "teal");
      });
      assertThat(d.status().preview().taskDefinition()).isEqualTo(GREEN.taskDefinition());
    }

    @Test
    void anOwnedTargetGroupIsReusedAndTheTaskSetIsCreatedWithBluesNetworkAtPreviewScale() {
      DeploymentSpec spec = withStrategy(PREVIEW_127, strategy(50, List.of(100), null, null));
      RevisionStatus partial = new RevisionStatus(GREEN.revision(), "nginx:1.27", GREEN.taskDefinition(), null, null,
          null);
      World world = World.blueOnly().group(GREEN.revision(), owned(GREEN.revision()))
          .test(Map.of(BLUE_TG, 100, GREEN.targetGroup(), 0)).definition(GREEN, "awsvpc");
      StatusFixture status = StatusFixture.onStable(blue()).preview(partial, T0);
      status.test = List.of(StatusFixture.weight(blue(), 100), StatusFixture.weight(GREEN, 0));

      Decision d = plan(spec, status.build(), world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.CreateTaskSet.class, c -> {
        assertThat(c.scalePercent()).isEqualTo(50);
        assertThat(c.placement()).isEqualTo(Fixtures.NETWORK);
        assertThat(c.targetGroupArn()).isEqualTo(GREEN.targetGroup());
        assertThat(c.request().externalId()).isEqualTo(GREEN.revision());
        assertThat(c.clientToken()).hasSizeLessThanOrEqualTo(36)
            .isEqualTo(Revisions.clientToken(NAME, GREEN.revision(), 1, 0, T0));
      });
      assertThat(d.status().preview().clientToken()).as("on record before the call").isEqualTo(
          ((Action.CreateTaskSet) d.action()).clientToken());
    }

    /** The token on record is used again (a crash after the call); a new attempt at the revision gets a new one. */
    @Test
    void theAttemptsTokenIsReusedUntilItsTaskSetIsGone() {
      RevisionStatus recorded = new RevisionStatus(GREEN.revision(), "nginx:1.27", GREEN.taskDefinition(), null,
          GREEN.targetGroup(), null, null, "token-of-this-attempt");
      World world = World.blueOnly().group(GREEN.revision(), owned(GREEN.revision()))
          .test(Map.of(BLUE_TG, 100, GREEN.targetGroup(), 0)).definition(GREEN, "awsvpc");
      StatusFixture status = StatusFixture.onStable(blue()).preview(recorded, T0);
      status.test = List.of(StatusFixture.weight(blue(), 100), StatusFixture.weight(GREEN, 0));

      Decision again = plan(PREVIEW_127, status.build(), world, T0.plusSeconds(30));
      Decision afterItsTaskSetWentAway = plan(PREVIEW_127, status.preview(recorded.withTaskSet(GREEN.taskSet()), T0)
          .build(), world, T0.plusSeconds(30));

      assertThat(again.action()).isInstanceOfSatisfying(Action.CreateTaskSet.class,
          c -> assertThat(c.clientToken()).isEqualTo("token-of-this-attempt"));
      assertThat(afterItsTaskSetWentAway.action()).isInstanceOfSatisfying(Action.CreateTaskSet.class,
          c -> assertThat(c.clientToken()).isNotEqualTo("token-of-this-attempt")
              .isEqualTo(Revisions.clientToken(NAME, GREEN.revision(), 1, 0, T0.plusSeconds(30))));
    }

    /** A create that stopped between CreateTargetGroup and ModifyTargetGroupAttributes is finished. */
    @Test
    void aFoundTargetGroupWithAnotherDeregistrationDelayIsConfiguredBeforeItIsUsed() {
      RevisionStatus partial = RevisionStatus.of(GREEN.revision(), "nginx:1.27").withTaskDefinition(GREEN.taskDefinition());
      World world = World.blueOnly().group(GREEN.revision(), owned(GREEN.revision()));
      String name = Revisions.targetGroupName(NAME, GREEN.revision());
      world.groups.put(name, world.groups.get(name).withDeregistrationDelay(300));

      Decision d = plan(PREVIEW_127, StatusFixture.onStable(blue()).preview(partial, T0).build(), world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.ConfigureTargetGroup.class, c -> {
        assertThat(c.targetGroupArn()).isEqualTo(GREEN.targetGroup());
        assertThat(c.deregistrationDelaySeconds()).isEqualTo(30);
      });
      assertThat(d.status().preview().targetGroup()).as("recorded once configured").isNull();
    }

    @Test
    void aTargetGroupWithTealsNameButNotTealsTagsIsNeverUsed() {
      RevisionStatus partial = RevisionStatus.of(GREEN.revision(), "nginx:1.27").withTaskDefinition(GREEN.taskDefinition());
      World world = World.blueOnly().group(GREEN.revision(), Map.of("owner", "someone-else"));

      Decision d = plan(PREVIEW_127, StatusFixture.onStable(blue()).preview(partial, T0).build(), world, T0);

      assertThat(d.action()).isNull();
      assertThat(d.status().phase()).isEqualTo(Phase.FAILED);
      assertThat(condition(d, Reasons.READY).reason()).isEqualTo(Reasons.TARGET_GROUP_NAME_TAKEN);
    }

    @Test
    void aTaskSetLeftByAnInterruptedCreateIsFoundByExternalIdInsteadOfCreatedTwice() {
      RevisionStatus partial = new RevisionStatus(GREEN.revision(), "nginx:1.27", GREEN.taskDefinition(), null,
          GREEN.targetGroup(), null);
      World world = World.blueOnly().green(GREEN, false, 0);

      Decision d = plan(PREVIEW_127, StatusFixture.onStable(blue()).preview(partial, T0).build(), world, T0);

      assertThat(d.action()).isNull();
      assertThat(d.status().preview().taskSet()).isEqualTo(GREEN.taskSet());
    }

    @Test
    void waitsWithoutActingWhileGreenIsNotHealthyAndAsksToBeRequeued() {
      World world = World.blueOnly().green(GREEN, false, 1).healthy(GREEN.targetGroup(), 0);

      Decision d = plan(PREVIEW_127, StatusFixture.onStable(blue()).preview(GREEN, T0).build(), world,
          T0.plusSeconds(20));

      assertThat(d.action()).isNull();
      assertThat(d.requeueAfter()).isEqualTo(POLL);
      assertThat(d.status().phase()).isEqualTo(Phase.PROGRESSING);
      assertThat(condition(d, Reasons.PROGRESSING).reason()).isEqualTo(Reasons.WAITING_FOR_HEALTHY);
      assertThat(d.status().message()).contains("1/3 tasks running", "0/3 targets healthy");
    }

    @Test
    void steadyButNotEveryExpectedTargetHealthyIsNotReady() {
      World world = World.blueOnly().green(GREEN, true, 3).healthy(GREEN.targetGroup(), 2);

      Decision d = plan(PREVIEW_127, StatusFixture.onStable(blue()).preview(GREEN, T0).build(), world,
          T0.plusSeconds(20));

      assertThat(d.action()).isNull();
      assertThat(d.status().previewReadyAt()).isNull();
    }

    @Test
    void waitsForASlotWhenTheServiceAlreadyHasFiveTaskSets() {
      World world = World.blueOnly();
      for (int i = 0; i < 4; i++) {
        world.taskSets.add(Fixtures.taskSet(Fixtures.tsArn("other" + i), "x" + i, "ACTIVE", BLUE_TG, 0, true, 0,
            Map.of()));
      }
      world.test(Map.of(BLUE_TG, 100, GREEN.targetGroup(), 0));
      RevisionStatus partial = new RevisionStatus(GREEN.revision(), "nginx:1.27", GREEN.taskDefinition(), null,
          GREEN.targetGroup(), null);

      Decision d = plan(PREVIEW_127, StatusFixture.onStable(blue()).preview(partial, T0).build(), world, T0);

      assertThat(d.action()).isNull();
      assertThat(condition(d, Reasons.PROGRESSING).reason()).isEqualTo(Reasons.WAITING_FOR_TASK_SET_SLOT);
    }
  }

  @Nested
  class Preview {

    @Test
    void onceGreenIsHealthyTheTestRuleMovesToGreenAndProductionIsUntouched() {
      World world = World.blueOnly().green(GREEN, true, 3).healthy(GREEN.targetGroup(), 3);

      Decision d = plan(PREVIEW_127, StatusFixture.onStable(blue()).preview(GREEN, T0).build(), world,
          T0.plusSeconds(40));

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class, r -> {
        assertThat(r.routeName()).isEqualTo(Planner.TEST);
        assertThat(r.targets()).as("blue stays attached at 0 so it keeps being health-checked")
            .containsExactly(new WeightedTarget(GREEN.targetGroup(), 100), new WeightedTarget(BLUE_TG, 0));
      });
      assertThat(d.status().previewReadyAt()).isEqualTo(T0.plusSeconds(40));
      assertThat(d.status().progressStartedAt()).isNull();
      assertThat(d.status().traffic().production()).extracting(w -> w.targetGroup()).containsExactly(BLUE_TG);
    }

    @Test
    void withGreenOnTheTestRuleAndNoAnalysisItPreviewsAndIsReady() {
      World world = World.blueOnly().green(GREEN, true, 3).healthy(GREEN.targetGroup(), 3)
          .testOnGreen(GREEN.targetGroup());

      Decision d = plan(PREVIEW_127, StatusFixture.onStable(blue()).preview(GREEN, T0).ready(T0).build(), world,
          T0.plusSeconds(60));

      assertThat(d.action()).isNull();
      assertThat(d.requeueAfter()).isNull();
      assertThat(d.status().phase()).isEqualTo(Phase.PREVIEWING);
      assertThat(condition(d, Reasons.READY).isTrue()).isTrue();
      assertThat(d.status().message()).contains("waiting for phase: promote");
    }

    @Test
    void analysisRunsThroughTheTestRuleOnceItForwardsToGreen() {
      var http = new HttpAnalysisSpec("/healthz", 200, 20, 0);
      DeploymentSpec spec = withStrategy(PREVIEW_127, strategy(100, List.of(100), null, http));
      RevisionStatus green = green(spec);
      World world = World.blueOnly().green(green, true, 3).healthy(green.targetGroup(), 3)
          .testOnGreen(green.targetGroup());

      Decision d = plan(spec, StatusFixture.onStable(blue()).preview(green, T0).ready(T0).build(), world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.RunAnalysis.class, a -> {
        assertThat(a.stage()).isEqualTo(Planner.PREVIEW_STAGE);
        assertThat(a.spec()).isEqualTo(http);
        assertThat(a.mutating()).isFalse();
      });
    }

    /**
     * The analysis runs off the reconcile: while it is under way its progress is recorded, teal looks again
     * after the poll interval, and nothing that needs its verdict (promotion) goes ahead.
     */
    @Test
    void aRunningAnalysisIsRecordedAndNothingThatNeedsItsVerdictGoesAhead() {
      var http = new HttpAnalysisSpec("/healthz", 200, 1000, 0);
      DeploymentSpec spec = withStrategy(PROMOTE_127, strategy(100, List.of(100), null, http));
      RevisionStatus green = green(spec);
      World world = World.blueOnly().green(green, true, 3).healthy(green.targetGroup(), 3)
          .testOnGreen(green.targetGroup());
      AnalysisStatus running = new AnalysisStatus(green.revision(), Planner.PREVIEW_STAGE, false, 120, 0,
          "120 of 1000 sent", T0, true, T0);
      PlanContext base = context(spec, StatusFixture.onStable(blue()).preview(green, T0).ready(T0).build(), world, T0);

      Decision d = planner.plan(new PlanContext(base.name(), base.generation(), base.specHash(), base.spec(),
          base.status(), base.observed().withAnalysis(running), base.now()));

      assertThat(d.action()).as("no promotion before the verdict").isNull();
      assertThat(d.status().analysis()).isEqualTo(running);
      assertThat(d.status().promotion()).isNull();
      assertThat(d.requeueAfter()).isEqualTo(POLL);
      assertThat(condition(d, Reasons.PROGRESSING).isTrue()).isTrue();
      assertThat(d.status().message()).contains("120 of 1000 sent");
    }

    /** An operator that takes over finds the run on record and asks the runner to resume it, not restart it. */
    @Test
    void aRecordedRunningAnalysisIsResumedFromItsProgress() {
      var http = new HttpAnalysisSpec("/healthz", 200, 1000, 0);
      DeploymentSpec spec = withStrategy(PROMOTE_127, strategy(100, List.of(100), null, http));
      RevisionStatus green = green(spec);
      World world = World.blueOnly().green(green, true, 3).healthy(green.targetGroup(), 3)
          .testOnGreen(green.targetGroup());
      StatusFixture fixture = StatusFixture.onStable(blue()).preview(green, T0).ready(T0);
      fixture.analysis = new AnalysisStatus(green.revision(), Planner.PREVIEW_STAGE, false, 120, 3, "120 of 1000 sent",
          T0, true, T0);

      Decision d = plan(spec, fixture.build(), world, T0.plusSeconds(5));

      assertThat(d.action()).isInstanceOfSatisfying(Action.RunAnalysis.class, a -> {
        assertThat(a.resumeFrom()).isEqualTo(fixture.analysis);
        assertThat(a.deployment()).isEqualTo(NAME);
      });
    }

    @Test
    void autoPromoteWaitsForItsDelayThenShiftsProduction() {
      DeploymentSpec spec = withStrategy(PREVIEW_127, strategy(100, List.of(100), Duration.ofMinutes(5), null));
      RevisionStatus green = green(spec);
      World world = World.blueOnly().green(green, true, 3).healthy(green.targetGroup(), 3)
          .testOnGreen(green.targetGroup());
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(green, T0).ready(T0).build();

      Decision early = plan(spec, status, world, T0.plusSeconds(60));
      Decision due = plan(spec, status, world, T0.plusSeconds(300));

      assertThat(early.action()).isNull();
      assertThat(early.requeueAfter()).isEqualTo(Duration.ofMinutes(4));
      assertThat(early.status().phase()).isEqualTo(Phase.PREVIEWING);
      assertThat(due.action()).isInstanceOfSatisfying(Action.SetRoute.class,
          r -> assertThat(r.routeName()).isEqualTo(Planner.PRODUCTION));
    }

    @Test
    void previewScaleBelowFullIsRaisedToFullBeforeProductionMoves() {
      DeploymentSpec spec = withStrategy(PROMOTE_127, strategy(34, List.of(100), null, null));
      RevisionStatus green = green(spec);
      World world = World.blueOnly().green(green, true, 1).healthy(green.targetGroup(), 1)
          .testOnGreen(green.targetGroup()).replace(green.taskSet(), t -> t.withScale(34));

      Decision d = plan(spec, StatusFixture.onStable(blue()).preview(green, T0).ready(T0).build(), world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.ScaleTaskSet.class,
          s -> assertThat(s.percent()).isEqualTo(100));
    }
  }

  @Nested
  class Promotion {

    static final DeploymentSpec STEPPED = withStrategy(PROMOTE_127, strategy(100, List.of(10, 50, 100), null, null));
    static final RevisionStatus G = green(STEPPED);

    World greenReady() {
      return World.blueOnly().green(G, true, 3).healthy(G.targetGroup(), 3).testOnGreen(G.targetGroup());
    }

    @Test
    void theFirstStepSendsItsWeightToGreen() {
      Decision d = plan(STEPPED, StatusFixture.onStable(blue()).preview(G, T0).ready(T0).build(), greenReady(), T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class, r -> {
        assertThat(r.routeName()).isEqualTo(Planner.PRODUCTION);
        assertThat(r.targets()).containsExactly(new WeightedTarget(BLUE_TG, 90), new WeightedTarget(G.targetGroup(), 10));
      });
      assertThat(d.status().promotion().step()).isZero();
      assertThat(d.status().phase()).isEqualTo(Phase.PROMOTING);
    }

    @Test
    void aStepWaitsForItsIntervalWithoutWritingAndWatchesGreenMeanwhile() {
      World world = greenReady().production(Map.of(BLUE_TG, 90, G.targetGroup(), 10));
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(0, 10, T0).build();

      Decision early = plan(STEPPED, status, world, T0.plusSeconds(30));
      Decision nextPoll = plan(STEPPED, early.status(), world, T0.plusSeconds(35));
      Decision last = plan(STEPPED, status, world, T0.plusSeconds(118));

      assertThat(early.action()).isNull();
      assertThat(nextPoll.action()).isNull();
      assertThat(nextPoll.status()).as("the polls while waiting write nothing").isEqualTo(early.status());
      assertThat(early.requeueAfter()).as("green serves production: its health is read every poll")
          .isEqualTo(POLL);
      assertThat(last.requeueAfter()).as("or sooner, when the step is due").isEqualTo(Duration.ofSeconds(2));
      assertThat(early.status().phase()).isEqualTo(Phase.PROMOTING);
    }

    @Test
    void afterTheIntervalTheNextStepIsTaken() {
      World world = greenReady().production(Map.of(BLUE_TG, 90, G.targetGroup(), 10));
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(0, 10, T0).build();

      Decision d = plan(STEPPED, status, world, T0.plusSeconds(120));

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class, r -> assertThat(r.targets())
          .containsExactly(new WeightedTarget(BLUE_TG, 50), new WeightedTarget(G.targetGroup(), 50)));
      assertThat(d.status().promotion().step()).isEqualTo(1);
      assertThat(d.status().promotion().stepStartedAt()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void theLastStepDropsBlueFromTheForwardActionThenGreenBecomesPrimary() {
      World at50 = greenReady().production(Map.of(BLUE_TG, 50, G.targetGroup(), 50));
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(1, 50, T0).build();

      Decision last = plan(STEPPED, status, at50, T0.plusSeconds(120));
      assertThat(last.action()).isInstanceOfSatisfying(Action.SetRoute.class,
          r -> assertThat(r.targets()).containsExactly(new WeightedTarget(G.targetGroup(), 100)));

      World at100 = greenReady().production(Map.of(G.targetGroup(), 100));
      Decision primary = plan(STEPPED, last.status(), at100, T0.plusSeconds(121));
      assertThat(primary.action()).isInstanceOfSatisfying(Action.MakePrimary.class,
          p -> assertThat(p.taskSetArn()).isEqualTo(G.taskSet()));
    }

    @Test
    void onceGreenIsPrimaryItBecomesStableAndBlueIsKeptForTheScaleDownDelay() {
      World world = greenReady().production(Map.of(G.targetGroup(), 100))
          .replace(G.taskSet(), t -> t.withStatus("PRIMARY")).replace(BLUE_TS, t -> t.withStatus("ACTIVE"));
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(2, 100, T0).build();

      Decision d = plan(STEPPED, status, world, T0.plusSeconds(200));

      assertThat(d.action()).isNull();
      assertThat(d.status().phase()).isEqualTo(Phase.PROMOTED);
      assertThat(d.status().stable()).isEqualTo(G);
      assertThat(d.status().previous()).isEqualTo(blue());
      assertThat(d.status().preview()).isNull();
      assertThat(d.status().promotedAt()).isEqualTo(T0.plusSeconds(200));
      assertThat(d.requeueAfter()).isEqualTo(Duration.ofMinutes(30));
      assertThat(condition(d, Reasons.READY).isTrue()).isTrue();
      assertThat(condition(d, Reasons.PROGRESSING).reason()).isEqualTo(Reasons.SCALE_DOWN_PENDING);
    }

    /**
     * Green short of healthy targets while it serves production: with none healthy, ALB would fail open, so
     * teal aborts at once; a partial shortfall gets a grace from when green fell out of readiness
     * (interval x (healthyThreshold + 1) + 60 s = 10 x 3 + 60 = 90 s here), then aborts. Planted once (the old
     * rule, every target healthy at every instant): the "within the grace" row aborted.
     */
    @ParameterizedTest(name = "{0} healthy, short for {1} s: abort {2}")
    @CsvSource({"0, 0, true", "1, 0, false", "1, 89, false", "1, 90, true", "2, 300, true", "3, 300, false"})
    void aGreenShortOfHealthyTargetsDuringStepsIsGivenAGraceUnlessNothingIsHealthy(int healthy, int shortFor,
        boolean aborted) {
      World world = greenReady().production(Map.of(BLUE_TG, 90, G.targetGroup(), 10))
          .healthy(G.targetGroup(), healthy);
      StatusFixture fixture = StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(0, 10, T0);
      Instant now = T0.plusSeconds(400);
      fixture.progressStartedAt = shortFor == 0 ? null : now.minusSeconds(shortFor);

      Decision d = plan(STEPPED, fixture.build(), world, now);

      assertThat(d.status().phase()).isEqualTo(aborted ? Phase.DEGRADED : Phase.PROMOTING);
      if (aborted) {
        assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class,
            r -> assertThat(r.targets()).containsExactly(new WeightedTarget(BLUE_TG, 100)));
      }
    }

    @Test
    void unhealthyGreenDuringStepsSendsProductionBackToStableAtOnce() {
      World world = greenReady().production(Map.of(BLUE_TG, 90, G.targetGroup(), 10)).healthy(G.targetGroup(), 0);
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(0, 10, T0).build();

      Decision d = plan(STEPPED, status, world, T0.plusSeconds(30));

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class, r -> {
        assertThat(r.routeName()).isEqualTo(Planner.PRODUCTION);
        assertThat(r.targets()).containsExactly(new WeightedTarget(BLUE_TG, 100));
      });
      assertThat(d.status().phase()).isEqualTo(Phase.DEGRADED);
      assertThat(d.status().aborted().reason()).isEqualTo(Reasons.UNHEALTHY_DURING_PROMOTION);
      assertThat(d.status().retired()).extracting(RevisionStatus::revision).containsExactly(G.revision());
    }

    @Test
    void stepAnalysisRunsAtTheEndOfEachIntervalBeforeTheNextStep() {
      var http = new HttpAnalysisSpec("/", 200, 5, 0);
      DeploymentSpec spec = withStrategy(PROMOTE_127, strategy(100, List.of(10, 100), null, http));
      RevisionStatus g = green(spec);
      World world = World.blueOnly().green(g, true, 3).healthy(g.targetGroup(), 3)
          .testOnGreen(g.targetGroup()).production(Map.of(BLUE_TG, 90, g.targetGroup(), 10));
      StatusFixture fixture = StatusFixture.onStable(blue()).preview(g, T0).ready(T0).step(0, 10, T0);
      fixture.analysis = new AnalysisStatus(g.revision(), Planner.PREVIEW_STAGE, true, 5, 0, "ok", T0);

      Decision d = plan(spec, fixture.build(), world, T0.plusSeconds(120));

      assertThat(d.action()).isInstanceOfSatisfying(Action.RunAnalysis.class,
          a -> assertThat(a.stage()).isEqualTo("step-1"));
    }

    /**
     * During a promotion the preview analysis is not asked for again: its verdict was in before the first
     * step. Shown to catch: with the analysis off the reconcile, a step analysis and a re-run preview
     * analysis kept replacing each other and the promotion never went on.
     */
    @Test
    void aPassedStepAnalysisDoesNotBringThePreviewAnalysisBack() {
      var http = new HttpAnalysisSpec("/", 200, 5, 0);
      DeploymentSpec spec = withStrategy(PROMOTE_127, strategy(100, List.of(10, 50, 100), null, http));
      RevisionStatus g = green(spec);
      World world = World.blueOnly().green(g, true, 3).healthy(g.targetGroup(), 3)
          .testOnGreen(g.targetGroup()).production(Map.of(BLUE_TG, 50, g.targetGroup(), 50));
      StatusFixture fixture = StatusFixture.onStable(blue()).preview(g, T0).ready(T0).step(1, 50, T0.plusSeconds(120));
      fixture.analysis = new AnalysisStatus(g.revision(), "step-1", true, 5, 0, "ok", T0.plusSeconds(120));

      Decision d = plan(spec, fixture.build(), world, T0.plusSeconds(150));

      assertThat(d.action()).as("waiting for the next step, no analysis").isNull();
      assertThat(d.status().analysis().stage()).isEqualTo("step-1");
    }

    @Test
    void phasePreviewDuringStepsReturnsProductionToStableAndKeepsGreen() {
      World world = greenReady().production(Map.of(BLUE_TG, 90, G.targetGroup(), 10));
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(0, 10, T0).build();
      DeploymentSpec backToPreview = STEPPED.withPhase(DesiredPhase.PREVIEW);

      Decision d = plan(backToPreview, status, world, T0.plusSeconds(30));

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class,
          r -> assertThat(r.targets()).containsExactly(new WeightedTarget(BLUE_TG, 100)));
      assertThat(d.status().promotion()).isNull();
      assertThat(d.status().preview()).isEqualTo(G);
    }
  }

  @Nested
  class ScaleDown {

    DeploymentStatus promoted(Instant at) {
      return StatusFixture.onStable(GREEN).keeping(blue(), at).build();
    }

    World afterPromotion() {
      return World.blueOnly().green(GREEN, true, 3).production(Map.of(GREEN.targetGroup(), 100))
          .testOnGreen(GREEN.targetGroup()).replace(GREEN.taskSet(), t -> t.withStatus("PRIMARY"))
          .replace(BLUE_TS, t -> t.withStatus("ACTIVE").withTags(owned(blue().revision())));
    }

    @Test
    void blueIsDeletedOnlyAfterTheScaleDownDelay() {
      Decision early = plan(PROMOTE_127, promoted(T0), afterPromotion(), T0.plusSeconds(600));
      Decision due = plan(PROMOTE_127, promoted(T0), afterPromotion(), T0.plusSeconds(1800));

      assertThat(early.action()).isNull();
      assertThat(early.requeueAfter()).isEqualTo(Duration.ofSeconds(1200));
      assertThat(due.action()).as("blue leaves the test route before it is deleted")
          .isInstanceOfSatisfying(Action.SetRoute.class, r -> {
            assertThat(r.routeName()).isEqualTo(Planner.TEST);
            assertThat(r.targets()).containsExactly(new WeightedTarget(GREEN.targetGroup(), 100));
          });
      assertThat(due.status().previous().taskSet()).isNull();
      assertThat(due.status().previous().image()).isEqualTo("nginx:1.26");

      World detached = afterPromotion().test(Map.of(GREEN.targetGroup(), 100));
      Decision delete = plan(PROMOTE_127, due.status(), detached, T0.plusSeconds(1801));
      assertThat(delete.action()).isInstanceOfSatisfying(Action.DeleteTaskSet.class,
          a -> assertThat(a.taskSetArn()).isEqualTo(BLUE_TS));
    }

    @Test
    void anAdoptedBluesTargetGroupIsNeverDeleted() {
      World world = afterPromotion().replace(BLUE_TS, t -> t.withStatus("DRAINING"))
          .test(Map.of(GREEN.targetGroup(), 100));
      StatusFixture s = StatusFixture.onStable(GREEN);
      s.previous = new RevisionStatus(blue().revision(), "nginx:1.26", Fixtures.BLUE_TD, null, null, true);
      s.promotedAt = T0;
      s.retired.add(blue());

      Decision d = plan(PROMOTE_127, s.build(), world, T0.plusSeconds(1801));

      assertThat(d.action()).isNull();
      assertThat(d.status().retired()).isEmpty();
      assertThat(d.status().events()).extracting(e -> e.reason()).contains(Reasons.CLEANED_UP);
    }

    @Test
    void aTealCreatedBluesTargetGroupIsDeletedAfterItsTaskSet() {
      RevisionStatus oldGreen = green(spec("nginx:1.25", DesiredPhase.PROMOTE));
      World world = World.blueOnly().green(GREEN, true, 3).production(Map.of(GREEN.targetGroup(), 100))
          .test(Map.of(GREEN.targetGroup(), 100)).group(oldGreen.revision(), owned(oldGreen.revision()));
      StatusFixture s = StatusFixture.onStable(GREEN);
      s.retired.add(oldGreen);

      Decision d = plan(PROMOTE_127, s.build(), world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.DeleteTargetGroup.class,
          a -> assertThat(a.targetGroupArn()).isEqualTo(oldGreen.targetGroup()));
    }

    @Test
    void nothingIsDeletedWhileARouteStillForwardsToIt() {
      RevisionStatus oldGreen = green(spec("nginx:1.25", DesiredPhase.PROMOTE));
      World world = World.blueOnly().green(GREEN, true, 3)
          .production(Map.of(GREEN.targetGroup(), 100, oldGreen.targetGroup(), 0))
          .test(Map.of(GREEN.targetGroup(), 100)).group(oldGreen.revision(), owned(oldGreen.revision()));
      StatusFixture s = StatusFixture.onStable(GREEN);
      s.retired.add(oldGreen);

      Decision d = plan(PROMOTE_127, s.build(), world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class,
          r -> assertThat(r.targets()).containsExactly(new WeightedTarget(GREEN.targetGroup(), 100)));
    }
  }

  @Nested
  class Rollback {

    static final DeploymentSpec ROLLBACK_127 = spec("nginx:1.27", DesiredPhase.ROLLBACK);

    @Test
    void beforePromotionTheTestRuleReturnsToStableAndGreenIsRetired() {
      World world = World.blueOnly().green(GREEN, true, 3).healthy(GREEN.targetGroup(), 3)
          .testOnGreen(GREEN.targetGroup());

      Decision d = plan(ROLLBACK_127, StatusFixture.onStable(blue()).preview(GREEN, T0).ready(T0).build(), world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class, r -> {
        assertThat(r.routeName()).isEqualTo(Planner.TEST);
        assertThat(r.targets()).containsExactly(new WeightedTarget(BLUE_TG, 100));
      });
      assertThat(d.status().preview()).isNull();
      assertThat(d.status().phase()).isEqualTo(Phase.ROLLING_BACK);
    }

    @Test
    void duringStepsProductionReturnsToStableFirst() {
      World world = World.blueOnly().green(GREEN, true, 3).healthy(GREEN.targetGroup(), 3)
          .testOnGreen(GREEN.targetGroup()).production(Map.of(BLUE_TG, 50, GREEN.targetGroup(), 50));
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(GREEN, T0).ready(T0).step(1, 50, T0).build();

      Decision d = plan(ROLLBACK_127, status, world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class, r -> {
        assertThat(r.routeName()).isEqualTo(Planner.PRODUCTION);
        assertThat(r.targets()).containsExactly(new WeightedTarget(BLUE_TG, 100));
      });
    }

    @Test
    void afterPromotionWithBlueStillRunningItIsAnInstantFlipBack() {
      World world = World.blueOnly().green(GREEN, true, 3).production(Map.of(GREEN.targetGroup(), 100))
          .testOnGreen(GREEN.targetGroup()).replace(GREEN.taskSet(), t -> t.withStatus("PRIMARY"))
          .replace(BLUE_TS, t -> t.withStatus("ACTIVE")).healthy(BLUE_TG, 3);
      StatusFixture s = StatusFixture.onStable(GREEN).keeping(blue(), T0);

      Decision d = plan(ROLLBACK_127, s.build(), world, T0.plusSeconds(60));

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class, r -> {
        assertThat(r.routeName()).isEqualTo(Planner.PRODUCTION);
        assertThat(r.targets()).containsExactly(new WeightedTarget(BLUE_TG, 100));
      });
      assertThat(d.status().traffic().test()).extracting(w -> w.targetGroup()).containsExactly(BLUE_TG);
      assertThat(d.status().phase()).isEqualTo(Phase.ROLLING_BACK);
    }

    @Test
    void afterTheFlipBlueBecomesPrimaryAndStableAndTheDemotedRevisionIsDeleted() {
      World world = World.blueOnly().green(GREEN, true, 3).production(Map.of(BLUE_TG, 100))
          .test(Map.of(BLUE_TG, 100)).replace(GREEN.taskSet(), t -> t.withStatus("PRIMARY"))
          .replace(BLUE_TS, t -> t.withStatus("ACTIVE")).healthy(BLUE_TG, 3);
      StatusFixture s = StatusFixture.onStable(GREEN).preview(blue(), T0).ready(T0);
      s.production = List.of(StatusFixture.weight(blue(), 100));
      s.test = List.of(StatusFixture.weight(blue(), 100));
      s.promotion = new dev.teal.model.PromotionStatus(blue().revision(), 0, 100, T0);

      Decision primary = plan(ROLLBACK_127, s.build(), world, T0);
      assertThat(primary.action()).isInstanceOfSatisfying(Action.MakePrimary.class,
          p -> assertThat(p.taskSetArn()).isEqualTo(BLUE_TS));

      World flipped = world.replace(BLUE_TS, t -> t.withStatus("PRIMARY"))
          .replace(GREEN.taskSet(), t -> t.withStatus("ACTIVE"));
      Decision after = plan(ROLLBACK_127, primary.status(), flipped, T0);
      assertThat(after.action()).isInstanceOfSatisfying(Action.DeleteTaskSet.class,
          a -> assertThat(a.taskSetArn()).isEqualTo(GREEN.taskSet()));
      assertThat(after.status().stable()).isEqualTo(blue());
    }

    @Test
    void afterBlueIsGoneTheLastStableImageIsDeployedAgain() {
      World world = World.blueOnly().green(GREEN, true, 3).production(Map.of(GREEN.targetGroup(), 100))
          .test(Map.of(GREEN.targetGroup(), 100)).replace(GREEN.taskSet(), t -> t.withStatus("PRIMARY"));
      world.taskSets.removeIf(t -> t.arn().equals(BLUE_TS));
      StatusFixture s = StatusFixture.onStable(GREEN);
      s.previous = new RevisionStatus(blue().revision(), "nginx:1.26", Fixtures.BLUE_TD, null, null, true);
      s.promotedAt = T0;

      Decision d = plan(ROLLBACK_127, s.build(), world, T0.plusSeconds(7200));

      assertThat(d.action()).isInstanceOfSatisfying(Action.RegisterTaskDefinition.class,
          r -> assertThat(r.image()).isEqualTo("nginx:1.26"));
      assertThat(d.status().phase()).isEqualTo(Phase.ROLLING_BACK);
    }

    @Test
    void withNothingToReturnToItFailsClearly() {
      World world = World.blueOnly().replace(BLUE_TS, t -> t.withTags(owned(blue().revision())));

      Decision d = plan(spec("nginx:1.26", DesiredPhase.ROLLBACK), StatusFixture.onStable(blue()).build(), world, T0);

      assertThat(d.status().phase()).isEqualTo(Phase.FAILED);
      assertThat(condition(d, Reasons.READY).reason()).isEqualTo(Reasons.NO_ROLLBACK_TARGET);
    }

    @Test
    void whenProductionIsAlreadyOnStableItIsRolledBack() {
      Decision d = plan(ROLLBACK_127, StatusFixture.onStable(blue()).build(), World.blueOnly(), T0);

      assertThat(d.action()).isNull();
      assertThat(d.status().phase()).isEqualTo(Phase.ROLLED_BACK);
      assertThat(condition(d, Reasons.READY).isTrue()).isTrue();
    }
  }

  @Nested
  class Abort {

    @Test
    void greenNotReadyWithinTheProgressDeadlineIsAbortedAsDegraded() {
      World world = World.blueOnly().green(GREEN, false, 0);

      Decision d = plan(PREVIEW_127, StatusFixture.onStable(blue()).preview(GREEN, T0).build(), world,
          T0.plus(Duration.ofMinutes(10)).plusSeconds(1));

      assertThat(d.status().phase()).isEqualTo(Phase.DEGRADED);
      assertThat(d.status().aborted().reason()).isEqualTo(Reasons.PROGRESS_DEADLINE_EXCEEDED);
      assertThat(condition(d, Reasons.DEGRADED).isTrue()).isTrue();
      assertThat(d.action()).as("green leaves the test route, then it can be deleted")
          .isInstanceOfSatisfying(Action.SetRoute.class,
              r -> assertThat(r.targets()).containsExactly(new WeightedTarget(BLUE_TG, 100)));
    }

    /** Fail fast's unhealthy rule: 3 checks of 10 s; its clock in {@code status.gates.unhealthySince}. */
    final DeploymentSpec failFast = withStrategy(PREVIEW_127, new StrategySpec(100,
        PromotionSpec.of(List.of(100), Duration.ofMinutes(2)), null, Duration.ofMinutes(30), Duration.ofMinutes(10),
        null, null, new FailFastSpec(3, 3)));

    DeploymentStatus unhealthySince(Instant since) {
      DeploymentStatus s = StatusFixture.onStable(blue()).preview(GREEN, T0).build();
      return new DeploymentStatus(s.phase(), s.message(), s.observedGeneration(), s.observedSpecHash(), s.stable(),
          s.preview(), s.previous(), s.retired(), s.traffic(), s.promotion(), s.analysis(), s.progressStartedAt(),
          s.previewReadyAt(), s.promotedAt(), s.aborted(), s.claimed(), s.scaleIn(), s.awaitingAws(), s.conditions(),
          s.events(),
          s.paused(), s.history(), since == null ? null : new GatesStatus(List.of(), since));
    }

    @Test
    void greenShortOfHealthyTargetsWithUnhealthyOnesIsDegradedAfterNChecksNotBefore() {
      World world = World.blueOnly().green(GREEN, false, 3);
      world.health.put(GREEN.targetGroup(), new TargetHealthCounts(1, 0, 2, 0, 0));

      Decision first = plan(failFast, unhealthySince(null), world, T0.plusSeconds(40));
      assertThat(first.status().gates().unhealthySince()).as("the count starts").isEqualTo(T0.plusSeconds(40));
      Decision before = plan(failFast, unhealthySince(T0.plusSeconds(40)), world, T0.plusSeconds(69));
      assertThat(before.status().aborted()).isNull();
      assertThat(before.requeueAfter()).isLessThanOrEqualTo(Duration.ofSeconds(1));
      Decision after = plan(failFast, unhealthySince(T0.plusSeconds(40)), world, T0.plusSeconds(70));

      assertThat(after.status().phase()).isEqualTo(Phase.DEGRADED);
      assertThat(after.status().aborted().reason()).isEqualTo(Reasons.TARGETS_UNHEALTHY);
    }

    @Test
    void greenMeetingItsHealthyShareIsNotFailedFastForATargetBelowIt() {
      // 3 of 3 healthy (the minimum share), one more target unhealthy, the task set not yet steady: not ready,
      // but nothing fails fast, and the count of unhealthy checks is dropped.
      World world = World.blueOnly().green(GREEN, false, 3);
      world.health.put(GREEN.targetGroup(), new TargetHealthCounts(3, 0, 1, 0, 0));

      Decision d = plan(failFast, unhealthySince(T0), world, T0.plus(Duration.ofMinutes(5)));

      assertThat(d.status().aborted()).isNull();
      assertThat(d.status().gates()).isNull();
    }

    @Test
    void initialTargetsAreNotUnhealthyOnes() {
      World world = World.blueOnly().green(GREEN, false, 3);
      world.health.put(GREEN.targetGroup(), new TargetHealthCounts(0, 3, 0, 0, 0));

      Decision d = plan(failFast, unhealthySince(null), world, T0.plus(Duration.ofMinutes(5)));

      assertThat(d.status().aborted()).isNull();
      assertThat(d.status().gates()).isNull();
    }

    @Test
    void aFailedAnalysisAbortsAndSendsTheTestRuleBackToStable() {
      var http = new HttpAnalysisSpec("/healthz", 200, 20, 0);
      DeploymentSpec spec = withStrategy(PREVIEW_127, strategy(100, List.of(100), null, http));
      RevisionStatus g = green(spec);
      World world = World.blueOnly().green(g, true, 3).healthy(g.targetGroup(), 3).testOnGreen(g.targetGroup());
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(g, T0).ready(T0).build();
      var failed = new AnalysisStatus(g.revision(), Planner.PREVIEW_STAGE, false, 20, 20, "20 of 20 failed", T0);
      PlanContext ctx = new PlanContext(NAME, 1, "h", spec, status, world.observed().withAnalysis(failed), T0);

      Decision d = planner.plan(ctx);

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class, r -> {
        assertThat(r.routeName()).isEqualTo(Planner.TEST);
        assertThat(r.targets()).containsExactly(new WeightedTarget(BLUE_TG, 100));
      });
      assertThat(d.status().aborted().reason()).isEqualTo(Reasons.ANALYSIS_FAILED);
      assertThat(d.status().analysis()).isEqualTo(failed);
    }

    @Test
    void theSameFailedRevisionIsNotRecreatedUntilTheSpecChanges() {
      StatusFixture s = StatusFixture.onStable(blue());
      String hash = "hash-nginx:1.27-PREVIEW";
      s.aborted = new AbortStatus(GREEN.revision(), "nginx:1.27", hash, Reasons.ANALYSIS_FAILED, "failed", T0);

      Decision same = plan(PREVIEW_127, s.build(), World.blueOnly(), T0.plusSeconds(3600));
      Decision changed = planner.plan(new PlanContext(NAME, 2, "another-hash", PREVIEW_127, s.build(),
          World.blueOnly().observed(), T0.plusSeconds(3600)));

      assertThat(same.action()).isNull();
      assertThat(same.status().phase()).isEqualTo(Phase.DEGRADED);
      assertThat(same.requeueAfter()).isNull();
      assertThat(changed.action()).isInstanceOf(Action.RegisterTaskDefinition.class);
      assertThat(changed.status().aborted()).isNull();
    }
  }

  @Nested
  class DriftAndOrphans {

    @Test
    void aRuleChangedByHandIsRestoredWithAWarningEvent() {
      World world = World.blueOnly().replace(BLUE_TS, t -> t.withTags(owned(blue().revision())))
          .production(Map.of(BLUE_TG, 50, Fixtures.ARN + "targetgroup/hand-made/7", 50));

      Decision d = plan(spec("nginx:1.26", DesiredPhase.PREVIEW), StatusFixture.onStable(blue()).build(), world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class,
          r -> assertThat(r.targets()).containsExactly(new WeightedTarget(BLUE_TG, 100)));
      assertThat(d.status().events()).extracting(e -> e.reason()).containsExactly(Reasons.ROUTE_RESTORED);
    }

    @Test
    void aTealTaggedTaskSetOfAnUnknownRevisionIsRetiredAndDeleted() {
      String orphan = Fixtures.tsArn("orphan");
      World world = World.blueOnly();
      world.taskSets.add(Fixtures.taskSet(orphan, "deadbeef", "ACTIVE", Fixtures.tgArn("deadbeef"), 100, false, 0,
          owned("deadbeef")));

      Decision d = plan(spec("nginx:1.26", DesiredPhase.PREVIEW), StatusFixture.onStable(blue()).build(), world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.DeleteTaskSet.class,
          a -> assertThat(a.taskSetArn()).isEqualTo(orphan));
      assertThat(d.status().events()).extracting(e -> e.reason()).contains(Reasons.ORPHAN_FOUND);
    }

    @Test
    void weightsAreComparedAsSharesSoAnEquivalentWeightingIsNotRewritten() {
      World world = World.blueOnly().replace(BLUE_TS, t -> t.withTags(owned(blue().revision())))
          .production(Map.of(BLUE_TG, 1)).test(Map.of(BLUE_TG, 1));

      Decision d = plan(spec("nginx:1.26", DesiredPhase.PREVIEW), StatusFixture.onStable(blue()).build(), world, T0);

      assertThat(d.action()).isNull();
      assertThat(d.status().events()).isEmpty();
    }

    @Test
    void aTaskSetWithoutTealsTagsIsNeverTouched() {
      World world = World.blueOnly();
      world.taskSets.add(Fixtures.taskSet(Fixtures.tsArn("foreign"), "someone", "ACTIVE", BLUE_TG, 100, true, 3,
          Map.of("team", "other")));

      Decision d = plan(spec("nginx:1.26", DesiredPhase.PREVIEW), StatusFixture.onStable(blue()).build(), world, T0);

      assertThat(d.action()).isNull();
    }

    @Test
    void changingTheImageMidPromotionReturnsProductionToStableBeforeAnythingElse() {
      World world = World.blueOnly().green(GREEN, true, 3).healthy(GREEN.targetGroup(), 3)
          .testOnGreen(GREEN.targetGroup()).production(Map.of(BLUE_TG, 90, GREEN.targetGroup(), 10));
      DeploymentStatus status = StatusFixture.onStable(blue()).preview(GREEN, T0).ready(T0).step(0, 10, T0).build();

      Decision d = plan(spec("nginx:1.28", DesiredPhase.PROMOTE), status, world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class, r -> {
        assertThat(r.routeName()).isEqualTo(Planner.PRODUCTION);
        assertThat(r.targets()).containsExactly(new WeightedTarget(BLUE_TG, 100));
      });
      assertThat(d.status().retired()).extracting(RevisionStatus::revision).containsExactly(GREEN.revision());
      assertThat(d.status().preview()).as("the new image starts once the routes are safe").isNull();
    }
  }

  @Nested
  class FirstDeployment {

    World empty() {
      World w = new World();
      w.production(Map.of(Fixtures.ARN + "targetgroup/placeholder/1", 100));
      w.test(Map.of(Fixtures.ARN + "targetgroup/placeholder/1", 100));
      return w;
    }

    @Test
    void withoutTaskSetsOrNetworkSettingsItFailsAtTheTaskSetStep() {
      RevisionStatus partial = new RevisionStatus(GREEN.revision(), "nginx:1.27", GREEN.taskDefinition(), null,
          GREEN.targetGroup(), null);
      StatusFixture s = new StatusFixture().preview(partial, T0);
      World world = empty().test(Map.of(Fixtures.ARN + "targetgroup/placeholder/1", 100, GREEN.targetGroup(), 0))
          .definition(GREEN, "awsvpc");

      Decision first = plan(PREVIEW_127, new StatusFixture().preview(partial, T0).build(), empty(), T0);
      assertThat(first.action()).as("green is attached to the test route before anything else")
          .isInstanceOfSatisfying(Action.SetRoute.class, r -> assertThat(r.targets())
              .contains(new WeightedTarget(GREEN.targetGroup(), 0)));

      Decision d = plan(PREVIEW_127, first.status(), world, T0);

      assertThat(d.status().phase()).isEqualTo(Phase.FAILED);
      assertThat(condition(d, Reasons.READY).reason()).isEqualTo(Reasons.NETWORK_UNKNOWN);
    }

    /**
     * Green made primary before its status says so (ECS makes no task set primary on its own, but a crash
     * after UpdateServicePrimaryTaskSet leaves one, as did a simulator that made the first task set
     * primary) is the deployment's own green, not a stable task set to adopt. Shown to catch: the old
     * resolveStable, which looked green's definition up by ARN where the executor had stored it by revision
     * id and failed with "task definition ... of the primary task set could not be read".
     */
    @Test
    void aPrimaryGreenKnownByRevisionIdIsStillWaitedForNotFailed() {
      World world = empty().green(GREEN, false, 1).test(Map.of(Fixtures.ARN + "targetgroup/placeholder/1", 100,
          GREEN.targetGroup(), 0)).replace(GREEN.taskSet(), t -> t.withStatus("PRIMARY"));
      world.definitions.put(GREEN.revision(), new dev.teal.aws.TaskDefinitionInfo(GREEN.taskDefinition(), "web", 7,
          Map.of("web", "nginx:1.27"), owned(GREEN.revision()), "awsvpc"));
      StatusFixture s = new StatusFixture().preview(GREEN, T0);
      s.test = List.of(new dev.teal.model.RouteWeight(null, null, Fixtures.ARN + "targetgroup/placeholder/1", 100),
          StatusFixture.weight(GREEN, 0));

      Decision d = plan(PREVIEW_127, s.build(), world, T0);

      assertThat(d.status().phase()).isEqualTo(Phase.PROGRESSING);
      assertThat(d.status().stable()).isNull();
      assertThat(d.action()).isNull();
      assertThat(condition(d, Reasons.PROGRESSING).reason()).isEqualTo(Reasons.WAITING_FOR_HEALTHY);
    }

    /**
     * The same primary green with its definition known by ARN: the old planner adopted it as stable, so
     * production would go to it next, before its targets were healthy. Shown to catch: resolveStable without
     * the green exclusion (green was recorded as stable).
     */
    @Test
    void aPrimaryGreenIsNotAdoptedAsStableSoProductionWaitsForItsHealth() {
      World world = empty().green(GREEN, false, 1).test(Map.of(Fixtures.ARN + "targetgroup/placeholder/1", 100,
          GREEN.targetGroup(), 0)).replace(GREEN.taskSet(), t -> t.withStatus("PRIMARY")).definition(GREEN, "awsvpc");
      StatusFixture s = new StatusFixture().preview(GREEN, T0);
      s.test = List.of(new dev.teal.model.RouteWeight(null, null, Fixtures.ARN + "targetgroup/placeholder/1", 100),
          StatusFixture.weight(GREEN, 0));

      Decision d = plan(PREVIEW_127, s.build(), world, T0);

      assertThat(d.status().stable()).isNull();
      assertThat(d.status().phase()).as(d.status().message()).isEqualTo(Phase.PROGRESSING);
      assertThat(d.action()).isNull();
    }

    @Test
    void onceHealthyTheFirstRevisionGoesStraightToProduction() {
      World world = empty().green(GREEN, true, 3).healthy(GREEN.targetGroup(), 3).test(Map.of(GREEN.targetGroup(), 100));
      StatusFixture s = new StatusFixture().preview(GREEN, T0).ready(T0);

      Decision d = plan(PREVIEW_127, s.build(), world, T0);

      assertThat(d.action()).isInstanceOfSatisfying(Action.SetRoute.class, r -> {
        assertThat(r.routeName()).isEqualTo(Planner.PRODUCTION);
        assertThat(r.targets()).containsExactly(new WeightedTarget(GREEN.targetGroup(), 100));
      });
    }
  }

  @Test
  void revisionIdentitiesAreDeterministicAndWithinAwsLimits() {
    String longName = "a-very-long-deployment-name-of-forty-ch";
    String rev = Revisions.idFor(longName, PREVIEW_127);

    assertThat(Revisions.idFor(longName, PREVIEW_127)).isEqualTo(rev);
    assertThat(Revisions.idFor(longName, spec("nginx:1.28", DesiredPhase.PREVIEW))).isNotEqualTo(rev);
    assertThat(Revisions.idFor(longName, PREVIEW_127.withPhase(DesiredPhase.PROMOTE))).isEqualTo(rev);
    assertThat(Revisions.targetGroupName(longName, rev)).hasSizeLessThanOrEqualTo(32).matches("[A-Za-z0-9-]+")
        .doesNotContain("--");
    assertThat(Revisions.clientToken(longName, rev, Long.MAX_VALUE, Integer.MAX_VALUE, T0))
        .hasSizeLessThanOrEqualTo(36)
        .isNotEqualTo(Revisions.clientToken(longName, rev, Long.MAX_VALUE, Integer.MAX_VALUE, T0.plusMillis(1)))
        .isNotEqualTo(Revisions.clientToken(longName, rev, 1, Integer.MAX_VALUE, T0))
        .isNotEqualTo(Revisions.clientToken(longName, rev, Long.MAX_VALUE, 0, T0));
    assertThat(Revisions.family("arn:aws:ecs:us-east-1:1:task-definition/web:3")).isEqualTo("web");
    assertThat(Revisions.family("web:3")).isEqualTo("web");
    assertThat(revision(PREVIEW_127)).isEqualTo(GREEN.revision());
  }
}
