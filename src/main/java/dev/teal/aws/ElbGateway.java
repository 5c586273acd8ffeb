package dev.teal.aws;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The ELBv2 operations teal uses. Implementations translate SDK errors into {@link AwsException}s. */
public interface ElbGateway {

  /**
   * The forward actions of the given routes, rules in one DescribeRules call and listeners in one
   * DescribeListeners call. Routes that do not exist are absent from the result.
   */
  Map<RouteRef, RouteState> describeRoutes(Collection<RouteRef> routes);

  /**
   * Sets a route's forward action (ModifyRule or ModifyListener) to exactly these weighted target groups.
   * What teal does not own is kept: other actions on the route (authentication), the routing action's
   * order and the forward's target group stickiness.
   */
  void setForward(RouteRef route, List<WeightedTarget> targets);

  /**
   * DescribeTargetGroups by name, one call, with their tags (DescribeTags, batched); keyed by name.
   * Names that do not exist are absent from the result.
   */
  Map<String, TargetGroupInfo> describeTargetGroupsByName(Collection<String> names);

  /** DescribeTags for up to any number of ARNs, batched as ELB allows. */
  Map<String, Map<String, String>> describeTags(Collection<String> arns);

  /**
   * CreateTargetGroup (of the settings' target type) with tags. ELB returns the existing group when one with the same
   * name and settings exists, so a retried create is harmless.
   */
  TargetGroupInfo createTargetGroup(String name, TargetGroupSettings settings, Map<String, String> tags);

  TargetHealthCounts describeTargetHealth(String targetGroupArn);

  /** Sets the group's {@code deregistration_delay.timeout_seconds} (ModifyTargetGroupAttributes). */
  void setDeregistrationDelay(String targetGroupArn, int seconds);

  /** AddTags on one resource (a rule or listener teal claims for a deployment). */
  void addTags(String arn, Map<String, String> tags);

  /** DeleteTargetGroup; a group that is already gone counts as deleted. */
  void deleteTargetGroup(String targetGroupArn);
}
