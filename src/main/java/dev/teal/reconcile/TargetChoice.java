package dev.teal.reconcile;

import dev.teal.model.DesiredPhase;
import dev.teal.reconcile.Target.Mode;

/**
 * Target choice: what the spec asks to run, when stable is not already that. A new revision (a new
 * image, a sidecar's image in {@code spec.images}, a new revision of a followed task definition family,
 * or a first deployment); under {@code phase: rollback} the last stable image, on blue while it still
 * runs. Nothing when the same attempt already failed ({@code draft.aborted}); a new attempt clears that
 * and tries again: any spec change but the control requests that are not one, or {@code teal retry}
 * raising {@code spec.control.retry} ({@link PlanningPass#attemptHash}). An undo is a spec change like
 * any other: {@code teal undo} writes the image back.
 */
final class TargetChoice {

  private TargetChoice() {}

  /** Sets {@link PlanningPass#target}; never acts. */
  static Action choose(PlanningPass p) {
    p.target = wanted(p);
    return null;
  }

  private static Target wanted(PlanningPass p) {
    if (p.spec.phase() == DesiredPhase.ROLLBACK) {
      return rollbackTarget(p);
    }
    String template = p.observed.templateArn();
    String revision = Revisions.idFor(p.ctx.name(), p.spec, template);
    if (p.draft.stable != null && servesTheSpec(p, revision, template)) {
      return null;
    }
    if (p.draft.aborted != null) {
      if (revision.equals(p.draft.aborted.revision()) && p.attemptHash.equals(p.draft.aborted.specHash())) {
        p.blockedByAbort = true;
        return null;
      }
      p.draft.aborted = null; // a new attempt: try again
    }
    requireTheTemplatesContainers(p);
    return new Target(revision, p.spec.image(), p.draft.stable == null ? Mode.FIRST : Mode.NORMAL,
        p.spec.containerImages(), template);
  }

  /**
   * Whether stable already is what the spec asks for: the same revision id, or the same spec made by
   * an earlier teal (whose ids did not count the template) or adopted (no teal id: its image decides),
   * from the template the family resolves to now. Such a stable that has no template on record takes the
   * family's current one as its own (teal's baseline: the family as it was when teal first looked), so
   * adopting a service or upgrading teal starts nothing, and the family's next revision does.
   */
  private static boolean servesTheSpec(PlanningPass p, String revision, String template) {
    var stable = p.draft.stable;
    if (revision.equals(stable.revision())) {
      return true;
    }
    boolean sidecars = p.spec.containerImages().size() > 1;
    boolean sameSpec = stable.revision().equals(Revisions.idFor(p.ctx.name(), p.spec))
        || stable.isAdopted() && !sidecars && stable.image().equals(p.spec.image());
    if (!sameSpec || template == null) {
      return sameSpec;
    }
    if (stable.template() == null) {
      p.draft.updateRevision(stable.withTemplate(template));
      return true;
    }
    return template.equals(stable.template());
  }

  /** Every container the spec sets an image for must be in the template, else nothing can be registered. */
  private static void requireTheTemplatesContainers(PlanningPass p) {
    var template = p.observed.template();
    if (template == null || template.containerImages() == null) {
      return;
    }
    var missing = p.spec.containerImages().keySet().stream()
        .filter(c -> !template.containerImages().containsKey(c)).sorted().toList();
    if (!missing.isEmpty()) {
      throw new CannotAct(Reasons.CONTAINER_NOT_FOUND, "task definition " + template.arn() + " has no container named "
          + String.join(", ", missing) + " (it has " + template.containerImages().keySet().stream().sorted().toList()
          + "); fix spec.images or spec.container");
    }
  }

  /**
   * The previous attempt of the target's revision (aborted, then retried) is still being deleted: its
   * task set and target group carry the same names, so green waits until they are gone.
   */
  static boolean previousAttemptStillBeingRemoved(PlanningPass p) {
    if (p.target == null || p.draft.retired.stream().noneMatch(r -> p.target.revision().equals(r.revision()))) {
      return false;
    }
    p.progress(Reasons.CLEANING_UP, "waiting for the aborted attempt of revision " + p.target.revision()
        + " to be deleted before it runs again");
    p.waitAtMost(p.pollInterval);
    return true;
  }

  private static Target rollbackTarget(PlanningPass p) {
    if (p.draft.stable == null || !p.draft.stable.image().equals(p.spec.image())) {
      return null; // production is not on the image being rolled back; only green has to go
    }
    if (p.draft.previous == null && p.draft.preview != null && !p.draft.preview.image().equals(p.spec.image())) {
      return new Target(p.draft.preview.revision(), p.draft.preview.image(), Mode.ROLLBACK); // flip under way
    }
    if (p.draft.previous == null) {
      if (p.draft.preview == null) {
        throw new CannotAct(Reasons.NO_ROLLBACK_TARGET, p.spec.image()
            + " is the only image teal has run in production for this deployment; there is nothing to roll back to");
      }
      return null;
    }
    if (p.liveTaskSet(p.draft.previous.taskSet()).isPresent()) {
      return new Target(p.draft.previous.revision(), p.draft.previous.image(), Mode.ROLLBACK); // blue still runs
    }
    String image = p.draft.previous.image();
    return new Target(Revisions.idFor(p.ctx.name(), p.spec.withImage(image), p.observed.templateArn()), image,
        Mode.ROLLBACK, p.spec.withImage(image).containerImages(), p.observed.templateArn());
  }
}
