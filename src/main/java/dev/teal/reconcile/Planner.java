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

  /** ECS allows this many task sets per service. */
  static final int MAX_TASK_SETS = 5;
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

  /** How a revision is brought to production. */
  enum Mode {
    /** A new image: preview behind the test route, wait for promote, stepped shift with analysis. */
    NORMAL,
    /** The service has no stable revision yet: nothing to preview against, straight to production once healthy. */
    FIRST,
    /** Returning to the last stable image: health gate only, one step, the demoted revision torn down. */
    ROLLBACK
  }

  /** What the current spec asks to run, or null when the stable revision already is that. */
  record Target(String revision, String image, Mode mode) {}

  /** Thrown inside a planning pass when teal cannot act; becomes phase Failed. */
  private static final class CannotAct extends RuntimeException {
    final String reason;

    CannotAct(String reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }

  /** One planning pass: the context, the status being drafted and the shortest wait seen. */
  private final class Planning {
    private final PlanContext ctx;
    private final DeploymentSpec spec;
    private final Observed observed;
    private final Instant now;
    private final StatusDraft draft;
    private final RouteRef production;
    private final RouteRef test;
    private Duration requeue;
    private String progressReason = Reasons.COMPLETE;
    private String progressMessage;
    private Target target;
    private boolean blockedByAbort;
    /** Nothing more happens until someone changes the spec (previewing without autoPromoteAfter). */
    private boolean waitingForPeople;
    /** Set when the only thing awaited is green's targets turning healthy. */
    private HealthWait healthWait;
    /** An analysis is running off the reconcile: nothing that depends on its verdict may go ahead. */
    private boolean analysisRunning;

    Planning(PlanContext ctx) {
      this.ctx = ctx;
      this.spec = ctx.spec();
      this.observed = ctx.observed();
      this.now = ctx.now();
      this.draft = new StatusDraft(ctx.status(), now);
      var traffic = spec.traffic();
      this.production = traffic.productionRule() != null
          ? RouteRef.rule(traffic.productionRule()) : RouteRef.listener(traffic.productionListener());
      this.test = RouteRef.rule(traffic.testRule());
    }

    Decision decide() {
      draft.observedGeneration = ctx.generation();
      draft.observedSpecHash = ctx.specHash();
      try {
        Action action = firstAction();
        if (action != null) {
          inProgress(action);
          finish();
          return new Decision(action, draft.build(), null);
        }
        finish();
        return new Decision(null, draft.build(), requeue, healthWait);
      } catch (CannotAct failure) {
        return failed(failure);
      }
    }

    /** The steps of a pass, in the order that keeps traffic safe: routes before deletes, deletes before creates. */
    private Action firstAction() {
      checkPreconditions();
      Action claim = checkClaims();
      Action action = resolveStable();
      if (claim != null || action != null) {
        // Claiming or adopting: what the spec asks for still decides the phase, so the status written with
        // it does not say the spec's image is served when it is not.
        target = chooseTarget();
        return claim != null ? claim : action;
      }
      target = chooseTarget();
      recordOrphans();
      retireSupersededPreview();
      abortIfUnhealthy();
      action = enforceRoutes();
      if (action == null) {
        action = cleanUp();
      }
      if (action == null) {
        action = advance();
      }
      if (action == null) {
        action = scaleDownPrevious();
      }
      return action;
    }

    // ---- preconditions ------------------------------------------------------------------------

    private void checkPreconditions() {
      EcsService service = observed.service();
      if (service == null) {
        throw new CannotAct(Reasons.SERVICE_NOT_FOUND,
            "ECS service " + spec.service() + " was not found in cluster " + spec.cluster());
      }
      if (!service.isExternallyControlled()) {
        throw new CannotAct(Reasons.SERVICE_NOT_EXTERNAL, "ECS service " + spec.service()
            + " uses the " + service.deploymentController() + " deployment controller; teal drives only EXTERNAL");
      }
      if (observed.route(production).isEmpty()) {
        throw new CannotAct(Reasons.PRODUCTION_ROUTE_NOT_FOUND,
            "production " + describe(production) + " was not found");
      }
      if (observed.route(test).isEmpty()) {
        throw new CannotAct(Reasons.TEST_ROUTE_NOT_FOUND, "test " + describe(test) + " was not found");
      }
    }

    /** Refuses a service or route another deployment holds; the next claim to make, first of all writes. */
    private Action checkClaims() {
      Map<String, RouteRef> routes = new LinkedHashMap<>();
      routes.put(PRODUCTION, production);
      routes.put(TEST, test);
      ClaimCheck.Verdict verdict = ClaimCheck.check(ctx.name(), spec.cluster(), observed, routes,
          ctx.status().claimed());
      if (verdict.refused()) {
        throw new CannotAct(verdict.reason(), verdict.message());
      }
      draft.claimed = verdict.claimed();
      return verdict.action();
    }

    // ---- stable revision: known, adopted, or none yet ------------------------------------------

    private Action resolveStable() {
      if (draft.stable != null) {
        Optional<EcsTaskSet> live = liveTaskSet(draft.stable.taskSet());
        if (live.isPresent()) {
          return reTagAdoptedIfNeeded(live.get());
        }
        draft.warning(Reasons.STABLE_LOST, "stable task set " + draft.stable.taskSet()
            + " no longer exists; taking the service's primary task set, or deploying afresh");
        draft.stable = null;
      }
      Optional<EcsTaskSet> primary = observed.service().primaryTaskSet();
      if (primary.isEmpty()) {
        return null; // first deployment
      }
      EcsTaskSet ts = primary.get();
      TaskDefinitionInfo definition = observed.taskDefinitions().get(ts.taskDefinition());
      if (definition == null) {
        throw new CannotAct(Reasons.TASK_DEFINITION_NOT_FOUND,
            "task definition " + ts.taskDefinition() + " of the primary task set could not be read");
      }
      String image = definition.containerImages().get(spec.container());
      if (image == null) {
        throw new CannotAct(Reasons.CONTAINER_NOT_FOUND, "task definition " + ts.taskDefinition()
            + " has no container named " + spec.container());
      }
      if (Revisions.ownedBy(ts.tags(), ctx.name())) {
        // Ours already (the status was lost or the document re-created): take it back as it is.
        String revision = ts.tags().getOrDefault(OwnershipTags.REVISION, Revisions.adoptedId(ts.arn()));
        boolean adopted = ts.tags().containsKey(OwnershipTags.ADOPTED);
        draft.stable = new RevisionStatus(revision, image, ts.taskDefinition(), ts.arn(), ts.targetGroupArn(),
            adopted ? Boolean.TRUE : null);
        initialiseIntentOnStable();
        return null;
      }
      RouteState prod = observed.route(production).orElseThrow();
      boolean productionOnPrimary = prod.weights().entrySet().stream()
          .allMatch(e -> e.getValue() == 0 || e.getKey().equals(ts.targetGroupArn()));
      if (!productionOnPrimary || prod.weightOf(ts.targetGroupArn()) == 0) {
        throw new CannotAct(Reasons.PRODUCTION_NOT_ON_STABLE, "production " + describe(production)
            + " does not forward to the primary task set's target group " + ts.targetGroupArn()
            + "; teal adopts a service only when production already runs on its primary task set");
      }
      String revision = Revisions.adoptedId(ts.arn());
      draft.stable = new RevisionStatus(revision, image, ts.taskDefinition(), ts.arn(), ts.targetGroupArn(), true);
      initialiseIntentOnStable();
      draft.normal(Reasons.ADOPTED, "adopted primary task set " + ts.id() + " running " + image + " as stable");
      return adoptAction(ts);
    }

    private Action reTagAdoptedIfNeeded(EcsTaskSet live) {
      // A crash between recording the adoption and tagging leaves an untagged adopted task set; the
      // observer reads adopted task sets' tags on every reconcile, so the tagging is finished here.
      if (draft.stable.isAdopted() && !Revisions.ownedBy(live.tags(), ctx.name())) {
        return adoptAction(live);
      }
      return null;
    }

    private Action adoptAction(EcsTaskSet ts) {
      var tags = new HashMap<>(Revisions.tags(ctx.name(), draft.stable.revision()));
      tags.put(OwnershipTags.ADOPTED, "true");
      return new Action.AdoptTaskSet(draft.stable.revision(), ts.arn(), Map.copyOf(tags));
    }

    private void initialiseIntentOnStable() {
      if (draft.productionIntent.isEmpty()) {
        draft.productionIntent = List.of(weight(draft.stable, 100));
      }
      if (draft.testIntent.isEmpty()) {
        draft.testIntent = List.of(weight(draft.stable, 100));
      }
    }

    // ---- what should run ------------------------------------------------------------------------

    private Target chooseTarget() {
      if (spec.phase() == DesiredPhase.ROLLBACK) {
        return chooseRollbackTarget();
      }
      String revision = Revisions.idFor(ctx.name(), spec);
      if (draft.stable != null && (revision.equals(draft.stable.revision())
          || draft.stable.isAdopted() && draft.stable.image().equals(spec.image()))) {
        return null; // already serving (an adopted revision has no teal hash, so its image decides)
      }
      if (draft.aborted != null) {
        if (revision.equals(draft.aborted.revision()) && ctx.specHash().equals(draft.aborted.specHash())) {
          blockedByAbort = true;
          return null;
        }
        draft.aborted = null; // the spec changed: try again
      }
      return new Target(revision, spec.image(), draft.stable == null ? Mode.FIRST : Mode.NORMAL);
    }

    private Target chooseRollbackTarget() {
      if (draft.stable == null || !draft.stable.image().equals(spec.image())) {
        return null; // production is not on the image being rolled back; only green has to go
      }
      if (draft.previous == null && draft.preview != null && !draft.preview.image().equals(spec.image())) {
        return new Target(draft.preview.revision(), draft.preview.image(), Mode.ROLLBACK); // flip under way
      }
      if (draft.previous == null) {
        if (draft.preview == null) {
          throw new CannotAct(Reasons.NO_ROLLBACK_TARGET, spec.image()
              + " is the only image teal has run in production for this deployment; there is nothing to roll back to");
        }
        return null;
      }
      if (liveTaskSet(draft.previous.taskSet()).isPresent()) {
        return new Target(draft.previous.revision(), draft.previous.image(), Mode.ROLLBACK); // blue still runs
      }
      String image = draft.previous.image();
      return new Target(Revisions.idFor(ctx.name(), spec.withImage(image)), image, Mode.ROLLBACK);
    }

    // ---- bookkeeping of revisions that are no longer wanted -------------------------------------

    /** Teal-tagged task sets the status does not know of (an interrupted create, a lost status) are retired. */
    private void recordOrphans() {
      for (EcsTaskSet ts : observed.taskSets()) {
        if (EcsTaskSet.DRAINING.equals(ts.status()) || !Revisions.ownedBy(ts.tags(), ctx.name())
            || knownTaskSet(ts.arn())) {
          continue;
        }
        String revision = ts.tags().get(OwnershipTags.REVISION);
        boolean wanted = (target != null && target.revision().equals(revision))
            || (draft.preview != null && draft.preview.revision().equals(revision))
            || (draft.previous != null && draft.previous.revision().equals(revision))
            || (draft.stable != null && draft.stable.revision().equals(revision));
        if (wanted || ts.isPrimary()) {
          continue;
        }
        draft.warning(Reasons.ORPHAN_FOUND, "task set " + ts.id() + " of revision " + revision
            + " is not part of this deployment any more; deleting it");
        // Only a group named for this revision is the orphan's own; any other is shared and never deleted.
        String group = ts.targetGroupArn() != null
            && Observed.nameOf(ts.targetGroupArn()).equals(Revisions.targetGroupName(ctx.name(), revision))
            ? ts.targetGroupArn() : null;
        draft.retire(new RevisionStatus(revision, null, ts.taskDefinition(), ts.arn(), group,
            ts.tags().containsKey(OwnershipTags.ADOPTED) ? Boolean.TRUE : null));
      }
    }

    private boolean knownTaskSet(String arn) {
      return arn.equals(arnOf(draft.stable)) || arn.equals(arnOf(draft.preview)) || arn.equals(arnOf(draft.previous))
          || draft.retired.stream().anyMatch(r -> arn.equals(r.taskSet()));
    }

    private void retireSupersededPreview() {
      if (draft.preview == null) {
        return;
      }
      if (target != null && target.revision().equals(draft.preview.revision())) {
        return;
      }
      RevisionStatus old = draft.preview;
      draft.retire(old);
      draft.clearPreviewProgress();
      routeBothToStable();
      if (spec.phase() == DesiredPhase.ROLLBACK) {
        draft.normal(Reasons.ROLLED_BACK, "rolled back: tearing down green " + old.image());
      } else {
        draft.normal(Reasons.SUPERSEDED, "green " + old.image() + " (revision " + old.revision()
            + ") is superseded" + (target == null ? "" : " by " + target.image()));
      }
    }

    private void routeBothToStable() {
      if (draft.stable != null) {
        draft.productionIntent = List.of(weight(draft.stable, 100));
        draft.testIntent = List.of(weight(draft.stable, 100));
      }
    }

    // ---- gates that abort green ----------------------------------------------------------------

    private void abortIfUnhealthy() {
      if (draft.preview == null || target == null) {
        return;
      }
      if (draft.promotion != null && draft.promotion.revision().equals(draft.preview.revision())) {
        Optional<EcsTaskSet> ts = liveTaskSet(draft.preview.taskSet());
        TargetHealthCounts health = observed.healthOf(draft.preview.targetGroup());
        int required = ts.map(this::requiredHealthy).orElse(1);
        if (ts.isEmpty() || health.healthy() < required) {
          abort(Reasons.UNHEALTHY_DURING_PROMOTION, "green " + draft.preview.image() + " has " + health.healthy()
              + " of " + required + " targets healthy while production is shifting to it");
        }
        return;
      }
    }

    /** After an abort: routes back to stable first, then green's resources go. */
    private Action afterAbort() {
      Action routes = enforceRoutes();
      return routes != null ? routes : cleanUp();
    }

    private void abort(String reason, String message) {
      RevisionStatus green = draft.preview;
      draft.aborted = new AbortStatus(green.revision(), green.image(), ctx.specHash(), reason, message, now);
      draft.retire(green);
      draft.clearPreviewProgress();
      routeBothToStable();
      draft.warning(Reasons.ABORTED, message + "; production stays on "
          + (draft.stable == null ? "what it was" : draft.stable.image()));
      target = null;
      blockedByAbort = true;
    }

    // ---- routes ---------------------------------------------------------------------------------

    /** Makes the routes match the drafted intent; production first, so green loses traffic before anything else. */
    private Action enforceRoutes() {
      Action action = enforceRoute(PRODUCTION, production, draft.productionIntent,
          ctx.status().traffic() == null ? null : ctx.status().traffic().production());
      return action != null ? action : enforceRoute(TEST, test, draft.testIntent,
          ctx.status().traffic() == null ? null : ctx.status().traffic().test());
    }

    private Action enforceRoute(String name, RouteRef ref, List<RouteWeight> intent, List<RouteWeight> written) {
      if (intent.isEmpty()) {
        return null; // teal does not drive this route yet
      }
      RouteState state = observed.route(ref).orElseThrow();
      Map<String, Integer> wanted = new LinkedHashMap<>();
      intent.forEach(w -> wanted.merge(w.targetGroup(), w.weight(), Integer::sum));
      if (shares(state.weights()).equals(shares(wanted))) {
        return null; // ALB weights are relative: {blue: 1} already is {blue: 100}
      }
      if (intent.equals(written)) {
        // The intent did not change in this pass, so someone else changed the route (or a crash cut us short).
        draft.warning(Reasons.ROUTE_RESTORED, name + " " + describe(ref) + " forwarded " + render(state.weights())
            + " instead of " + render(wanted) + "; restored");
      }
      List<WeightedTarget> targets = intent.stream().map(w -> new WeightedTarget(w.targetGroup(), w.weight())).toList();
      return new Action.SetRoute(intent.get(intent.size() - 1).revision(), name, ref, targets);
    }

    private void setProductionIntent(List<RouteWeight> intent) {
      draft.productionIntent = List.copyOf(intent);
    }

    private RouteWeight weight(RevisionStatus revision, int weight) {
      return new RouteWeight(revision.revision(), revision.image(), revision.targetGroup(), weight);
    }

    // ---- clean-up -----------------------------------------------------------------------------

    /** Deletes retired revisions' task sets, then their target groups, never while a route forwards to them. */
    private Action cleanUp() {
      for (RevisionStatus r : List.copyOf(draft.retired)) {
        String tgArn = r.targetGroup() != null ? r.targetGroup() : teamNamedGroupArn(r.revision()).orElse(null);
        if (tgArn != null && routedTo(tgArn)) {
          progress(Reasons.CLEANING_UP, "waiting for the routes to leave revision " + r.revision());
          continue;
        }
        Optional<EcsTaskSet> ts = liveTaskSet(r.taskSet())
            .or(() -> observed.service().taskSetWithExternalId(r.revision())
                .filter(t -> Revisions.ownedBy(t.tags(), ctx.name())));
        if (ts.isPresent() && !ts.get().isPrimary()) {
          progress(Reasons.CLEANING_UP, "deleting revision " + r.revision());
          return new Action.DeleteTaskSet(r.revision(), spec.cluster(), spec.service(), ts.get().arn());
        }
        if (!r.isAdopted()) {
          String name = Revisions.targetGroupName(ctx.name(), r.revision());
          Optional<TargetGroupInfo> group = observed.targetGroupNamed(name)
              .filter(g -> Revisions.ownedBy(g.tags(), ctx.name()));
          if (group.isPresent()) {
            progress(Reasons.CLEANING_UP, "deleting revision " + r.revision());
            return new Action.DeleteTargetGroup(r.revision(), group.get().arn());
          }
          boolean known = observed.targetGroups().containsKey(name) || observed.missingTargetGroups().contains(name);
          if (!known && r.targetGroup() != null) {
            progress(Reasons.CLEANING_UP, "deleting revision " + r.revision());
            return new Action.DeleteTargetGroup(r.revision(), r.targetGroup()); // recorded as created by teal
          }
          if (!known) {
            progress(Reasons.CLEANING_UP, "looking for the target group of revision " + r.revision());
            waitAtMost(Duration.ofMillis(1)); // the next reconcile looks it up by name
            continue;
          }
        }
        draft.retired.remove(r);
        draft.normal(Reasons.CLEANED_UP, "deleted the resources of revision " + r.revision()
            + (r.image() == null ? "" : " (" + r.image() + ")"));
      }
      return null;
    }

    private Optional<String> teamNamedGroupArn(String revision) {
      return observed.targetGroupNamed(Revisions.targetGroupName(ctx.name(), revision)).map(TargetGroupInfo::arn);
    }

    private boolean routedTo(String targetGroupArn) {
      boolean observedRoute = observed.routes().values().stream().anyMatch(r -> r.references(targetGroupArn));
      boolean intended = draft.productionIntent.stream().anyMatch(w -> targetGroupArn.equals(w.targetGroup()))
          || draft.testIntent.stream().anyMatch(w -> targetGroupArn.equals(w.targetGroup()));
      return observedRoute || intended;
    }

    // ---- bringing the target up and promoting it -------------------------------------------------

    private Action advance() {
      if (target == null) {
        return null;
      }
      startPreview();
      Action action = ensureTaskDefinition();
      if (action == null) {
        action = ensureTargetGroup();
      }
      if (action == null) {
        action = attachToTestRoute();
      }
      if (action == null) {
        action = ensureTaskSet();
      }
      if (action != null) {
        progress(Reasons.CREATING_RESOURCES, "creating resources for " + target.image());
        return action;
      }
      if (draft.preview.taskSet() == null) {
        return null; // waiting for a task set slot
      }
      EcsTaskSet green = liveTaskSet(draft.preview.taskSet()).orElseThrow();
      boolean promoting = promotionWanted();
      double wantedScale = promoting || target.mode() != Mode.NORMAL ? 100 : spec.strategy().previewScale();
      if (Math.abs(green.scalePercent() - wantedScale) > 0.001) {
        draft.normal(Reasons.TASK_SET_SCALED, "scaling green " + target.image() + " to " + (int) wantedScale + "%");
        return new Action.ScaleTaskSet(target.revision(), spec.cluster(), spec.service(), green.arn(), wantedScale);
      }
      if (!promoting && draft.promotion != null) {
        draft.promotion = null;
        routeBothToStable();
        draft.testIntent = List.of(weight(draft.preview, 100));
        draft.normal(Reasons.PROMOTION_PAUSED, "phase is preview again: production returns to stable "
            + (draft.stable == null ? "" : draft.stable.image()));
        return enforceRoutes();
      }
      if (!isReady(green)) {
        return awaitReady(green);
      }
      draft.progressStartedAt = null;
      if (draft.previewReadyAt == null) {
        draft.previewReadyAt = now;
        draft.normal(Reasons.GREEN_READY, "green " + target.image() + " is healthy ("
            + observed.healthOf(draft.preview.targetGroup()).healthy() + " targets)");
      }
      if (target.mode() == Mode.ROLLBACK) {
        return rollBackTo(green);
      }
      List<RouteWeight> greenOnTest = withAttached(weight(draft.preview, 100), draft.stable);
      if (!draft.testIntent.equals(greenOnTest)) {
        draft.testIntent = greenOnTest;
        draft.normal(Reasons.TEST_TRAFFIC_SHIFTED, "test " + describe(test) + " now forwards to green " + target.image());
        return enforceRoutes();
      }
      // The preview analysis passed before the promotion began; during it, each step has its own.
      boolean promotionUnderWay = draft.promotion != null && draft.promotion.revision().equals(target.revision());
      Action analysis = promotionUnderWay ? null : analyse(PREVIEW_STAGE);
      if (analysis != null || target == null || analysisRunning) {
        return analysis;
      }
      if (!promoting) {
        awaitPromotion();
        return null;
      }
      return promote(green);
    }

    /**
     * Waits for green to be ready, within progressDeadline counted from when this wait began (the
     * start of the revision, a scale-up, or green falling out of readiness while previewing).
     */
    private Action awaitReady(EcsTaskSet green) {
      if (draft.progressStartedAt == null) {
        draft.progressStartedAt = now;
      }
      Instant deadline = draft.progressStartedAt.plus(spec.strategy().progressDeadline());
      TargetHealthCounts health = observed.healthOf(draft.preview.targetGroup());
      String state = green.runningCount() + "/" + green.computedDesiredCount() + " tasks running, "
          + health.healthy() + "/" + requiredHealthy(green) + " targets healthy";
      if (now.isAfter(deadline)) {
        abort(Reasons.PROGRESS_DEADLINE_EXCEEDED, "green " + draft.preview.image() + " was not ready within "
            + render(spec.strategy().progressDeadline()) + " (" + state + ")");
        return afterAbort();
      }
      progress(Reasons.WAITING_FOR_HEALTHY, "green " + target.image() + ": " + state);
      if (green.runningCount() >= green.computedDesiredCount() && green.computedDesiredCount() > 0) {
        healthWait = new HealthWait(draft.preview.targetGroup(), requiredHealthy(green));
      }
      waitAtMost(pollInterval);
      waitAtMost(Duration.between(now, deadline).plusMillis(1));
      return null;
    }

    private void startPreview() {
      if (draft.preview != null) {
        return;
      }
      if (draft.previous != null && draft.previous.revision().equals(target.revision())) {
        draft.preview = draft.previous; // blue is still running: roll back onto it
        draft.previous = null;
      } else {
        draft.preview = RevisionStatus.of(target.revision(), target.image());
        draft.normal(Reasons.DEPLOYING, switch (target.mode()) {
          case FIRST -> "first deployment: bringing up " + target.image();
          case ROLLBACK -> "rolling back: bringing " + target.image() + " up again";
          case NORMAL -> "bringing up green " + target.image() + " as revision " + target.revision();
        });
      }
      draft.progressStartedAt = now;
      draft.analysis = null;
    }

    private Action ensureTaskDefinition() {
      if (draft.preview.taskDefinition() != null) {
        return null;
      }
      String found = Optional.ofNullable(observed.taskDefinitions().get(target.revision()))
          .map(TaskDefinitionInfo::arn)
          .or(() -> observed.service().taskSetWithExternalId(target.revision()).map(EcsTaskSet::taskDefinition))
          .orElse(null);
      if (found != null) {
        draft.preview = draft.preview.withTaskDefinition(found);
        return null;
      }
      draft.normal(Reasons.TASK_DEFINITION_REGISTERED, "registering a revision of " + spec.taskDefinition()
          + " with " + spec.container() + " = " + target.image());
      return new Action.RegisterTaskDefinition(target.revision(), spec.taskDefinition(), spec.container(),
          target.image(), Revisions.tags(ctx.name(), target.revision()));
    }

    private Action ensureTargetGroup() {
      if (draft.preview.targetGroup() != null) {
        return null; // recorded once found or created; the task set's health shows if it went missing
      }
      String name = Revisions.targetGroupName(ctx.name(), target.revision());
      Optional<TargetGroupInfo> group = observed.targetGroupNamed(name);
      if (group.isPresent()) {
        if (!Revisions.ownedBy(group.get().tags(), ctx.name())) {
          throw new CannotAct(Reasons.TARGET_GROUP_NAME_TAKEN, "target group " + name
              + " exists but was not created by teal for " + ctx.name() + "; teal will not use or change it");
        }
        int delay = spec.traffic().targetGroup().deregistrationDelaySeconds();
        if (!Integer.valueOf(delay).equals(group.get().deregistrationDelaySeconds())) {
          return new Action.ConfigureTargetGroup(target.revision(), group.get().arn(), delay);
        }
        draft.preview = draft.preview.withTargetGroup(group.get().arn());
        return null;
      }
      draft.normal(Reasons.TARGET_GROUP_CREATED, "creating target group " + name);
      return new Action.CreateTargetGroup(target.revision(), name, targetGroupSettings(),
          Revisions.tags(ctx.name(), target.revision()));
    }

    /**
     * ECS creates a task set only for a target group attached to a load balancer, and ALB health-checks
     * only attached groups; green joins the test route at weight 0 before its task set exists.
     */
    private Action attachToTestRoute() {
      String green = draft.preview.targetGroup();
      if (observed.route(test).orElseThrow().references(green)
          || draft.testIntent.stream().anyMatch(w -> green.equals(w.targetGroup()))) {
        return null;
      }
      List<RouteWeight> intent = new ArrayList<>(draft.testIntent.isEmpty()
          ? observed.route(test).orElseThrow().forward().stream()
              .map(t -> new RouteWeight(null, null, t.targetGroupArn(), t.weight())).toList()
          : draft.testIntent);
      intent.add(weight(draft.preview, 0));
      draft.testIntent = List.copyOf(intent);
      draft.normal(Reasons.TEST_TRAFFIC_SHIFTED, "attached green's target group to the test " + describe(test)
          + " at weight 0, so ECS can register its tasks and the ALB health-checks them");
      return enforceRoutes();
    }

    /** {@code main} plus, at weight 0, a revision whose target group must stay health-checked. */
    private List<RouteWeight> withAttached(RouteWeight main, RevisionStatus attached) {
      if (attached == null || attached.targetGroup() == null || attached.targetGroup().equals(main.targetGroup())) {
        return List.of(main);
      }
      return List.of(main, weight(attached, 0));
    }

    private Action ensureTaskSet() {
      Optional<EcsTaskSet> existing = liveTaskSet(draft.preview.taskSet())
          .or(() -> observed.service().taskSetWithExternalId(target.revision()));
      if (existing.isPresent()) {
        if (!existing.get().arn().equals(draft.preview.taskSet())) {
          draft.preview = draft.preview.withTaskSet(existing.get().arn());
        }
        return null;
      }
      long live = observed.taskSets().stream().filter(t -> !EcsTaskSet.DRAINING.equals(t.status())).count();
      if (live >= MAX_TASK_SETS) {
        progress(Reasons.WAITING_FOR_TASK_SET_SLOT, "the service already has " + live
            + " task sets, ECS's limit; waiting for old ones to drain");
        waitAtMost(pollInterval);
        return null;
      }
      double scale = target.mode() == Mode.NORMAL && !promotionWanted() ? spec.strategy().previewScale() : 100;
      draft.normal(Reasons.TASK_SET_CREATED, "creating task set for " + target.image() + " at " + (int) scale + "%");
      return new Action.CreateTaskSet(target.revision(), spec.cluster(), spec.service(),
          draft.preview.taskDefinition(), draft.preview.targetGroup(), spec.container(), spec.containerPort(), scale,
          networkForNewTaskSet(), Revisions.tags(ctx.name(), target.revision()),
          Revisions.clientToken(ctx.name(), target.revision()));
    }

    private NetworkConfig networkForNewTaskSet() {
      Optional<NetworkConfig> fromStable = draft.stable == null ? Optional.empty()
          : liveTaskSet(draft.stable.taskSet()).map(EcsTaskSet::network);
      Optional<NetworkConfig> fromAny = fromStable.or(() -> observed.taskSets().stream()
          .map(EcsTaskSet::network).filter(Objects::nonNull).findFirst());
      if (fromAny.isPresent()) {
        return fromAny.get();
      }
      var network = spec.network();
      if (network == null || network.subnets() == null || network.subnets().isEmpty()) {
        throw new CannotAct(Reasons.NETWORK_UNKNOWN, "the service has no task set to copy network settings from;"
            + " set spec.network (subnets, securityGroups) for its first deployment");
      }
      return new NetworkConfig(Objects.requireNonNullElse(network.launchType(), "FARGATE"), network.subnets(),
          Objects.requireNonNullElse(network.securityGroups(), List.of()),
          Boolean.TRUE.equals(network.assignPublicIp()), null);
    }

    private TargetGroupSettings targetGroupSettings() {
      var tg = spec.traffic().targetGroup();
      var hc = tg.healthCheck();
      return new TargetGroupSettings(tg.vpcId(), tg.port(), tg.protocol(), hc.path(), hc.intervalSeconds(),
          hc.timeoutSeconds(), hc.healthyThreshold(), hc.unhealthyThreshold(), hc.matcher(),
          tg.deregistrationDelaySeconds());
    }

    private boolean promotionWanted() {
      if (target.mode() != Mode.NORMAL || spec.phase() == DesiredPhase.PROMOTE) {
        return true;
      }
      Duration auto = spec.strategy().autoPromoteAfter();
      return auto != null && draft.previewReadyAt != null && !now.isBefore(draft.previewReadyAt.plus(auto))
          && analysisPassed(PREVIEW_STAGE);
    }

    private void awaitPromotion() {
      Duration auto = spec.strategy().autoPromoteAfter();
      if (auto != null) {
        Instant due = draft.previewReadyAt.plus(auto);
        waitAtMost(Duration.between(now, due));
        progress(Reasons.AWAITING_PROMOTION, "green " + target.image() + " is ready; promoting automatically at " + due);
      } else {
        progress(Reasons.AWAITING_PROMOTION, "green " + target.image() + " is ready; waiting for phase: promote");
        waitingForPeople = true;
      }
    }

    /** Runs (or folds in the result of) the analysis for a stage; null when it has passed or is not configured. */
    private Action analyse(String stage) {
      var http = spec.strategy().analysis() == null ? null : spec.strategy().analysis().http();
      if (http == null || analysisPassed(stage)) {
        return null;
      }
      AnalysisStatus fresh = observed.analysis();
      if (fresh != null && fresh.isFor(target.revision(), stage)) {
        draft.analysis = fresh;
        if (fresh.inProgress()) {
          // Running off the reconcile: record how far it got (a new holder resumes from there) and look again.
          analysisRunning = true;
          progress(Reasons.ANALYSING, "analysing green " + target.image() + " (" + stage + "): " + fresh.message());
          waitAtMost(pollInterval);
          return null;
        }
        if (fresh.passed()) {
          draft.normal(Reasons.ANALYSIS_PASSED, "analysis " + stage + " passed: " + fresh.message());
          return null;
        }
        abort(Reasons.ANALYSIS_FAILED, "analysis " + stage + " of green " + fresh.revision() + " failed: "
            + fresh.message());
        return afterAbort();
      }
      RouteState testRoute = observed.route(test).orElseThrow();
      if (testRoute.weightOf(draft.preview.targetGroup()) != 100) {
        return null; // the test route is being moved; analyse once it reaches green
      }
      progress(Reasons.ANALYSING, "analysing green " + target.image() + " (" + stage + ")");
      AnalysisStatus onRecord = draft.analysis != null && draft.analysis.inProgress()
          && draft.analysis.isFor(target.revision(), stage) ? draft.analysis : null;
      return new Action.RunAnalysis(target.revision(), stage, test, http, ctx.name(), onRecord);
    }

    private boolean analysisPassed(String stage) {
      var analysis = spec.strategy().analysis();
      if (analysis == null || analysis.http() == null) {
        return true;
      }
      return draft.analysis != null && draft.analysis.passed() && target != null
          && draft.analysis.revision().equals(target.revision()) && draft.analysis.stage().equals(stage);
    }

    private Action promote(EcsTaskSet green) {
      List<Integer> steps = draft.stable == null || target.mode() != Mode.NORMAL
          ? List.of(100) : spec.strategy().promotion().steps();
      PromotionStatus promotion = draft.promotion;
      if (promotion == null || !promotion.revision().equals(target.revision())) {
        return shiftTo(0, steps);
      }
      int step = promotion.step();
      if (step < steps.size() - 1) {
        Instant due = promotion.stepStartedAt().plus(spec.strategy().promotion().stepInterval());
        if (now.isBefore(due)) {
          waitAtMost(Duration.between(now, due));
          // Green serves production now: look at its health every poll, not only when the next step is due.
          waitAtMost(pollInterval);
          progress(Reasons.SHIFTING_TRAFFIC, "production at " + promotion.weight() + "% green (step " + (step + 1)
              + " of " + steps.size() + "); next step at " + due);
          return null;
        }
        Action analysis = analyse("step-" + (step + 1));
        if (analysis != null || target == null || analysisRunning) {
          return analysis;
        }
        return shiftTo(step + 1, steps);
      }
      if (!observed.route(production).orElseThrow().weights().equals(Map.of(draft.preview.targetGroup(), 100))) {
        return enforceRoutes();
      }
      if (!green.isPrimary()) {
        progress(Reasons.SHIFTING_TRAFFIC, "making green " + target.image() + " the primary task set");
        return new Action.MakePrimary(target.revision(), spec.cluster(), spec.service(), green.arn());
      }
      finishPromotion();
      return null;
    }

    private Action shiftTo(int step, List<Integer> steps) {
      int greenWeight = steps.get(step);
      List<RouteWeight> intent = new ArrayList<>();
      if (draft.stable != null && greenWeight < 100) {
        intent.add(weight(draft.stable, 100 - greenWeight));
      }
      intent.add(weight(draft.preview, greenWeight));
      setProductionIntent(intent);
      draft.promotion = new PromotionStatus(target.revision(), step, greenWeight, now);
      draft.normal(Reasons.PRODUCTION_TRAFFIC_SHIFTED, "production: " + greenWeight + "% to green " + target.image()
          + " (step " + (step + 1) + " of " + steps.size() + ")");
      return enforceRoutes();
    }

    private void finishPromotion() {
      RevisionStatus old = draft.stable;
      RevisionStatus promoted = draft.preview;
      if (draft.previous != null) {
        draft.retire(draft.previous); // a blue kept from an earlier promotion is not needed any more
      }
      draft.stable = promoted;
      draft.previous = old;
      draft.clearPreviewProgress();
      draft.promotedAt = now;
      target = null;
      draft.productionIntent = List.of(weight(promoted, 100));
      // Blue stays attached to the test route at weight 0, so it keeps being health-checked for an instant rollback.
      draft.testIntent = withAttached(weight(promoted, 100), old);
      draft.normal(Reasons.PROMOTED, promoted.image() + " is promoted and serves production"
          + (old == null ? "" : "; " + old.image() + " is kept for " + render(spec.strategy().scaleDownDelay())
          + " for an instant rollback"));
    }

    /** Rollback onto a ready revision: production and test at once, then primary, then the demoted one goes. */
    private Action rollBackTo(EcsTaskSet revisionTaskSet) {
      List<RouteWeight> only = List.of(weight(draft.preview, 100));
      if (!draft.productionIntent.equals(only) || !draft.testIntent.equals(only)) {
        draft.productionIntent = only;
        draft.testIntent = only;
        draft.promotion = new PromotionStatus(target.revision(), 0, 100, now);
        draft.normal(Reasons.ROLLING_BACK, "production and test back to " + target.image());
        return enforceRoutes();
      }
      Action routes = enforceRoutes();
      if (routes != null) {
        return routes;
      }
      if (!revisionTaskSet.isPrimary()) {
        return new Action.MakePrimary(target.revision(), spec.cluster(), spec.service(), revisionTaskSet.arn());
      }
      RevisionStatus demoted = draft.stable;
      draft.stable = draft.preview;
      draft.previous = null;
      draft.clearPreviewProgress();
      draft.promotedAt = now;
      target = null;
      draft.retire(demoted);
      draft.normal(Reasons.ROLLED_BACK, "rolled back to " + draft.stable.image() + "; removing " + demoted.image());
      return cleanUp();
    }

    // ---- scale-down of blue ------------------------------------------------------------------

    private Action scaleDownPrevious() {
      RevisionStatus blue = draft.previous;
      if (blue == null || (blue.taskSet() == null && blue.targetGroup() == null)
          || spec.phase() == DesiredPhase.ROLLBACK || draft.promotedAt == null) {
        return null;
      }
      Instant due = draft.promotedAt.plus(spec.strategy().scaleDownDelay());
      if (now.isBefore(due)) {
        waitAtMost(Duration.between(now, due));
        if (Reasons.COMPLETE.equals(progressReason)) {
          progress(Reasons.SCALE_DOWN_PENDING, "blue " + blue.image() + " is kept for an instant rollback until " + due);
        }
        return null;
      }
      draft.retire(blue);
      draft.previous = new RevisionStatus(blue.revision(), blue.image(), blue.taskDefinition(), null, null,
          blue.adopted());
      draft.testIntent = List.of(weight(draft.stable, 100));
      draft.normal(Reasons.SCALED_DOWN, "scaleDownDelay has passed: removing blue " + blue.image());
      Action routes = enforceRoutes();
      return routes != null ? routes : cleanUp();
    }

    // ---- status --------------------------------------------------------------------------------

    private void finish() {
      Phase phase = phase();
      draft.phase = phase;
      boolean ready = switch (spec.phase()) {
        case PREVIEW -> phase == Phase.PREVIEWING || phase == Phase.PROMOTED;
        case PROMOTE -> phase == Phase.PROMOTED;
        case ROLLBACK -> phase == Phase.ROLLED_BACK;
      };
      String message = progressMessage != null ? progressMessage : steadyMessage(phase);
      draft.message = message;
      draft.condition(Reasons.READY, ready, ready ? Reasons.COMPLETE : progressReason, message);
      // Progressing means teal has work it will do on its own; waiting for someone to promote is not.
      boolean working = !Reasons.COMPLETE.equals(progressReason) && !waitingForPeople;
      draft.condition(Reasons.PROGRESSING, working, working || waitingForPeople ? progressReason
          : blockedByAbort ? Reasons.ABORTED : Reasons.COMPLETE, message);
      draft.condition(Reasons.DEGRADED, blockedByAbort, blockedByAbort ? draft.aborted.reason() : Reasons.COMPLETE,
          blockedByAbort ? draft.aborted.message() : "no failed attempt for this spec");
      boolean available = productionOnRunningRevisions();
      draft.condition(Reasons.AVAILABLE, available, available ? "ProductionServed" : "ProductionNotServed",
          available ? "production forwards to running revisions" : "production forwards to a target group with no running revision teal knows");
    }

    private Phase phase() {
      if (blockedByAbort) {
        return Phase.DEGRADED;
      }
      if (spec.phase() == DesiredPhase.ROLLBACK) {
        boolean done = draft.preview == null && target == null && draft.retired.isEmpty();
        return done ? Phase.ROLLED_BACK : Phase.ROLLING_BACK;
      }
      if (target == null) {
        return Phase.PROMOTED;
      }
      if (draft.promotion != null) {
        return Phase.PROMOTING;
      }
      boolean previewing = draft.previewReadyAt != null && Reasons.AWAITING_PROMOTION.equals(progressReason);
      return previewing ? Phase.PREVIEWING : Phase.PROGRESSING;
    }

    private String steadyMessage(Phase phase) {
      return switch (phase) {
        case PROMOTED -> draft.stable.image() + " serves production";
        case ROLLED_BACK -> draft.stable == null ? "green removed; there was no stable revision"
            : "rolled back: " + draft.stable.image() + " serves production";
        case DEGRADED -> draft.aborted.message();
        default -> phase.wireName();
      };
    }

    private boolean productionOnRunningRevisions() {
      RouteState prod = observed.route(production).orElseThrow();
      Map<String, Integer> weights = prod.weights();
      if (weights.values().stream().noneMatch(w -> w > 0)) {
        return false;
      }
      return weights.entrySet().stream().filter(e -> e.getValue() > 0).allMatch(e ->
          observed.taskSets().stream().anyMatch(t -> e.getKey().equals(t.targetGroupArn()) && t.runningCount() > 0));
    }

    private Decision failed(CannotAct failure) {
      // Failed is computed from the status as read, plus the bookkeeping of this pass (generation, hash).
      DeploymentStatus failedStatus = StatusEdits.failed(draft.build(), failure.reason, failure.getMessage(), now);
      return new Decision(null, failedStatus, failedRetryInterval);
    }

    // ---- small helpers -----------------------------------------------------------------------

    /**
     * The status written with an action always says work is in flight (Progressing), so whichever
     * instance holds the lease next finds this deployment through its resync even when the action's
     * reconcile, and the requeue it would have asked for, died with the old holder.
     */
    private void inProgress(Action action) {
      if (!Reasons.COMPLETE.equals(progressReason)) {
        return;
      }
      switch (action) {
        case Action.ClaimService c -> progress(Reasons.ADOPTING, "claiming ECS service " + c.service()
            + " for this deployment");
        case Action.ClaimRoute c -> progress(Reasons.ADOPTING, "claiming the " + c.routeName() + " route for this"
            + " deployment");
        case Action.AdoptTaskSet a -> progress(Reasons.ADOPTING, "adopting the service's primary task set as stable");
        case Action.SetRoute r -> progress(Reasons.SHIFTING_TRAFFIC, "setting the " + r.routeName() + " route");
        case Action.MakePrimary p -> progress(Reasons.SHIFTING_TRAFFIC, "making revision " + p.revision()
            + " the primary task set");
        case Action.DeleteTaskSet d -> progress(Reasons.CLEANING_UP, "deleting revision " + d.revision());
        case Action.DeleteTargetGroup d -> progress(Reasons.CLEANING_UP, "deleting revision " + d.revision());
        case Action.RunAnalysis a -> progress(Reasons.ANALYSING, "analysing revision " + a.revision());
        default -> progress(Reasons.CREATING_RESOURCES, "creating resources for revision " + action.revision());
      }
    }

    private void progress(String reason, String message) {
      if (Reasons.COMPLETE.equals(progressReason) || !Reasons.CLEANING_UP.equals(reason)) {
        progressReason = reason;
        progressMessage = message;
      }
    }

    private void waitAtMost(Duration wait) {
      Duration positive = wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait;
      if (requeue == null || positive.compareTo(requeue) < 0) {
        requeue = positive;
      }
    }

    private boolean isReady(EcsTaskSet ts) {
      TargetHealthCounts health = observed.healthOf(draft.preview.targetGroup());
      return ts.isSteady() && ts.runningCount() >= ts.computedDesiredCount()
          && health.healthy() >= requiredHealthy(ts);
    }

    private int requiredHealthy(EcsTaskSet ts) {
      return Math.max(1, ts.computedDesiredCount());
    }

    private Optional<EcsTaskSet> liveTaskSet(String arn) {
      return observed.taskSet(arn).filter(t -> !EcsTaskSet.DRAINING.equals(t.status()));
    }

    private String arnOf(RevisionStatus revision) {
      return revision == null ? null : revision.taskSet();
    }

    private String describe(RouteRef ref) {
      return (ref.kind() == RouteRef.Kind.RULE ? "rule " : "listener ") + ref.arn();
    }
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

  static String render(Duration duration) {
    return duration.toString().substring(2).toLowerCase();
  }

  private static String shortName(String targetGroupArn) {
    String[] parts = targetGroupArn.split("/");
    return parts.length >= 2 ? parts[parts.length - 2] : targetGroupArn;
  }
}
