package dev.teal.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current forward action of a route.
 *
 * @param forward the weighted target groups, in the order ELB reports them; empty when the action is
 *     not a forward (a fixed response or a redirect)
 * @param hostHeader the literal host the rule matches, if it has a host-header condition; analysis
 *     requests carry it so they reach this rule
 */
public record RouteState(RouteRef route, List<WeightedTarget> forward, Optional<String> hostHeader) {

  public Map<String, Integer> weights() {
    var weights = new java.util.LinkedHashMap<String, Integer>();
    forward.forEach(t -> weights.merge(t.targetGroupArn(), t.weight(), Integer::sum));
    return weights;
  }

  public int weightOf(String targetGroupArn) {
    return weights().getOrDefault(targetGroupArn, 0);
  }

  public boolean references(String targetGroupArn) {
    return forward.stream().anyMatch(t -> t.targetGroupArn().equals(targetGroupArn));
  }

  public RouteState withForward(List<WeightedTarget> newForward) {
    return new RouteState(route, List.copyOf(newForward), hostHeader);
  }
}
