package dev.teal.reconcile;

import dev.teal.aws.RouteState;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import java.util.Map;

/**
 * Status: the phase, message and conditions (Ready, Progressing, Degraded, Available), computed last
 * from what the other units decided in this pass. The phase is a function of the spec, the draft and
 * the pass's flags. Paused is the phase of a pass in which a pause held something ({@link Pause}). A
 * status written with an action is Progressing ({@link #inProgress}).
 */
final class StatusPhase {

  private StatusPhase() {}

  /** Sets the phase, the message and the conditions from what the pass decided; the last step of every pass. */
  static void finish(PlanningPass p) {
    Phase phase = phase(p);
    p.draft.phase = phase;
    boolean ready = switch (p.spec.phase()) {
      case PREVIEW -> phase == Phase.PREVIEWING || phase == Phase.PROMOTED;
      case PROMOTE -> phase == Phase.PROMOTED;
      case ROLLBACK -> phase == Phase.ROLLED_BACK;
    };
    String message = p.progressMessage != null ? p.progressMessage : steadyMessage(p, phase);
    // Degraded: the message is the failure; what teal still does (cleaning up, keeping blue) is in the conditions.
    p.draft.message = p.blockedByAbort ? p.draft.aborted.message() : message;
    p.draft.condition(Reasons.READY, ready, ready ? Reasons.COMPLETE : p.progressReason, message);
    // Progressing means teal has work it will do on its own; waiting for someone to promote is not.
    boolean working = !Reasons.COMPLETE.equals(p.progressReason) && !p.waitingForPeople;
    p.draft.condition(Reasons.PROGRESSING, working, working || p.waitingForPeople ? p.progressReason
        : p.blockedByAbort ? Reasons.ABORTED : Reasons.COMPLETE, message);
    p.draft.condition(Reasons.DEGRADED, p.blockedByAbort,
        p.blockedByAbort ? p.draft.aborted.reason() : Reasons.COMPLETE,
        p.blockedByAbort ? p.draft.aborted.message() : "no failed attempt for this spec");
    boolean available = productionOnRunningRevisions(p);
    p.draft.condition(Reasons.AVAILABLE, available, available ? "ProductionServed" : "ProductionNotServed",
        available ? "production forwards to running revisions"
            : "production forwards to a target group with no running revision teal knows");
  }

  /**
   * The status written with an action always says work is in flight (Progressing), so whichever instance
   * holds the lease next finds this deployment through its resync even when the action's reconcile, and
   * the requeue it would have asked for, died with the old holder. Nothing to do without an action, or when
   * a unit already said what is going on.
   */
  static void inProgress(PlanningPass p, Action action) {
    if (action == null || !Reasons.COMPLETE.equals(p.progressReason)) {
      return;
    }
    switch (action) {
      case Action.ClaimService c -> p.progress(Reasons.ADOPTING, "claiming ECS service " + c.service()
          + " for this deployment");
      case Action.ClaimRoute c -> p.progress(Reasons.ADOPTING, "claiming the " + c.routeName() + " route for this"
          + " deployment");
      case Action.AdoptTaskSet a -> p.progress(Reasons.ADOPTING, "adopting the service's primary task set as stable");
      case Action.SetRoute r -> p.progress(Reasons.SHIFTING_TRAFFIC, "setting the " + r.routeName() + " route");
      case Action.MakePrimary m -> p.progress(Reasons.SHIFTING_TRAFFIC, "making revision " + m.revision()
          + " the primary task set");
      case Action.DeleteTaskSet d -> p.progress(Reasons.CLEANING_UP, "deleting revision " + d.revision());
      case Action.DeleteTargetGroup d -> p.progress(Reasons.CLEANING_UP, "deleting revision " + d.revision());
      case Action.RunAnalysis a -> p.progress(Reasons.ANALYSING, "analysing revision " + a.revision());
      case Action.RunHook h -> p.progress(Reasons.RUNNING_HOOK, "running hook " + h.request().spec().name()
          + " for revision " + h.revision());
      default -> p.progress(Reasons.CREATING_RESOURCES, "creating resources for revision " + action.revision());
    }
  }

  private static Phase phase(PlanningPass p) {
    if (p.blockedByAbort) {
      return Phase.DEGRADED;
    }
    if (p.spec.phase() == DesiredPhase.ROLLBACK) {
      boolean done = p.draft.preview == null && p.target == null && p.draft.retired.isEmpty();
      return done ? Phase.ROLLED_BACK : Phase.ROLLING_BACK;
    }
    if (p.held && p.target != null) {
      return Phase.PAUSED; // a rollout in flight is held (a held scale-down of blue leaves it Promoted)
    }
    if (p.target == null) {
      return Phase.PROMOTED;
    }
    if (p.draft.promotion != null) {
      return Phase.PROMOTING;
    }
    boolean previewing = p.draft.previewReadyAt != null && Reasons.AWAITING_PROMOTION.equals(p.progressReason);
    return previewing ? Phase.PREVIEWING : Phase.PROGRESSING;
  }

  private static String steadyMessage(PlanningPass p, Phase phase) {
    return switch (phase) {
      case PROMOTED -> p.draft.stable.image() + " serves production";
      case ROLLED_BACK -> p.draft.stable == null ? "green removed; there was no stable revision"
          : "rolled back: " + p.draft.stable.image() + " serves production";
      case DEGRADED -> p.draft.aborted.message();
      case PROMOTING -> p.draft.promotion == null ? "promoting green " + p.target.image()
          : "production at " + p.draft.promotion.weight() + "% green " + p.target.image();
      case PREVIEWING -> "green " + p.target.image() + " is ready behind the test route";
      case PROGRESSING -> "bringing up green " + p.target.image();
      case ROLLING_BACK -> p.target != null ? "rolling back to " + p.target.image()
          : "rolled back; removing what is left of green";
      default -> phase.wireName();
    };
  }

  private static boolean productionOnRunningRevisions(PlanningPass p) {
    RouteState prod = p.observed.route(p.production).orElseThrow();
    Map<String, Integer> weights = prod.weights();
    if (weights.values().stream().noneMatch(w -> w > 0)) {
      return false;
    }
    return weights.entrySet().stream().filter(e -> e.getValue() > 0).allMatch(e -> p.observed.taskSets().stream()
        .anyMatch(t -> e.getKey().equals(t.targetGroupArn()) && t.runningCount() > 0));
  }
}
