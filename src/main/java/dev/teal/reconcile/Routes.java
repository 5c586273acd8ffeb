package dev.teal.reconcile;

import dev.teal.aws.RouteRef;
import dev.teal.aws.RouteState;
import dev.teal.aws.WeightedTarget;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Routes and drift: the production and test routes are made to forward what the draft's intent says.
 * The other units only edit the intent ({@code draft.productionIntent}, {@code draft.testIntent}); this
 * unit turns a difference between intent and route into a {@link Action.SetRoute}, and tells a route
 * someone else changed (drift) from one this pass is moving.
 */
final class Routes {

  private Routes() {}

  /** Makes the routes match the drafted intent; production first, so green loses traffic before anything else. */
  static Action enforce(PlanningPass p) {
    Action action = enforce(p, Planner.PRODUCTION, p.production, p.draft.productionIntent, p.draft.productionInPlace,
        seen -> p.draft.productionInPlace = seen);
    return action != null ? action : enforce(p, Planner.TEST, p.test, p.draft.testIntent, p.draft.testInPlace,
        seen -> p.draft.testInPlace = seen);
  }

  /**
   * @param inPlace the intent this route was last seen forwarding: only a route that has reached its intent
   *     and left it since was changed by someone else. An intent written but not reached yet (both routes
   *     change in one write and are set one call after the other; a crash or a deferral came between) is
   *     teal's own work in progress, not drift.
   */
  private static Action enforce(PlanningPass p, String name, RouteRef ref, List<RouteWeight> intent,
      List<RouteWeight> inPlace, Consumer<List<RouteWeight>> seenInPlace) {
    if (intent.isEmpty()) {
      return null; // teal does not drive this route yet
    }
    RouteState state = p.observed.route(ref).orElseThrow();
    Map<String, Integer> wanted = new LinkedHashMap<>();
    intent.forEach(w -> wanted.merge(w.targetGroup(), w.weight(), Integer::sum));
    if (shares(state.weights()).equals(shares(wanted))) {
      if (!intent.equals(inPlace)) {
        seenInPlace.accept(intent);
      }
      return null; // ALB weights are relative: {blue: 1} already is {blue: 100}
    }
    if (intent.equals(inPlace)) {
      // The route forwarded exactly this intent before and does not now: someone else changed it.
      p.draft.warning(Reasons.ROUTE_RESTORED, name + " " + p.describe(ref) + " forwarded " + render(state.weights())
          + " instead of " + render(wanted) + "; restored");
    }
    List<WeightedTarget> targets = intent.stream().map(w -> new WeightedTarget(w.targetGroup(), w.weight())).toList();
    return new Action.SetRoute(intent.get(intent.size() - 1).revision(), name, ref, targets);
  }

  /** Production and test intent both back to stable alone (when there is a stable revision). */
  static void bothToStable(PlanningPass p) {
    if (p.draft.stable != null) {
      p.draft.productionIntent = List.of(p.weight(p.draft.stable, 100));
      p.draft.testIntent = List.of(p.weight(p.draft.stable, 100));
    }
  }

  /** {@code main} plus, at weight 0, a revision whose target group must stay health-checked. */
  static List<RouteWeight> withAttached(PlanningPass p, RouteWeight main, RevisionStatus attached) {
    if (attached == null || attached.targetGroup() == null || attached.targetGroup().equals(main.targetGroup())) {
      return List.of(main);
    }
    return List.of(main, p.weight(attached, 0));
  }

  /** Each target group's share of the traffic in percent, so equivalent weightings compare equal. */
  static Map<String, Long> shares(Map<String, Integer> weights) {
    long total = weights.values().stream().mapToLong(Integer::longValue).sum();
    Map<String, Long> shares = new HashMap<>();
    weights.forEach((tg, w) -> shares.put(tg, total == 0 ? 0 : Math.round(w * 100.0 / total)));
    return shares;
  }

  static String render(Map<String, Integer> weights) {
    var parts = new ArrayList<String>();
    weights.forEach((arn, w) -> parts.add(shortName(arn) + "=" + w));
    return "{" + String.join(", ", parts) + "}";
  }

  private static String shortName(String targetGroupArn) {
    String[] parts = targetGroupArn.split("/");
    return parts.length >= 2 ? parts[parts.length - 2] : targetGroupArn;
  }
}
