package dev.teal.reconcile;

import dev.teal.aws.ApplicationAutoScaling.ScalableTarget;
import dev.teal.model.ScaleInSuspension;

/**
 * Application Auto Scaling during a deployment. It turns scale-in off while ECS's own deployments are in
 * progress ("Troubleshooting service auto scaling", ECS developer guide) but cannot know about an EXTERNAL
 * one: while a deployment is in flight (blue kept for scaleDownDelay included, when target tracking sees the
 * load spread over blue and green), teal suspends the service's dynamic scale-in itself, recording first
 * what it was ({@code draft.scaleIn}), and restores that once nothing is in flight. Only for a service with a
 * scalable target ({@code observed.scalableTarget()}).
 */
final class ScaleInHold {

  private ScaleInHold() {}

  /** Suspends dynamic scale-in while a deployment is in flight, and keeps it suspended. */
  static Action hold(PlanningPass p) {
    ScalableTarget scalable = p.observed.scalableTarget();
    if (scalable == null || !inFlight(p)) {
      return null;
    }
    boolean suspended = scalable.suspended().dynamicScalingIn();
    if (p.draft.scaleIn == null) {
      p.draft.scaleIn = new ScaleInSuspension(scalable.resourceId(), suspended, p.now);
      if (suspended) {
        return null; // suspended before teal came: left as it is, during and after
      }
      p.draft.normal(Reasons.SCALE_IN_SUSPENDED, "suspended dynamic scale-in of " + scalable.resourceId()
          + " while the deployment is in flight");
    }
    // Resumed by someone else, or the call was cut short by a crash: while in flight, it stays suspended.
    return suspended ? null : new Action.SetScaleInSuspended(revision(p), scalable, true);
  }

  /** Once nothing is in flight, scale-in goes back to what it was before teal suspended it. */
  static Action restore(PlanningPass p) {
    if (p.draft.scaleIn == null || inFlight(p)) {
      return null;
    }
    ScalableTarget scalable = p.observed.scalableTarget();
    boolean before = p.draft.scaleIn.wasSuspended();
    if (scalable != null && scalable.suspended().dynamicScalingIn() != before) {
      return new Action.SetScaleInSuspended(revision(p), scalable, before);
    }
    if (!before) {
      p.draft.normal(Reasons.SCALE_IN_RESTORED, "resumed dynamic scale-in of " + p.draft.scaleIn.resourceId());
    }
    p.draft.scaleIn = null;
    return null;
  }

  /** Green wanted or on record, a revision being cleaned up, or blue still kept. */
  private static boolean inFlight(PlanningPass p) {
    return p.target != null || p.draft.preview != null || !p.draft.retired.isEmpty()
        || p.draft.previous != null && p.draft.previous.taskSet() != null;
  }

  private static String revision(PlanningPass p) {
    return p.target != null ? p.target.revision() : p.draft.stable != null ? p.draft.stable.revision() : "none";
  }
}
