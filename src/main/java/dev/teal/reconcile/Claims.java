package dev.teal.reconcile;

import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.RouteRef;
import dev.teal.aws.RouteState;
import dev.teal.aws.TargetHealthCounts;
import dev.teal.aws.WeightedTarget;
import dev.teal.model.OwnershipTags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims: one deployment per ECS service and per route. A deployment claims its service and its production
 * and test routes with teal's tags ({@code teal.dev/managed-by=teal}, {@code teal.dev/deployment=NAME}) the
 * first time it acts on them, before any other write. Pure: decides from the observation alone.
 *
 * <ul>
 *   <li>A service or route claimed by another live deployment (its document exists and names it), or a
 *   service running another live deployment's task sets, refuses this document before any AWS write.
 *   <li>A route not yet claimed is taken only if every target group it forwards to is one this service's
 *   task sets use, one of this deployment's own, or an empty one (no registered targets: a placeholder
 *   that serves nothing). A route that serves something else is refused.
 *   <li>A claim of a document that no longer exists (or no longer names the resource) is void: {@code teal
 *   delete} releases a deployment's claims, and the next document naming the resource takes it over.
 * </ul>
 */
final class Claims {

  /** The tag keys of a claim: who manages the resource and for which deployment. */
  static final Set<String> CLAIM_KEYS = Set.of(OwnershipTags.MANAGED_BY, OwnershipTags.DEPLOYMENT);

  private Claims() {}

  /**
   * What the claims say: a refusal, or the next claim to make, and the routes claimed so far.
   *
   * @param reason and {@code message}: why this document is refused; null when it is not
   * @param action the next claim to make (a tag to write), or null when everything is claimed
   * @param claimed the route ARNs this deployment holds a claim on now
   */
  record Verdict(String reason, String message, Action action, List<String> claimed) {

    boolean refused() {
      return reason != null;
    }
  }

  /**
   * The planning step, right after the preconditions: throws {@link CannotAct} when another deployment
   * holds the service or a route (phase Failed, before any AWS write); otherwise records the routes
   * claimed so far and returns the next claim to make, the first of all writes, or null.
   */
  static Action claim(PlanningPass p) {
    Map<String, RouteRef> routes = new LinkedHashMap<>();
    routes.put(Planner.PRODUCTION, p.production);
    routes.put(Planner.TEST, p.test);
    Verdict verdict = check(p.ctx.name(), p.spec.cluster(), p.observed, routes, p.ctx.status().claimed());
    if (verdict.refused()) {
      throw new CannotAct(verdict.reason(), verdict.message());
    }
    p.draft.claimed = verdict.claimed();
    return verdict.action();
  }

  /** The deployment a resource's tags claim it for, or null when they claim nothing. */
  static String owner(Map<String, String> tags) {
    if (tags == null || !OwnershipTags.MANAGED_BY_VALUE.equals(tags.get(OwnershipTags.MANAGED_BY))) {
      return null;
    }
    return tags.get(OwnershipTags.DEPLOYMENT);
  }

  /** The tags that claim a resource for {@code deployment}. */
  static Map<String, String> claimTags(String deployment) {
    return Map.of(OwnershipTags.MANAGED_BY, OwnershipTags.MANAGED_BY_VALUE, OwnershipTags.DEPLOYMENT, deployment);
  }

  /**
   * @param recorded the route ARNs the status says this deployment claimed (their tags are not read again)
   */
  static Verdict check(String name, String cluster, Observed observed, Map<String, RouteRef> routes,
      List<String> recorded) {
    EcsService service = observed.service();
    String serviceName = cluster + "/" + service.name();
    String serviceOwner = owner(service.tags());
    if (isOther(serviceOwner, name, observed)) {
      return refuse(Reasons.CLAIMED_BY_ANOTHER_DEPLOYMENT, "ECS service " + serviceName + " belongs to deployment '"
          + serviceOwner + "' (its " + OwnershipTags.DEPLOYMENT + " tag); a service is managed by one document at a"
          + " time: delete '" + serviceOwner + "' first to move it to this one");
    }
    for (EcsTaskSet ts : service.taskSets()) {
      String owner = owner(ts.tags());
      if (!EcsTaskSet.DRAINING.equals(ts.status()) && isOther(owner, name, observed)) {
        return refuse(Reasons.CLAIMED_BY_ANOTHER_DEPLOYMENT, "ECS service " + serviceName + " runs task set "
            + ts.id() + " of deployment '" + owner + "'; a service is managed by one document at a time: delete '"
            + owner + "' first to move it to this one");
      }
    }
    List<String> claimed = new ArrayList<>();
    Action next = null;
    if (!name.equals(serviceOwner)) {
      next = new Action.ClaimService(name, cluster, service.name(), service.arn(), claimTags(name), serviceOwner);
    }
    for (Map.Entry<String, RouteRef> entry : routes.entrySet()) {
      RouteRef ref = entry.getValue();
      if (recorded.contains(ref.arn()) && observed.tagsOf(ref.arn()).isEmpty()) {
        claimed.add(ref.arn()); // claimed before; its tags were not read again
        continue;
      }
      String owner = observed.tagsOf(ref.arn()).map(Claims::owner).orElse(null);
      String what = entry.getKey() + " " + describe(ref);
      if (isOther(owner, name, observed)) {
        return refuse(Reasons.CLAIMED_BY_ANOTHER_DEPLOYMENT, what + " belongs to deployment '" + owner + "' (its "
            + OwnershipTags.DEPLOYMENT + " tag); a route is managed by one document at a time: delete '" + owner
            + "' first to move it to this one");
      }
      if (name.equals(owner)) {
        claimed.add(ref.arn());
        continue;
      }
      RouteState state = observed.route(ref).orElseThrow();
      String foreign = servesSomethingElse(name, service, state, observed);
      if (foreign != null) {
        String reason = foreign.startsWith("deployment ") ? Reasons.CLAIMED_BY_ANOTHER_DEPLOYMENT
            : Reasons.ROUTE_SERVES_ANOTHER_SERVICE;
        return refuse(reason, what + " forwards to " + foreign + "; teal takes over a route only if it forwards to"
            + " target groups of ECS service " + serviceName + "'s task sets, of this deployment, or to empty ones");
      }
      if (next == null) {
        next = new Action.ClaimRoute(name, entry.getKey(), ref, claimTags(name), owner);
      }
    }
    return new Verdict(null, null, next, List.copyOf(claimed));
  }

  /**
   * Why a route not yet claimed serves something other than this service, or null when it does not: a
   * target group it forwards to that belongs to another live deployment, or that has targets and is used
   * by none of this service's task sets.
   */
  private static String servesSomethingElse(String name, EcsService service, RouteState route, Observed observed) {
    for (WeightedTarget target : route.forward()) {
      String group = target.targetGroupArn();
      boolean usedByTheService = service.taskSets().stream()
          .anyMatch(t -> !EcsTaskSet.DRAINING.equals(t.status()) && t.targetGroupArns().contains(group));
      String owner = observed.tagsOf(group).map(Claims::owner).orElse(null);
      if (isOther(owner, name, observed)) {
        return "deployment '" + owner + "''s target group " + Observed.nameOf(group);
      }
      if (usedByTheService || name.equals(owner)) {
        continue;
      }
      if (!observed.health().containsKey(group)) {
        return "target group " + Observed.nameOf(group) + ", whose targets could not be read";
      }
      TargetHealthCounts health = observed.healthOf(group);
      if (health.total() > 0) {
        return "target group " + Observed.nameOf(group) + ", which has " + health.total() + " registered target(s)"
            + " and is used by no task set of this service";
      }
    }
    return null;
  }

  /** A claim by another deployment that still holds. */
  private static boolean isOther(String owner, String name, Observed observed) {
    return owner != null && !owner.equals(name) && observed.liveClaimants().contains(owner);
  }

  private static Verdict refuse(String reason, String message) {
    return new Verdict(reason, message, null, List.of());
  }

  private static String describe(RouteRef ref) {
    return (ref.kind() == RouteRef.Kind.RULE ? "rule " : "listener ") + ref.arn();
  }
}
