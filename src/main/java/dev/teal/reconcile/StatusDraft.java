package dev.teal.reconcile;

import dev.teal.model.AbortStatus;
import dev.teal.model.AnalysisStatus;
import dev.teal.model.AwsWait;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.GatesStatus;
import dev.teal.model.HookStatus;
import dev.teal.model.PauseStatus;
import dev.teal.model.ProductionRevision;
import dev.teal.model.Phase;
import dev.teal.model.PromotionStatus;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.model.ScaleInSuspension;
import dev.teal.model.TrafficStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The status being built by one planning pass; starts as a copy of the last written status. */
final class StatusDraft {

  static final int MAX_EVENTS = StatusLimits.MAX_EVENTS;

  private final Instant now;
  Phase phase;
  String message;
  Long observedGeneration;
  String observedSpecHash;
  RevisionStatus stable;
  RevisionStatus preview;
  RevisionStatus previous;
  final List<RevisionStatus> retired;
  List<RouteWeight> productionIntent;
  List<RouteWeight> testIntent;
  /** The intents as the routes were last seen forwarding them; see {@link TrafficStatus#productionInPlace()}. */
  List<RouteWeight> productionInPlace;
  List<RouteWeight> testInPlace;
  PromotionStatus promotion;
  AnalysisStatus analysis;
  Instant progressStartedAt;
  Instant previewReadyAt;
  Instant promotedAt;
  AbortStatus aborted;
  List<String> claimed;
  ScaleInSuspension scaleIn;
  /** Kept as written: only the reconciler sets and clears it (see {@link Reconciler}). */
  AwsWait awaitingAws;
  PauseStatus paused;
  /** What the gates last saw ({@link Gates}); cleared with green. */
  GatesStatus gates;
  /** The lifecycle hooks of the current (or last) green ({@link Hooks}); replaced when a new green starts its hooks. */
  List<HookStatus> hooks;
  final List<ProductionRevision> history;
  private final List<Condition> conditions;
  private final List<DeploymentEvent> events;

  StatusDraft(DeploymentStatus from, Instant now) {
    this.now = now;
    phase = from.phase();
    message = from.message();
    observedGeneration = from.observedGeneration();
    observedSpecHash = from.observedSpecHash();
    stable = from.stable();
    preview = from.preview();
    previous = from.previous();
    retired = new ArrayList<>(Objects.requireNonNullElse(from.retired(), List.of()));
    var traffic = from.traffic();
    productionIntent = traffic == null || traffic.production() == null ? List.of() : traffic.production();
    testIntent = traffic == null || traffic.test() == null ? List.of() : traffic.test();
    productionInPlace = traffic == null || traffic.productionInPlace() == null ? List.of() : traffic.productionInPlace();
    testInPlace = traffic == null || traffic.testInPlace() == null ? List.of() : traffic.testInPlace();
    promotion = from.promotion();
    analysis = from.analysis();
    progressStartedAt = from.progressStartedAt();
    previewReadyAt = from.previewReadyAt();
    promotedAt = from.promotedAt();
    aborted = from.aborted();
    claimed = from.claimed();
    scaleIn = from.scaleIn();
    awaitingAws = from.awaitingAws();
    paused = from.paused();
    gates = from.gates();
    hooks = from.hooks();
    history = new ArrayList<>(Objects.requireNonNullElse(from.history(), List.of()));
    conditions = new ArrayList<>(Objects.requireNonNullElse(from.conditions(), List.of()));
    events = new ArrayList<>(Objects.requireNonNullElse(from.events(), List.of()));
  }

  void event(String type, String reason, String message) {
    events.add(new DeploymentEvent(now, type, reason, message));
    while (events.size() > MAX_EVENTS) {
      events.remove(0);
    }
  }

  void normal(String reason, String message) {
    event(DeploymentEvent.NORMAL, reason, message);
  }

  void warning(String reason, String message) {
    event(DeploymentEvent.WARNING, reason, message);
  }

  /** Sets a condition, keeping its lastTransitionTime when its status does not change. */
  void condition(String type, boolean status, String reason, String message) {
    String value = status ? Condition.TRUE : Condition.FALSE;
    Instant since = now;
    for (int i = 0; i < conditions.size(); i++) {
      Condition existing = conditions.get(i);
      if (existing.type().equals(type)) {
        if (existing.status().equals(value)) {
          since = existing.lastTransitionTime();
        }
        conditions.set(i, new Condition(type, value, reason, message, since));
        return;
      }
    }
    conditions.add(new Condition(type, value, reason, message, since));
  }

  /** Replaces a revision wherever the draft refers to it by revision id. */
  void updateRevision(RevisionStatus updated) {
    if (stable != null && stable.revision().equals(updated.revision())) {
      stable = updated;
    }
    if (preview != null && preview.revision().equals(updated.revision())) {
      preview = updated;
    }
    if (previous != null && previous.revision().equals(updated.revision())) {
      previous = updated;
    }
  }

  void retire(RevisionStatus revision) {
    if (revision != null && (revision.taskSet() != null || revision.targetGroup() != null || revision.revision() != null)
        && retired.stream().noneMatch(r -> r.revision().equals(revision.revision()))) {
      retired.add(revision);
    }
  }

  void clearPreviewProgress() {
    preview = null;
    promotion = null;
    previewReadyAt = null;
    progressStartedAt = null;
    gates = null;
  }

  /** The status drafted, within {@link StatusLimits}. */
  DeploymentStatus build() {
    return StatusLimits.bound(new DeploymentStatus(phase, message, observedGeneration, observedSpecHash, stable, preview,
        previous, List.copyOf(retired), new TrafficStatus(productionIntent, testIntent, productionInPlace, testInPlace),
        promotion, analysis, progressStartedAt, previewReadyAt, promotedAt, aborted, claimed, scaleIn, awaitingAws,
        List.copyOf(conditions), List.copyOf(events), paused, List.copyOf(history), gates, hooks));
  }
}
