package dev.teal.reconcile;

import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.TargetGroupInfo;
import dev.teal.model.RevisionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Clean-up: the resources of retired revisions ({@code draft.retired}) are deleted, task set first,
 * then target group, never while a route forwards (or is meant to forward) to them, and only what teal
 * owns. A revision leaves {@code retired} once nothing of it is left.
 */
final class CleanUp {

  private CleanUp() {}

  /** Deletes retired revisions' task sets, then their target groups, never while a route forwards to them. */
  static Action next(PlanningPass p) {
    for (RevisionStatus r : List.copyOf(p.draft.retired)) {
      String tgArn = r.targetGroup() != null ? r.targetGroup() : teamNamedGroupArn(p, r.revision()).orElse(null);
      if (tgArn != null && routedTo(p, tgArn)) {
        p.progress(Reasons.CLEANING_UP, "waiting for the routes to leave revision " + r.revision());
        continue;
      }
      Optional<EcsTaskSet> ts = p.liveTaskSet(r.taskSet())
          .or(() -> p.observed.service().taskSetWithExternalId(r.revision())
              .filter(t -> Revisions.ownedBy(t.tags(), p.ctx.name())));
      if (ts.isPresent() && !ts.get().isPrimary()) {
        p.progress(Reasons.CLEANING_UP, "deleting revision " + r.revision());
        return new Action.DeleteTaskSet(r.revision(), p.spec.cluster(), p.spec.service(), ts.get().arn());
      }
      if (!r.isAdopted() && drainingUses(p, r, tgArn)) {
        // A deleted task set drains for its group's deregistration delay; the group must outlive it.
        p.progress(Reasons.CLEANING_UP, "waiting for the task set of revision " + r.revision() + " to drain"
            + " before deleting its target group");
        p.waitAtMost(p.pollInterval);
        continue;
      }
      if (!r.isAdopted()) {
        String name = Revisions.targetGroupName(p.ctx.name(), r.revision());
        Optional<TargetGroupInfo> group = p.observed.targetGroupNamed(name)
            .filter(g -> Revisions.ownedBy(g.tags(), p.ctx.name()));
        if (group.isPresent()) {
          p.progress(Reasons.CLEANING_UP, "deleting revision " + r.revision());
          return new Action.DeleteTargetGroup(r.revision(), group.get().arn());
        }
        boolean known = p.observed.targetGroups().containsKey(name) || p.observed.missingTargetGroups().contains(name);
        if (!known && r.targetGroup() != null) {
          p.progress(Reasons.CLEANING_UP, "deleting revision " + r.revision());
          return new Action.DeleteTargetGroup(r.revision(), r.targetGroup()); // recorded as created by teal
        }
        if (!known) {
          p.progress(Reasons.CLEANING_UP, "looking for the target group of revision " + r.revision());
          p.waitAtMost(Duration.ofMillis(1)); // the next reconcile looks it up by name
          continue;
        }
      }
      p.draft.retired.remove(r);
      p.draft.normal(Reasons.CLEANED_UP, "deleted the resources of revision " + r.revision()
          + (r.image() == null ? "" : " (" + r.image() + ")"));
    }
    return null;
  }

  /** Whether a DRAINING task set of the service is the revision's, or still uses its target group. */
  private static boolean drainingUses(PlanningPass p, RevisionStatus r, String tgArn) {
    return p.observed.taskSets().stream().filter(t -> EcsTaskSet.DRAINING.equals(t.status()))
        .anyMatch(t -> t.arn().equals(r.taskSet()) || r.revision().equals(t.externalId())
            || tgArn != null && t.targetGroupArns() != null && t.targetGroupArns().contains(tgArn));
  }

  private static Optional<String> teamNamedGroupArn(PlanningPass p, String revision) {
    return p.observed.targetGroupNamed(Revisions.targetGroupName(p.ctx.name(), revision)).map(TargetGroupInfo::arn);
  }

  private static boolean routedTo(PlanningPass p, String targetGroupArn) {
    boolean observedRoute = p.observed.routes().values().stream().anyMatch(r -> r.references(targetGroupArn));
    boolean intended = p.draft.productionIntent.stream().anyMatch(w -> targetGroupArn.equals(w.targetGroup()))
        || p.draft.testIntent.stream().anyMatch(w -> targetGroupArn.equals(w.targetGroup()));
    return observedRoute || intended;
  }
}
