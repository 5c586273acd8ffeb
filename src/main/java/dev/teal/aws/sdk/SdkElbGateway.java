package dev.teal.aws.sdk;

import static dev.teal.aws.sdk.AwsErrors.call;
import static dev.teal.aws.sdk.AwsErrors.run;

import dev.teal.aws.AwsNotFoundException;
import dev.teal.aws.ElbGateway;
import dev.teal.aws.MutatingCallFence;
import dev.teal.aws.RouteRef;
import dev.teal.aws.RouteState;
import dev.teal.aws.TargetGroupInfo;
import dev.teal.aws.TargetGroupSettings;
import dev.teal.aws.TargetHealthCounts;
import dev.teal.aws.WeightedTarget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** {@link ElbGateway} over the SDK's {@link ElasticLoadBalancingV2Client}. */
public final class SdkElbGateway implements ElbGateway {

  /** DescribeTags accepts at most twenty resource ARNs per call. */
  static final int DESCRIBE_TAGS_BATCH = 20;
  /** ELB's deregistration delay when a target group does not set one. */
  static final int DEFAULT_DEREGISTRATION_DELAY_SECONDS = 300;
  static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";

  private final ElasticLoadBalancingV2Client elb;
  private final ElbDescribes describes;
  private final FencedRequests fenced;

  /** A gateway whose mutating calls are not fenced (the CLI, single-reconciler tests). */
  public SdkElbGateway(ElasticLoadBalancingV2Client elb) {
    this(elb, MutatingCallFence.NONE);
  }

  /** @param fence asked when each mutating call starts and before each of its attempts is sent */
  public SdkElbGateway(ElasticLoadBalancingV2Client elb, MutatingCallFence fence) {
    this.elb = elb;
    this.describes = new ElbDescribes(elb);
    this.fenced = new FencedRequests(fence);
  }

  @Override
  public Map<RouteRef, RouteState> describeRoutes(Collection<RouteRef> routes) {
    List<String> ruleArns = arnsOf(routes, RouteRef.Kind.RULE);
    List<String> listenerArns = arnsOf(routes, RouteRef.Kind.LISTENER);
    Map<String, Rule> rules = byArn(describes.rules(ruleArns), Rule::ruleArn);
    Map<String, Listener> listeners = byArn(describes.listeners(listenerArns), Listener::listenerArn);
    Map<RouteRef, RouteState> states = new LinkedHashMap<>();
    for (RouteRef route : routes) {
      if (route.kind() == RouteRef.Kind.RULE && rules.containsKey(route.arn())) {
        Rule rule = rules.get(route.arn());
        states.put(route, new RouteState(route, RouteActions.forwardOf(rule.actions()),
            RouteActions.hostHeaderOf(rule.conditions())));
      } else if (route.kind() == RouteRef.Kind.LISTENER && listeners.containsKey(route.arn())) {
        states.put(route, new RouteState(route, RouteActions.forwardOf(listeners.get(route.arn()).defaultActions()),
            Optional.empty()));
      }
    }
    return states;
  }

  /**
   * Reads the route's actions first (one Describe call) so that ModifyRule/ModifyListener, which
   * replace the whole list, keep what teal does not own; see {@link RouteActions#withForward}.
   */
  @Override
  public void setForward(RouteRef route, List<WeightedTarget> targets) {
    if (route.kind() == RouteRef.Kind.RULE) {
      var current = call("elb:DescribeRules", () -> elb.describeRules(r -> r.ruleArns(route.arn()))).rules();
      var actions = RouteActions.withForward(current.isEmpty() ? List.of() : current.get(0).actions(), targets);
      run("elb:ModifyRule", () -> elb.modifyRule(r -> r.ruleArn(route.arn()).actions(actions)
          .overrideConfiguration(fenced.mutating("elb:ModifyRule"))));
    } else {
      var current = call("elb:DescribeListeners", () -> elb.describeListeners(r -> r.listenerArns(route.arn())))
          .listeners();
      var actions = RouteActions.withForward(current.isEmpty() ? List.of() : current.get(0).defaultActions(), targets);
      run("elb:ModifyListener", () -> elb.modifyListener(r -> r.listenerArn(route.arn()).defaultActions(actions)
          .overrideConfiguration(fenced.mutating("elb:ModifyListener"))));
    }
  }

  @Override
  public Map<String, TargetGroupInfo> describeTargetGroupsByName(Collection<String> names) {
    List<TargetGroup> groups = describes.targetGroupsByName(List.copyOf(names));
    Map<String, Map<String, String>> tags = describeTags(groups.stream().map(TargetGroup::targetGroupArn).toList());
    Map<String, TargetGroupInfo> byName = new LinkedHashMap<>();
    for (TargetGroup g : groups) {
      // A group found by name may have been created by a run that stopped before configuring it.
      byName.put(g.targetGroupName(), info(g, tags.getOrDefault(g.targetGroupArn(), Map.of()))
          .withDeregistrationDelay(deregistrationDelayOf(g.targetGroupArn())));
    }
    return byName;
  }

  @Override
  public Map<String, Map<String, String>> describeTags(Collection<String> arns) {
    Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    for (List<String> batch : Batches.of(arns, DESCRIBE_TAGS_BATCH)) {
      var response = call("elb:DescribeTags", () -> elb.describeTags(r -> r.resourceArns(batch)));
      response.tagDescriptions().forEach(d -> tags.put(d.resourceArn(), tagMap(d.tags())));
    }
    return tags;
  }

  /**
   * The deregistration delay is set only when it differs from ELB's default, saving a call on the
   * common path. ModifyTargetGroupAttributes sets an absolute value, so repeating it is harmless.
   */
  @Override
  public TargetGroupInfo createTargetGroup(String name, TargetGroupSettings s, Map<String, String> tags) {
    var request = CreateTargetGroupRequest.builder()
        .name(name)
        // ECS needs ip targets for awsvpc tasks and instance targets for bridge/host ones, and refuses a
        // task set whose target group has the other type.
        .targetType(TargetTypeEnum.fromValue(s.targetType()))
        .protocol(s.protocol())
        .port(s.port())
        .vpcId(s.vpcId())
        .healthCheckPath(s.healthCheckPath())
        .healthCheckIntervalSeconds(s.healthCheckIntervalSeconds())
        .healthCheckTimeoutSeconds(s.healthCheckTimeoutSeconds())
        .healthyThresholdCount(s.healthyThreshold())
        .unhealthyThresholdCount(s.unhealthyThreshold())
        .matcher(m -> m.httpCode(s.matcher()))
        .overrideConfiguration(fenced.mutating("elb:CreateTargetGroup"));
    if (!tags.isEmpty()) {
      request.tags(sdkTags(tags));
    }
    TargetGroup created = call("elb:CreateTargetGroup", () -> elb.createTargetGroup(request.build()))
        .targetGroups().get(0);
    if (s.deregistrationDelaySeconds() != DEFAULT_DEREGISTRATION_DELAY_SECONDS) {
      setDeregistrationDelay(created.targetGroupArn(), s.deregistrationDelaySeconds());
    }
    return info(created, tags).withDeregistrationDelay(s.deregistrationDelaySeconds());
  }

  @Override
  public void setDeregistrationDelay(String targetGroupArn, int seconds) {
    run("elb:ModifyTargetGroupAttributes", () -> elb.modifyTargetGroupAttributes(r -> r
        .targetGroupArn(targetGroupArn)
        .attributes(a -> a.key(DEREGISTRATION_DELAY).value(String.valueOf(seconds)))
        .overrideConfiguration(fenced.mutating("elb:ModifyTargetGroupAttributes"))));
  }

  private int deregistrationDelayOf(String targetGroupArn) {
    var attributes = call("elb:DescribeTargetGroupAttributes",
        () -> elb.describeTargetGroupAttributes(r -> r.targetGroupArn(targetGroupArn))).attributes();
    return attributes.stream().filter(a -> DEREGISTRATION_DELAY.equals(a.key())).findFirst()
        .map(a -> Integer.parseInt(a.value())).orElse(DEFAULT_DEREGISTRATION_DELAY_SECONDS);
  }

  /**
   * Counts by ALB target state. {@code unhealthy.draining} (deregistering after failing its checks)
   * counts as draining, as it no longer receives requests; unused and unavailable count as other.
   */
  @Override
  public TargetHealthCounts describeTargetHealth(String targetGroupArn) {
    var response = call("elb:DescribeTargetHealth", () -> elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)));
    int healthy = 0;
    int initial = 0;
    int unhealthy = 0;
    int draining = 0;
    int other = 0;
    for (TargetHealthDescription d : response.targetHealthDescriptions()) {
      String state = d.targetHealth() == null ? "" : d.targetHealth().stateAsString();
      switch (Objects.requireNonNullElse(state, "")) {
        case "healthy" -> healthy++;
        case "initial" -> initial++;
        case "unhealthy" -> unhealthy++;
        case "draining", "unhealthy.draining" -> draining++;
        default -> other++;
      }
    }
    return new TargetHealthCounts(healthy, initial, unhealthy, draining, other);
  }

  @Override
  public void addTags(String arn, Map<String, String> tags) {
    if (tags.isEmpty()) {
      return; // AddTags requires at least one tag
    }
    run("elb:AddTags", () -> elb.addTags(r -> r.resourceArns(arn).tags(sdkTags(tags))
        .overrideConfiguration(fenced.mutating("elb:AddTags"))));
  }

  @Override
  public void deleteTargetGroup(String targetGroupArn) {
    try {
      run("elb:DeleteTargetGroup", () -> elb.deleteTargetGroup(r -> r.targetGroupArn(targetGroupArn)
          .overrideConfiguration(fenced.mutating("elb:DeleteTargetGroup"))));
    } catch (AwsNotFoundException e) {
      // Already gone: the goal of the call is met.
    }
  }

  private static TargetGroupInfo info(TargetGroup g, Map<String, String> tags) {
    int interval = g.healthCheckIntervalSeconds() == null ? 0 : g.healthCheckIntervalSeconds();
    return new TargetGroupInfo(g.targetGroupArn(), g.targetGroupName(), interval, tags);
  }

  private static List<String> arnsOf(Collection<RouteRef> routes, RouteRef.Kind kind) {
    return routes.stream().filter(r -> r.kind() == kind).map(RouteRef::arn).distinct().toList();
  }

  private static <T> Map<String, T> byArn(List<T> items, Function<T, String> arn) {
    Map<String, T> map = new LinkedHashMap<>();
    items.forEach(i -> map.put(arn.apply(i), i));
    return map;
  }

  static Map<String, String> tagMap(List<Tag> tags) {
    Map<String, String> map = new LinkedHashMap<>();
    // ELB tag values are optional; a missing one reads as "".
    tags.forEach(t -> map.put(t.key(), Objects.requireNonNullElse(t.value(), "")));
    return Collections.unmodifiableMap(map);
  }

  private static List<Tag> sdkTags(Map<String, String> tags) {
    List<Tag> list = new ArrayList<>();
    tags.forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
    return list;
  }
}
