package dev.teal.reconcile;

import dev.teal.model.DeploymentStatus;
import java.time.Duration;

/**
 * Decides the next step of a blue/green deployment from (spec, status, observed, now). Pure: no I/O,
 * no clock of its own, so every path is unit-testable.
 *
 * <p>One call returns at most one action. The reconcile loop executes it, folds its effect into the
 * observation and asks again, until the planner has nothing to do but wait.
 *
 * <p>A call is one {@link PlanningPass}; each concern is decided by its own unit (see
 * {@link #firstAction}), and the status's phase and conditions come last ({@link StatusPhase}).
 */
public final class Planner {

  /** The route names the planner's {@link Action.SetRoute} actions carry. */
  static final String PRODUCTION = "production";
  static final String TEST = "test";
  /** The analysis stage before promotion; the one after promotion step N is {@code step-N}. */
  static final String PREVIEW_STAGE = "preview";

  private final Duration pollInterval;
  private final Duration failedRetryInterval;

  /**
   * @param pollInterval how soon to look again while waiting for tasks or health checks
   * @param failedRetryInterval how soon to look again when teal cannot act (Failed)
   */
  public Planner(Duration pollInterval, Duration failedRetryInterval) {
    this.pollInterval = pollInterval;
    this.failedRetryInterval = failedRetryInterval;
  }

  /** How soon a deployment teal cannot act on is looked at again. */
  public Duration failedRetryInterval() {
    return failedRetryInterval;
  }

  public Decision plan(PlanContext context) {
    PlanningPass pass = new PlanningPass(context, pollInterval);
    pass.draft.observedGeneration = context.generation();
    pass.draft.observedSpecHash = context.specHash();
    try {
      Action action = firstAction(pass);
      RevisionHistory.record(pass);
      StatusPhase.inProgress(pass, action);
      StatusPhase.finish(pass);
      return action != null
          ? new Decision(action, pass.draft.build(), null)
          : new Decision(null, pass.draft.build(), pass.requeue, pass.healthWait);
    } catch (CannotAct failure) {
      // Failed is computed from the status as read, plus the bookkeeping of this pass (generation, hash).
      DeploymentStatus failed = StatusEdits.failed(pass.draft.build(), failure.reason, failure.getMessage(), pass.now);
      return new Decision(null, failed, failedRetryInterval);
    }
  }

  /**
   * The steps of a pass, in the order that keeps traffic safe: routes before deletes, deletes before
   * creates. Every step may edit the draft; the first that returns an action ends the pass.
   */
  private static Action firstAction(PlanningPass pass) {
    Action settling = settle(pass);
    return settling != null ? settling : firstOf(pass,
        Pause::liftIfResumed,                       // a pause that no longer holds ends; stopped timers move on
        Abort::onRequest,                           // teal abort: green is given up
        UnwantedRevisions::retireOrphans,           // teal's task sets the status does not know go
        UnwantedRevisions::retireSupersededPreview, // a green the spec no longer asks for goes
        Gates::check,                               // green stays healthy while production shifts to it
        MetricGates::check,                         // and its metrics hold up, alone and against blue's
        Routes::enforce,                            // both routes forward what the intent says
        CleanUp::next,                              // retired revisions' task sets and target groups go
        ScaleInHold::hold,                          // autoscaling does not scale in under a deployment
        BlueGreen::advance,                         // green: bring-up, readiness, preview, analysis, promotion
        BlueScaleDown::next,                        // blue goes once scaleDownDelay has passed
        ScaleInHold::restore);                      // and scale-in is back as it was once nothing is in flight
  }

  /**
   * The steps every pass goes through in full, whatever they return: the preconditions, the claims, the
   * stable revision and the target. A claim or an adoption is returned only once the target is chosen, so
   * the status written with it says what the spec still asks for, never that the spec's image is served
   * when it is not (a holder that dies inside that call leaves a status the next holder's resync picks up).
   */
  private static Action settle(PlanningPass pass) {
    Preconditions.check(pass);                            // the service (EXTERNAL) and both routes exist, else Failed
    Action claim = Claims.claim(pass);                    // no other deployment holds them, else Failed; claim them
    Action adoption = StableResolution.resolve(pass);     // which revision is stable: known, taken back or adopted
    TargetChoice.choose(pass);                            // what the spec asks to run (a rollback's target too)
    return claim != null ? claim : adoption;
  }

  /** One step of a pass: edits the draft, and returns the action of the pass or null to go on. */
  @FunctionalInterface
  private interface Step {
    Action apply(PlanningPass pass);
  }

  private static Action firstOf(PlanningPass pass, Step... steps) {
    for (Step step : steps) {
      Action action = step.apply(pass);
      if (action != null) {
        return action;
      }
    }
    return null;
  }
}
