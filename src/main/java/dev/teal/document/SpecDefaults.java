package dev.teal.document;

import dev.teal.model.AnalysisSpec;
import dev.teal.model.CanaryShift;
import dev.teal.model.LinearShift;
import dev.teal.model.PromotionStep;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DesiredPhase;
import dev.teal.model.HealthCheckSpec;
import dev.teal.model.HttpAnalysisSpec;
import dev.teal.model.PromotionSpec;
import dev.teal.model.FailFastSpec;
import dev.teal.model.StrategySpec;
import dev.teal.model.TargetGroupSpec;
import dev.teal.model.TrafficSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every default of the spec, in one place.
 *
 * <p>The store keeps what the user wrote (sparse); {@link #apply} fills the defaults on read, so a
 * default can be changed in a later release without rewriting documents. {@link #DEFAULTS} lists them
 * by path in their written (JSON) form; the JSON Schema carries the same values as {@code default}s,
 * and a test keeps the three (this map, the schema and {@link #apply}) equal.
 *
 * <p>{@code spec.traffic.targetGroup.port} has no fixed default: it defaults to {@code
 * spec.containerPort}. {@code spec.strategy.autoPromoteAfter} defaults to null (wait for {@code phase:
 * promote}); {@code spec.strategy.analysis} defaults to none, but once {@code analysis.http} is given its
 * omitted fields have the defaults below. {@code spec.strategy.failFast} likewise: its defaults fill in a
 * written {@code failFast}, and an absent one means the same values ({@code StrategySpec.failFastOrDefaults}) without
 * being written into the spec, so documents from before fail fast keep their spec hash.
 */
public final class SpecDefaults {

  public static final DesiredPhase PHASE = DesiredPhase.PREVIEW;
  public static final int PREVIEW_SCALE = 100;
  public static final List<Integer> PROMOTION_STEPS = List.of(100);
  /** ECS's defaults for its LINEAR and CANARY strategies (LinearConfiguration, CanaryConfiguration). */
  public static final int LINEAR_STEP_PERCENT = 10;
  public static final Duration LINEAR_STEP_BAKE_TIME = Duration.ofMinutes(6);
  public static final int CANARY_PERCENT = 5;
  public static final Duration CANARY_BAKE_TIME = Duration.ofMinutes(10);
  public static final Duration STEP_INTERVAL = Duration.ofMinutes(1);
  public static final Duration SCALE_DOWN_DELAY = Duration.ofMinutes(30);
  public static final Duration PROGRESS_DEADLINE = Duration.ofMinutes(10);
  /** Consecutive health checks green's targets may be unhealthy while it is short of healthy ones. */
  public static final int FAIL_FAST_UNHEALTHY_CHECKS = FailFastSpec.DEFAULT_UNHEALTHY_CHECKS;
  /** Failed tasks of green before it is given up: ECS's deployment circuit breaker's least threshold. */
  public static final int FAIL_FAST_STOPPED_TASKS = FailFastSpec.DEFAULT_STOPPED_TASKS;
  public static final String PROTOCOL = "HTTP";
  public static final String HEALTH_CHECK_PATH = "/";
  public static final int HEALTH_CHECK_INTERVAL_SECONDS = 10;
  public static final int HEALTH_CHECK_TIMEOUT_SECONDS = 5;
  public static final int HEALTHY_THRESHOLD = 2;
  public static final int UNHEALTHY_THRESHOLD = 3;
  public static final String MATCHER = "200-399";
  public static final int DEREGISTRATION_DELAY_SECONDS = 30;
  public static final int ANALYSIS_EXPECT_STATUS = 200;
  public static final int ANALYSIS_REQUESTS = 20;
  public static final int ANALYSIS_MAX_FAILURES = 0;

  /** Every fixed default by field path, in the form it is written in a document. */
  public static final Map<String, Object> DEFAULTS = defaultsByPath();

  private SpecDefaults() {}

  /**
   * Returns {@code spec} with every defaulted field filled; fields the user wrote are kept. Null-safe
   * for incomplete specs (required fields stay null, for the validator to report).
   */
  public static DeploymentSpec apply(DeploymentSpec spec) {
    if (spec == null) {
      return null;
    }
    // spec.image is the short form of spec.images[spec.container]; either may be written.
    String image = spec.image() != null || spec.images() == null || spec.container() == null ? spec.image()
        : spec.images().get(spec.container());
    return new DeploymentSpec(spec.cluster(), spec.service(), spec.taskDefinition(), spec.container(),
        spec.containerPort(), image, spec.images(), or(spec.phase(), PHASE),
        traffic(spec.traffic(), spec.containerPort()), spec.network(), strategy(spec.strategy()), spec.control(),
        spec.notifications());
  }

  private static TrafficSpec traffic(TrafficSpec traffic, Integer containerPort) {
    TrafficSpec t = or(traffic, new TrafficSpec(null, null, null, null));
    TargetGroupSpec g = or(t.targetGroup(), new TargetGroupSpec(null, null, null, null, null));
    HealthCheckSpec h = or(g.healthCheck(), new HealthCheckSpec(null, null, null, null, null, null));
    HealthCheckSpec health = new HealthCheckSpec(
        or(h.path(), HEALTH_CHECK_PATH),
        or(h.intervalSeconds(), HEALTH_CHECK_INTERVAL_SECONDS),
        or(h.timeoutSeconds(), HEALTH_CHECK_TIMEOUT_SECONDS),
        or(h.healthyThreshold(), HEALTHY_THRESHOLD),
        or(h.unhealthyThreshold(), UNHEALTHY_THRESHOLD),
        or(h.matcher(), MATCHER));
    TargetGroupSpec group = new TargetGroupSpec(g.vpcId(), or(g.port(), containerPort), or(g.protocol(), PROTOCOL),
        health, or(g.deregistrationDelaySeconds(), DEREGISTRATION_DELAY_SECONDS));
    return new TrafficSpec(t.productionRule(), t.productionListener(), t.testRule(), group);
  }

  private static StrategySpec strategy(StrategySpec strategy) {
    StrategySpec s = or(strategy, new StrategySpec(null, null, null, null, null, null));
    PromotionSpec p = or(s.promotion(), new PromotionSpec(null, null));
    LinearShift linear = p.linear() == null ? null : new LinearShift(or(p.linear().stepPercent(), LINEAR_STEP_PERCENT),
        or(p.linear().stepBakeTime(), LINEAR_STEP_BAKE_TIME));
    CanaryShift canary = p.canary() == null ? null : new CanaryShift(or(p.canary().canaryPercent(), CANARY_PERCENT),
        or(p.canary().canaryBakeTime(), CANARY_BAKE_TIME));
    // The steps default only when no shorthand is given: a shorthand stands for the steps.
    List<PromotionStep> steps = p.steps() != null || linear != null || canary != null ? p.steps()
        : PROMOTION_STEPS.stream().map(PromotionStep::of).toList();
    PromotionSpec promotion = new PromotionSpec(steps, or(p.stepInterval(), STEP_INTERVAL), linear, canary);
    return new StrategySpec(or(s.previewScale(), PREVIEW_SCALE), promotion, s.autoPromoteAfter(),
        or(s.scaleDownDelay(), SCALE_DOWN_DELAY), or(s.progressDeadline(), PROGRESS_DEADLINE),
        analysis(s.analysis()), s.gates(), failFast(s.failFast()), s.bake(), s.hooks());
  }

  /**
   * Filled in only when {@code failFast} is written: absent, {@link StrategySpec#failFastOrDefaults} applies the
   * same values without writing them into the spec, so documents written before fail fast keep their spec hash.
   */
  private static FailFastSpec failFast(FailFastSpec f) {
    if (f == null) {
      return null;
    }
    return new FailFastSpec(or(f.unhealthyChecks(), FAIL_FAST_UNHEALTHY_CHECKS),
        or(f.stoppedTasks(), FAIL_FAST_STOPPED_TASKS));
  }

  private static AnalysisSpec analysis(AnalysisSpec analysis) {
    if (analysis == null || analysis.http() == null) {
      return analysis;
    }
    HttpAnalysisSpec h = analysis.http();
    return new AnalysisSpec(new HttpAnalysisSpec(h.path(), or(h.expectStatus(), ANALYSIS_EXPECT_STATUS),
        or(h.requests(), ANALYSIS_REQUESTS), or(h.maxFailures(), ANALYSIS_MAX_FAILURES)));
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static Map<String, Object> defaultsByPath() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("spec.phase", PHASE.wireName());
    d.put("spec.traffic.targetGroup.protocol", PROTOCOL);
    d.put("spec.traffic.targetGroup.healthCheck.path", HEALTH_CHECK_PATH);
    d.put("spec.traffic.targetGroup.healthCheck.intervalSeconds", HEALTH_CHECK_INTERVAL_SECONDS);
    d.put("spec.traffic.targetGroup.healthCheck.timeoutSeconds", HEALTH_CHECK_TIMEOUT_SECONDS);
    d.put("spec.traffic.targetGroup.healthCheck.healthyThreshold", HEALTHY_THRESHOLD);
    d.put("spec.traffic.targetGroup.healthCheck.unhealthyThreshold", UNHEALTHY_THRESHOLD);
    d.put("spec.traffic.targetGroup.healthCheck.matcher", MATCHER);
    d.put("spec.traffic.targetGroup.deregistrationDelaySeconds", DEREGISTRATION_DELAY_SECONDS);
    d.put("spec.strategy.previewScale", PREVIEW_SCALE);
    d.put("spec.strategy.promotion.steps", PROMOTION_STEPS);
    d.put("spec.strategy.promotion.stepInterval", GoDuration.format(STEP_INTERVAL));
    d.put("spec.strategy.promotion.linear.stepPercent", LINEAR_STEP_PERCENT);
    d.put("spec.strategy.promotion.linear.stepBakeTime", GoDuration.format(LINEAR_STEP_BAKE_TIME));
    d.put("spec.strategy.promotion.canary.canaryPercent", CANARY_PERCENT);
    d.put("spec.strategy.promotion.canary.canaryBakeTime", GoDuration.format(CANARY_BAKE_TIME));
    d.put("spec.strategy.scaleDownDelay", GoDuration.format(SCALE_DOWN_DELAY));
    d.put("spec.strategy.progressDeadline", GoDuration.format(PROGRESS_DEADLINE));
    d.put("spec.strategy.failFast.unhealthyChecks", FAIL_FAST_UNHEALTHY_CHECKS);
    d.put("spec.strategy.failFast.stoppedTasks", FAIL_FAST_STOPPED_TASKS);
    d.put("spec.strategy.analysis.http.expectStatus", ANALYSIS_EXPECT_STATUS);
    d.put("spec.strategy.analysis.http.requests", ANALYSIS_REQUESTS);
    d.put("spec.strategy.analysis.http.maxFailures", ANALYSIS_MAX_FAILURES);
    return java.util.Collections.unmodifiableMap(d);
  }
}
