package dev.teal.reconcile;

import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.NetworkConfig;
import dev.teal.aws.RouteRef;
import dev.teal.aws.RouteState;
import dev.teal.aws.TargetGroupInfo;
import dev.teal.aws.TargetGroupSettings;
import dev.teal.aws.TargetHealthCounts;
import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.aws.WeightedTarget;
import dev.teal.model.AbortStatus;
import dev.teal.model.AnalysisStatus;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.OwnershipTags;
import dev.teal.model.Phase;
import dev.teal.model.PromotionStatus;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.reconcile.Target.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides the next step of a blue/green deployment from (spec, status, observed, now). Pure: no I/O,
 * no clock of its own, so every path is unit-testable.
 *
 * <p>One call returns at most one action. The reconcile loop executes it, folds its effect into the
 * observation and asks again, until the planner has nothing to do but wait.
 */
public final class Planner {

  static final String PRODUCTION = "production";
  static final String TEST = "test";
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
    return new Planning(context).decide();
  }

  /** One planning pass (being split into one unit per concern). */
  private final class Planning extends PlanningPass {

    Planning(PlanContext ctx) {
      super(ctx, Planner.this.pollInterval);
    }

    Decision decide() {
      draft.observedGeneration = ctx.generation();
      draft.observedSpecHash = ctx.specHash();
      try {
        Action action = firstAction();
        if (action != null) {
          StatusPhase.finish(this);
          return new Decision(action, draft.build(), null);
        }
        StatusPhase.finish(this);
        return new Decision(null, draft.build(), requeue, healthWait);
      } catch (CannotAct failure) {
        return failed(failure);
      }
    }

    /** The steps of a pass, in the order that keeps traffic safe: routes before deletes, deletes before creates. */
    private Action firstAction() {
      Preconditions.check(this);
      Action action = StableResolution.resolve(this);
      if (action != null) {
        return action;
      }
      TargetChoice.choose(this);
      UnwantedRevisions.retireOrphans(this);
      UnwantedRevisions.retireSupersededPreview(this);
      Gates.check(this);
      action = Routes.enforce(this);
      if (action == null) {
        action = CleanUp.next(this);
      }
      if (action == null) {
        action = advance();
      }
      if (action == null) {
        action = BlueScaleDown.next(this);
      }
      return action;
    }

    // ---- bringing the target up and promoting it -------------------------------------------------

    private Action advance() {
      if (target == null) {
        return null;
      }
      Action action = GreenBringUp.createResources(this);
      if (action != null) {
        return action;
      }
      if (draft.preview.taskSet() == null) {
        return null; // waiting for a task set slot
      }
      EcsTaskSet green = liveTaskSet(draft.preview.taskSet()).orElseThrow();
      boolean promoting = Preview.promotionWanted(this);
      action = GreenBringUp.scale(this, green, promoting);
      if (action != null) {
        return action;
      }
      if (!promoting && draft.promotion != null) {
        return Promotion.backToPreview(this);
      }
      if (!Readiness.isReady(this, green)) {
        return Readiness.awaitReady(this, green);
      }
      Readiness.markReady(this);
      if (target.mode() == Mode.ROLLBACK) {
        return Rollback.rollBackTo(this, green);
      }
      if (!Preview.greenOnTestRoute(this)) {
        return Preview.moveTestRouteToGreen(this);
      }
      Action analysis = Analysis.analyse(this, PREVIEW_STAGE);
      if (analysis != null || target == null) {
        return analysis;
      }
      if (!promoting) {
        Preview.awaitPromotion(this);
        return null;
      }
      return Promotion.promote(this, green);
    }

    private Decision failed(CannotAct failure) {
      // Failed is computed from the status as read, plus the bookkeeping of this pass (generation, hash).
      DeploymentStatus failedStatus = StatusEdits.failed(draft.build(), failure.reason, failure.getMessage(), now);
      return new Decision(null, failedStatus, failedRetryInterval);
    }
  }
}
