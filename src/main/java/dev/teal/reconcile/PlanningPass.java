package dev.teal.reconcile;

import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.RouteRef;
import dev.teal.document.SpecHash;
import dev.teal.model.ControlSpec;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One planning pass: what it decides from, and what it has decided so far. Every planning unit reads
 * and edits this one object; nothing else is shared between them (after Argo Rollouts' per-sync
 * {@code rollout/context.go}).
 *
 * <p>A pass lives for one {@link Planner#plan} call. It holds no clock and does no I/O: time is
 * {@link #now}, the world is {@link #observed}.
 */
final class PlanningPass {

  // ---- what the pass decides from (read only) ---------------------------------------------------

  /** The whole input: deployment name, generation, spec hash, spec, status as last written, observation, now. */
  final PlanContext ctx;
  /** The spec with defaults applied ({@code ctx.spec()}). */
  final DeploymentSpec spec;
  /** What the observer saw of the service, its task sets, routes and target groups in this reconcile. */
  final Observed observed;
  /** The time of this pass; every deadline and event timestamp is measured from it. */
  final Instant now;
  /** The production route teal drives: the spec's production rule, or else its production listener. */
  final RouteRef production;
  /** The test route teal drives: green is previewed and analysed behind it. */
  final RouteRef test;
  /** How soon to look again while waiting for tasks or health checks. */
  final Duration pollInterval;
  /** The requests people made of the rollout ({@code spec.control}); never null. */
  final ControlSpec control;
  /**
   * The identity of the current attempt ({@link SpecHash#ofAttempt}): the spec hash without the control
   * requests that do not start a new attempt. An abort blocks its revision while this stays the same.
   */
  final String attemptHash;

  // ---- what the pass has decided so far (edited by the units) -----------------------------------

  /** The status being built; starts as a copy of the status as last written. */
  final StatusDraft draft;
  /**
   * What the spec asks to run; null when stable already is that, when an abort blocks the spec, or once
   * green was promoted, rolled back to or aborted in this pass.
   */
  Target target;
  /** When to look again if the pass ends without an action; the shortest wait any unit asked for. Null: no wait. */
  Duration requeue;
  /** The reason of the Progressing and (while not ready) Ready conditions; {@link Reasons#COMPLETE} when idle. */
  String progressReason = Reasons.COMPLETE;
  /** What teal is doing, in a person's words; null means the steady message of the phase. */
  String progressMessage;
  /** Green failed for the current spec ({@code draft.aborted}), before or in this pass: Degraded until it changes. */
  boolean blockedByAbort;
  /** Nothing more happens until someone changes the spec (previewing without autoPromoteAfter). */
  boolean waitingForPeople;
  /** Set when the only thing awaited is green's targets turning healthy. */
  HealthWait healthWait;
  /** Something a pause would have moved was held in this pass ({@link Pause}): the phase is Paused. */
  boolean held;
  /** An analysis runs off the reconcile ({@link Analysis}): nothing that depends on its verdict may go ahead. */
  boolean analysisRunning;
  /** A lifecycle hook runs ({@link Hooks}), or waits for its route: nothing that depends on its verdict may go ahead. */
  boolean hookRunning;

  PlanningPass(PlanContext ctx, Duration pollInterval) {
    this.ctx = ctx;
    this.spec = ctx.spec();
    this.observed = ctx.observed();
    this.now = ctx.now();
    this.pollInterval = pollInterval;
    this.draft = new StatusDraft(ctx.status(), now);
    this.control = spec.controlOrNone();
    this.attemptHash = spec.control() == null ? ctx.specHash() : SpecHash.ofAttempt(spec);
    var traffic = spec.traffic();
    this.production = traffic.productionRule() != null
        ? RouteRef.rule(traffic.productionRule()) : RouteRef.listener(traffic.productionListener());
    this.test = RouteRef.rule(traffic.testRule());
  }

  // ---- small helpers shared by the units --------------------------------------------------------

  /** Records what teal is doing; a clean-up does not hide anything more important said in this pass. */
  void progress(String reason, String message) {
    if (Reasons.COMPLETE.equals(progressReason) || !Reasons.CLEANING_UP.equals(reason)) {
      progressReason = reason;
      progressMessage = message;
    }
  }

  /** Asks to look again within {@code wait} (at least 1 ms); the shortest wait of the pass wins. */
  void waitAtMost(Duration wait) {
    Duration positive = wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait;
    if (requeue == null || positive.compareTo(requeue) < 0) {
      requeue = positive;
    }
  }

  /** A route intent entry: {@code revision}'s target group at {@code weight}. */
  RouteWeight weight(RevisionStatus revision, int weight) {
    return new RouteWeight(revision.revision(), revision.image(), revision.targetGroup(), weight);
  }

  /** The observed task set with this ARN, unless it is draining (being deleted). */
  Optional<EcsTaskSet> liveTaskSet(String arn) {
    return observed.taskSet(arn).filter(t -> !EcsTaskSet.DRAINING.equals(t.status()));
  }

  String arnOf(RevisionStatus revision) {
    return revision == null ? null : revision.taskSet();
  }

  String describe(RouteRef ref) {
    return (ref.kind() == RouteRef.Kind.RULE ? "rule " : "listener ") + ref.arn();
  }

  /** A duration as people write it in a spec: 10m, 1h30m. */
  static String render(Duration duration) {
    return duration.toString().substring(2).toLowerCase();
  }
}
