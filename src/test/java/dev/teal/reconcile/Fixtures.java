package dev.teal.reconcile;

import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.Placement;
import dev.teal.aws.RouteRef;
import dev.teal.aws.RouteState;
import dev.teal.aws.TargetGroupInfo;
import dev.teal.aws.TargetHealthCounts;
import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.aws.WeightedTarget;
import dev.teal.model.AnalysisSpec;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.HealthCheckSpec;
import dev.teal.model.HttpAnalysisSpec;
import dev.teal.model.PromotionSpec;
import dev.teal.model.RevisionStatus;
import dev.teal.model.StrategySpec;
import dev.teal.model.TargetGroupSpec;
import dev.teal.model.TrafficSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Static fixture factories for planner tests: a spec, revisions and a world that is easy to vary. */
final class Fixtures {

  static final String NAME = "web";
  static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
  static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:000000000000:";
  static final String PROD_RULE = ARN + "listener-rule/app/demo-alb/1111/2222/aaaa";
  static final String TEST_RULE = ARN + "listener-rule/app/demo-alb/1111/3333/bbbb";
  static final String BLUE_TG = ARN + "targetgroup/web-blue/0001";
  static final String BLUE_TS = "arn:aws:ecs:us-east-1:000000000000:task-set/demo/web/ts-blue";
  static final String BLUE_TD = "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1";
  static final Placement NETWORK = new Placement("FARGATE", List.of(), null,
      new Placement.AwsVpc(List.of("subnet-a"), List.of("sg-a"), false), List.of());

  private Fixtures() {}

  static DeploymentSpec spec(String image, DesiredPhase phase) {
    return new DeploymentSpec("demo", "web", "web", "web", 80, image, phase,
        new TrafficSpec(PROD_RULE, null, TEST_RULE, new TargetGroupSpec("vpc-0sandbox", 80, "HTTP",
            new HealthCheckSpec("/healthz", 10, 5, 2, 3, "200-399"), 30)),
        null, strategy(100, List.of(100), null, null));
  }

  static StrategySpec strategy(int previewScale, List<Integer> steps, Duration autoPromote, HttpAnalysisSpec http) {
    return new StrategySpec(previewScale, PromotionSpec.of(steps, Duration.ofMinutes(2)), autoPromote,
        Duration.ofMinutes(30), Duration.ofMinutes(10), http == null ? null : new AnalysisSpec(http));
  }

  static DeploymentSpec withStrategy(DeploymentSpec spec, StrategySpec strategy) {
    return new DeploymentSpec(spec.cluster(), spec.service(), spec.taskDefinition(), spec.container(),
        spec.containerPort(), spec.image(), spec.phase(), spec.traffic(), spec.network(), strategy);
  }

  static String revision(DeploymentSpec spec) {
    return Revisions.idFor(NAME, spec);
  }

  static String tgArn(String revision) {
    return ARN + "targetgroup/" + Revisions.targetGroupName(NAME, revision) + "/" + revision;
  }

  static String tsArn(String revision) {
    return "arn:aws:ecs:us-east-1:000000000000:task-set/demo/web/ts-" + revision;
  }

  static String tdArn(String revision) {
    return "arn:aws:ecs:us-east-1:000000000000:task-definition/web:" + Math.abs(revision.hashCode() % 100 + 2);
  }

  /** The adopted nginx:1.26 revision, as the status records it after adoption. */
  static RevisionStatus blue() {
    return new RevisionStatus(Revisions.adoptedId(BLUE_TS), "nginx:1.26", BLUE_TD, BLUE_TS, BLUE_TG, true);
  }

  /** A fully created revision for {@code spec}. */
  static RevisionStatus green(DeploymentSpec spec) {
    String rev = revision(spec);
    return new RevisionStatus(rev, spec.image(), tdArn(rev), tsArn(rev), tgArn(rev), null);
  }

  static EcsTaskSet taskSet(String arn, String externalId, String status, String tg, double scale, boolean steady,
      int running, Map<String, String> tags) {
    return taskSet(arn, externalId, status, BLUE_TD, tg, scale, steady, running, tags);
  }

  static EcsTaskSet taskSet(String arn, String externalId, String status, String taskDefinition, String tg,
      double scale, boolean steady, int running, Map<String, String> tags) {
    return new EcsTaskSet(arn.substring(arn.lastIndexOf('/') + 1), arn, externalId, status, taskDefinition, scale,
        steady ? "STEADY_STATE" : "STABILIZING", running, 3 - running, 3, List.of(tg), NETWORK, T0, tags);
  }

  /** Blue as the observer reports it once adopted: tagged by teal. */
  static EcsTaskSet blueTaskSet() {
    var tags = new HashMap<>(owned(blue().revision()));
    tags.put(dev.teal.model.OwnershipTags.ADOPTED, "true");
    return taskSet(BLUE_TS, "initial", "PRIMARY", BLUE_TG, 100, true, 3, Map.copyOf(tags));
  }

  static EcsTaskSet greenTaskSet(RevisionStatus green, boolean steady, int running) {
    return taskSet(green.taskSet(), green.revision(), "ACTIVE", green.taskDefinition(), green.targetGroup(), 100, steady,
        running, Revisions.tags(NAME, green.revision()));
  }

  static Map<String, String> owned(String revision) {
    return Revisions.tags(NAME, revision);
  }

  /** A mutable world that builds an {@link Observed}. */
  static final class World {
    final List<EcsTaskSet> taskSets = new ArrayList<>();
    final Map<RouteRef, RouteState> routes = new LinkedHashMap<>();
    final Map<String, TargetGroupInfo> groups = new HashMap<>();
    final Set<String> missing = new HashSet<>();
    final Map<String, TargetHealthCounts> health = new HashMap<>();
    final Map<String, TaskDefinitionInfo> definitions = new HashMap<>();
    boolean serviceExists = true;
    String controller = "EXTERNAL";
    /** The service's tags: claimed by this deployment unless a test says otherwise. */
    Map<String, String> serviceTags = Claims.claimTags(NAME);
    /** Claim tags read, by ARN: both routes claimed by this deployment unless a test says otherwise. */
    final Map<String, Map<String, String>> claimTags = new HashMap<>(Map.of(
        PROD_RULE, Claims.claimTags(NAME), TEST_RULE, Claims.claimTags(NAME)));
    final Set<String> liveClaimants = new HashSet<>();

    /** Blue (adopted and tagged) serves production and test, healthy. */
    static World blueOnly() {
      World w = new World();
      w.taskSets.add(blueTaskSet());
      w.production(Map.of(BLUE_TG, 100));
      w.test(Map.of(BLUE_TG, 100));
      w.definitions.put(BLUE_TD, new TaskDefinitionInfo(BLUE_TD, "web", 1, Map.of("web", "nginx:1.26"), Map.of(),
          "awsvpc"));
      return w;
    }

    /** {@code revision}'s task definition as the observer reads it (by ARN), with the given network mode. */
    World definition(RevisionStatus revision, String networkMode) {
      definitions.put(revision.taskDefinition(), new TaskDefinitionInfo(revision.taskDefinition(), "web", 7,
          Map.of("web", revision.image()), owned(revision.revision()), networkMode));
      return this;
    }

    /** Blue as it was before teal: no tags. */
    World untaggedBlue() {
      return replace(BLUE_TS, t -> t.withTags(Map.of()));
    }

    World production(Map<String, Integer> weights) {
      routes.put(RouteRef.rule(PROD_RULE), route(PROD_RULE, weights));
      return this;
    }

    World test(Map<String, Integer> weights) {
      routes.put(RouteRef.rule(TEST_RULE), route(TEST_RULE, weights));
      return this;
    }

    World group(String revision, Map<String, String> tags) {
      String name = Revisions.targetGroupName(NAME, revision);
      groups.put(name, new TargetGroupInfo(tgArn(revision), name, 10, tags, 30));
      return this;
    }

    World healthy(String tg, int healthy) {
      health.put(tg, new TargetHealthCounts(healthy, 0, 0, 0, 0));
      return this;
    }

    /** Green's task set and target group, its group attached to the test route at weight 0 as teal does. */
    World green(RevisionStatus green, boolean steady, int running) {
      taskSets.add(greenTaskSet(green, steady, running));
      group(green.revision(), owned(green.revision()));
      RouteState testRoute = routes.get(RouteRef.rule(TEST_RULE));
      if (testRoute != null && !testRoute.references(green.targetGroup())) {
        var weights = new HashMap<>(testRoute.weights());
        weights.put(green.targetGroup(), 0);
        test(weights);
      }
      return this;
    }

    /** The test route on green, with blue attached at weight 0 (preview, and after promotion). */
    World testOnGreen(String greenTargetGroup) {
      return test(Map.of(greenTargetGroup, 100, BLUE_TG, 0));
    }

    World replace(String arn, java.util.function.UnaryOperator<EcsTaskSet> change) {
      taskSets.replaceAll(t -> t.arn().equals(arn) ? change.apply(t) : t);
      return this;
    }

    Observed observed() {
      EcsService service = serviceExists
          ? new EcsService("arn:aws:ecs:us-east-1:000000000000:service/demo/web", "web", "demo", "ACTIVE",
              controller, 3, List.copyOf(taskSets), dev.teal.aws.Placement.NONE, serviceTags)
          : null;
      return new Observed(service, routes, groups, missing, health, definitions, null, null, claimTags, liveClaimants);
    }

    private static RouteState route(String arn, Map<String, Integer> weights) {
      List<WeightedTarget> forward = new ArrayList<>();
      new java.util.TreeMap<>(weights).forEach((tg, w) -> forward.add(new WeightedTarget(tg, w)));
      return new RouteState(RouteRef.rule(arn), forward, Optional.empty());
    }
  }

  static PlanContext context(DeploymentSpec spec, DeploymentStatus status, World world, Instant now) {
    return new PlanContext(NAME, 1, "hash-" + spec.image() + "-" + spec.phase(), spec, status, world.observed(), now);
  }
}
