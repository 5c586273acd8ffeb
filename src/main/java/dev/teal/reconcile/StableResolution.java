package dev.teal.reconcile;

import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.RouteState;
import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.model.OwnershipTags;
import dev.teal.model.RevisionStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stable resolution and adoption: which revision serves production. The one in the status while its
 * task set lives; else the service's primary task set (or, as ECS makes no task set primary by itself,
 * the one production runs on), taken back when teal tagged it, adopted (tagged, and made primary) when
 * production already runs on it; else none (a first deployment).
 */
final class StableResolution {

  private StableResolution() {}

  /** Settles {@code draft.stable}; acts only to tag a task set it adopts. */
  static Action resolve(PlanningPass p) {
    if (p.draft.stable != null) {
      Optional<EcsTaskSet> live = p.liveTaskSet(p.draft.stable.taskSet());
      if (live.isPresent()) {
        return reTagAdoptedIfNeeded(p, live.get());
      }
      p.draft.warning(Reasons.STABLE_LOST, "stable task set " + p.draft.stable.taskSet()
          + " no longer exists; taking the service's primary task set, or deploying afresh");
      p.draft.stable = null;
    }
    // The primary task set, or the one production runs on when none is primary; never green's own.
    Optional<EcsTaskSet> candidate = StableCandidate.of(p.observed.service(),
        p.observed.route(p.production).orElseThrow(), p.draft.preview == null ? null : p.draft.preview.taskSet());
    if (candidate.isEmpty()) {
      return null; // first deployment
    }
    EcsTaskSet ts = candidate.get();
    TaskDefinitionInfo definition = p.observed.taskDefinitionWithArn(ts.taskDefinition()).orElse(null);
    if (definition == null) {
      throw new CannotAct(Reasons.TASK_DEFINITION_NOT_FOUND, "task definition " + ts.taskDefinition()
          + " of task set " + ts.id() + ", which teal would adopt as stable, could not be read");
    }
    String image = definition.containerImages().get(p.spec.container());
    if (image == null) {
      throw new CannotAct(Reasons.CONTAINER_NOT_FOUND, "task definition " + ts.taskDefinition()
          + " has no container named " + p.spec.container());
    }
    if (Revisions.ownedBy(ts.tags(), p.ctx.name())) {
      // Ours already (the status was lost or the document re-created): take it back as it is.
      String revision = ts.tags().getOrDefault(OwnershipTags.REVISION, Revisions.adoptedId(ts.arn()));
      boolean adopted = ts.tags().containsKey(OwnershipTags.ADOPTED);
      p.draft.stable = new RevisionStatus(revision, image, ts.taskDefinition(), ts.arn(), ts.targetGroupArn(),
          adopted ? Boolean.TRUE : null);
      initialiseIntentOnStable(p);
      return null;
    }
    RouteState prod = p.observed.route(p.production).orElseThrow();
    boolean productionOnPrimary = prod.weights().entrySet().stream()
        .allMatch(e -> e.getValue() == 0 || e.getKey().equals(ts.targetGroupArn()));
    if (!productionOnPrimary || prod.weightOf(ts.targetGroupArn()) == 0) {
      throw new CannotAct(Reasons.PRODUCTION_NOT_ON_STABLE, "production " + p.describe(p.production)
          + " does not forward to the primary task set's target group " + ts.targetGroupArn()
          + "; teal adopts a service only when production already runs on its primary task set");
    }
    String revision = Revisions.adoptedId(ts.arn());
    p.draft.stable = new RevisionStatus(revision, image, ts.taskDefinition(), ts.arn(), ts.targetGroupArn(), true);
    initialiseIntentOnStable(p);
    p.draft.normal(Reasons.ADOPTED, "adopted " + (ts.isPrimary() ? "primary " : "") + "task set " + ts.id()
        + " running " + image + " as stable");
    return adoptAction(p, ts);
  }

  private static Action reTagAdoptedIfNeeded(PlanningPass p, EcsTaskSet live) {
    // A crash between recording the adoption and tagging leaves an untagged adopted task set; the
    // observer reads adopted task sets' tags on every reconcile, so the tagging is finished here.
    if (p.draft.stable.isAdopted() && !Revisions.ownedBy(live.tags(), p.ctx.name())) {
      return adoptAction(p, live);
    }
    // Adopted while no task set was primary (ECS makes none primary by itself): make it the primary one,
    // as the stable revision's task set is everywhere else.
    if (p.draft.stable.isAdopted() && p.observed.service().primaryTaskSet().isEmpty()) {
      return new Action.MakePrimary(p.draft.stable.revision(), p.spec.cluster(), p.spec.service(), live.arn());
    }
    return null;
  }

  private static Action adoptAction(PlanningPass p, EcsTaskSet ts) {
    var tags = new HashMap<>(Revisions.tags(p.ctx.name(), p.draft.stable.revision()));
    tags.put(OwnershipTags.ADOPTED, "true");
    return new Action.AdoptTaskSet(p.draft.stable.revision(), ts.arn(), Map.copyOf(tags));
  }

  private static void initialiseIntentOnStable(PlanningPass p) {
    if (p.draft.productionIntent.isEmpty()) {
      p.draft.productionIntent = List.of(p.weight(p.draft.stable, 100));
    }
    if (p.draft.testIntent.isEmpty()) {
      p.draft.testIntent = List.of(p.weight(p.draft.stable, 100));
    }
  }
}
