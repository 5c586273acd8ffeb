package dev.teal.operator.web;

import dev.teal.model.Age;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import dev.teal.model.PromotionSpec;
import dev.teal.model.PromotionStatus;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.model.StrategySpec;
import dev.teal.operator.ReconcileRecord;
import dev.teal.operator.web.DeploymentSummary.LastReconcile;
import dev.teal.operator.web.DeploymentSummary.Promotion;
import dev.teal.operator.web.DeploymentSummary.Revision;
import dev.teal.operator.web.DeploymentSummary.Segment;
import dev.teal.operator.web.DeploymentSummary.Traffic;
import dev.teal.reconcile.Reasons;
import dev.teal.store.StoredDeployment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds the status API's summaries from stored documents: pure, so it is tested without a server. */
public final class DeploymentSummaries {

  /** How many events a summary carries; the full list (up to the status's bound) is in the document. */
  public static final int RECENT_EVENTS = 5;

  /** The conditions the page shows: is it done, and did the last attempt fail. */
  static final List<String> CONDITIONS = List.of(Reasons.READY, Reasons.DEGRADED);

  static final String STABLE = "stable";
  static final String PREVIEW = "preview";
  static final String PREVIOUS = "previous";
  static final String OTHER = "other";

  private static final List<String> ROLE_ORDER = List.of(STABLE, PREVIEW, PREVIOUS, OTHER);

  private DeploymentSummaries() {}

  /** The summary with the caller ARN redacted ({@link CallerArns}). */
  public static DeploymentSummary of(StoredDeployment stored, Optional<ReconcileRecord> lastReconcile, Instant now) {
    return of(stored, lastReconcile, now, false);
  }

  /** @param showCallerArns whether {@code updatedBy} is the whole ARN (teal.status-page.show-caller-arns) */
  public static DeploymentSummary of(StoredDeployment stored, Optional<ReconcileRecord> lastReconcile, Instant now,
      boolean showCallerArns) {
    DeploymentStatus status = stored.status() == null ? DeploymentStatus.empty() : stored.status();
    DeploymentSpec spec = stored.spec();
    DeploymentSpec effective = stored.specValid() ? stored.effectiveSpec() : null;
    Instant createdAt = stored.document().metadata().creationTimestamp();
    return new DeploymentSummary(
        stored.name(),
        spec == null ? null : spec.image(),
        effective == null || effective.phase() == null ? null : effective.phase().wireName(),
        wireName(status.phase()),
        status.message(),
        stored.specProblems().stream().map(Object::toString).toList(),
        revision(status.stable()),
        revision(status.preview()),
        revision(status.previous()),
        traffic(status),
        promotion(status.promotion(), effective),
        status.conditions().stream().filter(c -> CONDITIONS.contains(c.type()))
            .sorted(Comparator.comparingInt((Condition c) -> CONDITIONS.indexOf(c.type()))).toList(),
        stored.generation(),
        status.observedGeneration(),
        status.observedGeneration() != null && status.observedGeneration() == stored.generation(),
        lastReconcile.map(DeploymentSummaries::lastReconcile).orElse(null),
        createdAt,
        age(createdAt, now),
        stored.document().metadata().updatedAt(),
        CallerArns.shown(stored.document().metadata().updatedBy(), showCallerArns),
        recentEvents(status.events()),
        stored.document().metadata().labels() == null ? Map.of()
            : new TreeMap<>(stored.document().metadata().labels()),
        attention(status.phase(), stored.specValid()).label(),
        age(stored.document().metadata().updatedAt(), now));
  }

  /** How much a deployment needs people, most first: the overview sorts by this, then by name. */
  enum Attention {
    FAILED("failed"), DEGRADED("degraded"), PAUSED("paused"), IN_FLIGHT("in-flight"), SETTLED("settled");

    private final String label;

    Attention(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  /**
   * Failed (teal cannot act, or the spec cannot be read) before Degraded (an attempt failed) before paused
   * (green waits for {@code phase: promote}) before anything in flight (including a document not reconciled
   * yet) before the settled ones.
   */
  static Attention attention(Phase phase, boolean specValid) {
    if (!specValid || phase == Phase.FAILED) {
      return Attention.FAILED;
    }
    if (phase == null) {
      return Attention.IN_FLIGHT;
    }
    return switch (phase) {
      case DEGRADED -> Attention.DEGRADED;
      case PREVIEWING -> Attention.PAUSED;
      case PROMOTED, ROLLED_BACK -> Attention.SETTLED;
      default -> Attention.IN_FLIGHT;
    };
  }

  /** Age like kubectl: 45s, 5m, 3h, 2d; null without a creation time. */
  static String age(Instant since, Instant now) {
    return Age.since(since, now);
  }

  /** The status keeps events oldest first; a reader wants the newest on top. */
  static List<DeploymentEvent> recentEvents(List<DeploymentEvent> events) {
    List<DeploymentEvent> recent = new ArrayList<>(events.subList(Math.max(0, events.size() - RECENT_EVENTS),
        events.size()));
    Collections.reverse(recent);
    return List.copyOf(recent);
  }

  static Traffic traffic(DeploymentStatus status) {
    if (status.traffic() == null) {
      return new Traffic(List.of(), List.of());
    }
    return new Traffic(segments(status.traffic().production(), status), segments(status.traffic().test(), status));
  }

  /**
   * A route's weights as segments with roles and whole percentages, in the order the page draws them.
   * ALB weights are relative ({@code {blue: 1}} is all of the traffic), so the percentage is the share of
   * the route's total, not the weight itself.
   */
  static List<Segment> segments(List<RouteWeight> weights, DeploymentStatus status) {
    if (weights == null || weights.isEmpty()) {
      return List.of();
    }
    long total = weights.stream().mapToLong(w -> Math.max(0, w.weight())).sum();
    return weights.stream()
        .map(w -> new Segment(role(w, status), w.revision(), w.image(), w.targetGroup(), w.weight(),
            total == 0 ? 0 : (int) Math.round(Math.max(0, w.weight()) * 100.0 / total)))
        .sorted(Comparator.comparingInt(s -> ROLE_ORDER.indexOf(s.role())))
        .toList();
  }

  /** Which revision a route's target group belongs to; by revision id, or by target group when it has none. */
  private static String role(RouteWeight weight, DeploymentStatus status) {
    if (is(weight, status.stable())) {
      return STABLE;
    }
    if (is(weight, status.preview())) {
      return PREVIEW;
    }
    if (is(weight, status.previous())) {
      return PREVIOUS;
    }
    return OTHER;
  }

  private static boolean is(RouteWeight weight, RevisionStatus revision) {
    if (revision == null) {
      return false;
    }
    if (weight.revision() != null) {
      return weight.revision().equals(revision.revision());
    }
    return weight.targetGroup() != null && weight.targetGroup().equals(revision.targetGroup());
  }

  private static Promotion promotion(PromotionStatus promotion, DeploymentSpec effective) {
    if (promotion == null) {
      return null;
    }
    List<Integer> steps = Optional.ofNullable(effective).map(DeploymentSpec::strategy)
        .map(StrategySpec::promotion).map(PromotionSpec::weights).orElse(List.of());
    return new Promotion(promotion.step() + 1, steps.size(), promotion.weight(), promotion.stepStartedAt());
  }

  private static Revision revision(RevisionStatus revision) {
    return revision == null ? null : new Revision(revision.revision(), revision.image());
  }

  private static LastReconcile lastReconcile(ReconcileRecord record) {
    // Milliseconds are plenty for people, and read "816ms" rather than "816075313ns".
    return new LastReconcile(record.at(), record.took().truncatedTo(ChronoUnit.MILLIS), record.result(), wireName(record.phase()), record.actions(),
        record.message(), record.failuresInARow());
  }

  private static String wireName(Phase phase) {
    return phase == null ? null : phase.wireName();
  }
}
