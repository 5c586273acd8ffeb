package dev.teal.history;

import dev.teal.model.Condition;
import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.NotificationSpec;
import dev.teal.model.Phase;
import dev.teal.model.PromotionSpec;
import dev.teal.model.PromotionStatus;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.model.StrategySpec;
import dev.teal.model.TrafficStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Derives the {@link HistoryEntry} of a status write from the status before and after it: pure, so every
 * rule below is tested table by table without a store.
 *
 * <p>A write gets an entry when it makes a transition to notify about, adds events, or moves a route's
 * weights; any other write (a message that counts tasks, a condition's wording) gets none. The transitions
 * are read from the status's public contract (phase, preview, promotion, aborted, the Ready condition),
 * never from the planner's event reasons, so they hold however the planner is organised:
 *
 * <ul>
 *   <li>{@link NotificationType#STARTED}: a green revision appears or replaces another, while the phase is
 *       Progressing, Previewing or Promoting (a rollback's target is not a new attempt);
 *   <li>{@link NotificationType#WAITING_FOR_PROMOTION}: the phase becomes Previewing;
 *   <li>{@link NotificationType#STEP}: while Promoting, production is set to another step (or the same step
 *       of another revision);
 *   <li>{@link NotificationType#PROMOTED}: the phase becomes Promoted with a new stable revision, from a
 *       phase the operator had already written (adopting a running service is not a promotion);
 *   <li>{@link NotificationType#DEGRADED}: the phase becomes Degraded, with the abort's reason;
 *   <li>{@link NotificationType#ROLLED_BACK}: the phase becomes RolledBack;
 *   <li>{@link NotificationType#FAILED}: the phase becomes Failed, or stays Failed for another reason.
 * </ul>
 */
public final class HistoryEntries {

  /** The reasons notifications carry when the status names none of its own. */
  public static final String NEW_REVISION = "NewRevision";
  public static final String AWAITING_PROMOTION = "AwaitingPromotion";
  public static final String TRAFFIC_SHIFTED = "ProductionTrafficShifted";
  public static final String PROMOTED = "Promoted";
  public static final String ROLLED_BACK = "RolledBack";
  public static final String DEGRADED = "Degraded";
  public static final String FAILED = "Failed";

  private static final String READY = "Ready";
  private static final Set<Phase> ATTEMPTING = Set.of(Phase.PROGRESSING, Phase.PREVIEWING, Phase.PROMOTING);

  private HistoryEntries() {}

  /**
   * One status write, with what it was computed from.
   *
   * @param incarnation the document's creation time
   * @param spec the spec the status was computed for, with its defaults (null when it could not be read)
   * @param caller {@code metadata.updatedBy} of the document the status was computed from
   * @param before the status as read (null or empty for a first status)
   * @param statusVersion the status version the write creates
   */
  public record Write(String deployment, Instant incarnation, long generation, DeploymentSpec spec, String caller,
      DeploymentStatus before, DeploymentStatus after, long statusVersion, Instant at) {

    public Write {
      Objects.requireNonNull(deployment, "deployment");
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(at, "at");
      before = before == null ? DeploymentStatus.empty() : before;
    }
  }

  /** The entry of {@code write}, or empty when the write changed nothing a person would look for. */
  public static Optional<HistoryEntry> of(Write write) {
    DeploymentStatus before = write.before();
    DeploymentStatus after = write.after();
    List<Notification> notifications = notifications(before, after, write.spec());
    List<DeploymentEvent> events = newEvents(before.events(), after.events());
    List<RouteWeight> production = weights(after.traffic(), true);
    List<RouteWeight> test = weights(after.traffic(), false);
    boolean moved = !production.equals(weights(before.traffic(), true)) || !test.equals(weights(before.traffic(), false));
    if (notifications.isEmpty() && events.isEmpty() && !moved) {
      return Optional.empty();
    }
    DeploymentSpec spec = write.spec();
    return Optional.of(new HistoryEntry(write.deployment(), write.incarnation(), write.statusVersion(),
        write.generation(), write.at(), after.phase(), before.phase(), after.message(),
        spec == null || spec.phase() == null ? null : spec.phase().wireName(), spec == null ? null : spec.image(),
        write.caller(), RevisionRef.of(after.stable()), green(after), production, test, events, notifications,
        webhooks(spec)));
  }

  /** Green after the write: the preview, or, for an attempt just aborted, the revision that failed. */
  static RevisionRef green(DeploymentStatus after) {
    if (after.preview() != null) {
      return RevisionRef.of(after.preview());
    }
    if (after.phase() == Phase.DEGRADED && after.aborted() != null && after.aborted().revision() != null) {
      return new RevisionRef(after.aborted().revision(), after.aborted().image());
    }
    return null;
  }

  /** The transitions from {@code before} to {@code after}, in {@link NotificationType} order. */
  public static List<Notification> notifications(DeploymentStatus before, DeploymentStatus after,
      DeploymentSpec spec) {
    List<Notification> out = new ArrayList<>();
    Phase was = before.phase();
    Phase now = after.phase();
    if (after.preview() != null && ATTEMPTING.contains(now) && !sameRevision(before.preview(), after.preview())) {
      RevisionStatus green = after.preview();
      out.add(Notification.of(NotificationType.STARTED, NEW_REVISION, "green " + green.image() + " (revision "
          + green.revision() + ") started" + (after.stable() == null ? ", the first revision"
          : "; production stays on " + after.stable().image())));
    }
    if (now == Phase.PREVIEWING && was != Phase.PREVIEWING) {
      out.add(Notification.of(NotificationType.WAITING_FOR_PROMOTION, AWAITING_PROMOTION, after.message()));
    }
    PromotionStatus step = after.promotion();
    if (now == Phase.PROMOTING && step != null && !sameStep(before.promotion(), step)) {
      Integer steps = steps(spec);
      String image = after.preview() == null ? step.revision() : after.preview().image();
      out.add(new Notification(NotificationType.STEP, TRAFFIC_SHIFTED, "production: " + step.weight() + "% to "
          + image + " (step " + (step.step() + 1) + (steps == null ? "" : " of " + steps) + ")", step.step() + 1,
          steps, step.weight()));
    }
    if (now == Phase.PROMOTED && was != null && was != Phase.PROMOTED && after.stable() != null
        && !sameRevision(before.stable(), after.stable())) {
      out.add(Notification.of(NotificationType.PROMOTED, PROMOTED, after.stable().image()
          + " is promoted and serves production"));
    }
    if (now == Phase.DEGRADED && was != Phase.DEGRADED) {
      String reason = after.aborted() != null && after.aborted().reason() != null ? after.aborted().reason()
          : conditionReason(after, DEGRADED);
      String message = after.aborted() != null && after.aborted().message() != null ? after.aborted().message()
          : after.message();
      out.add(Notification.of(NotificationType.DEGRADED, reason == null ? DEGRADED : reason, message));
    }
    if (now == Phase.ROLLED_BACK && was != Phase.ROLLED_BACK) {
      out.add(Notification.of(NotificationType.ROLLED_BACK, ROLLED_BACK, after.message()));
    }
    if (now == Phase.FAILED && (was != Phase.FAILED
        || !Objects.equals(conditionReason(before, READY), conditionReason(after, READY)))) {
      String reason = conditionReason(after, READY);
      out.add(Notification.of(NotificationType.FAILED, reason == null ? FAILED : reason, after.message()));
    }
    return List.copyOf(out);
  }

  /**
   * The events {@code after} added: the status keeps its events oldest first and drops the oldest past its
   * bound, so {@code after} is a tail of {@code before} followed by the new ones. The longest tail of
   * {@code before} that {@code after} starts with is what both share.
   */
  public static List<DeploymentEvent> newEvents(List<DeploymentEvent> before, List<DeploymentEvent> after) {
    for (int dropped = 0; dropped <= before.size(); dropped++) {
      List<DeploymentEvent> kept = before.subList(dropped, before.size());
      if (kept.size() <= after.size() && after.subList(0, kept.size()).equals(kept)) {
        return List.copyOf(after.subList(kept.size(), after.size()));
      }
    }
    return List.copyOf(after);
  }

  /** A route's weights without their target groups (a revision names them well enough for a timeline). */
  static List<RouteWeight> weights(TrafficStatus traffic, boolean production) {
    if (traffic == null) {
      return List.of();
    }
    List<RouteWeight> weights = production ? traffic.production() : traffic.test();
    if (weights == null) {
      return List.of();
    }
    return weights.stream().map(w -> new RouteWeight(w.revision(), w.image(), null, w.weight())).toList();
  }

  private static List<String> webhooks(DeploymentSpec spec) {
    NotificationSpec notifications = spec == null ? null : spec.notifications();
    return notifications == null || notifications.webhooks() == null ? List.of() : notifications.webhooks();
  }

  private static Integer steps(DeploymentSpec spec) {
    return Optional.ofNullable(spec).map(DeploymentSpec::strategy).map(StrategySpec::promotion)
        .map(PromotionSpec::steps).map(List::size).orElse(null);
  }

  private static boolean sameRevision(RevisionStatus a, RevisionStatus b) {
    return a != null && b != null && Objects.equals(a.revision(), b.revision());
  }

  private static boolean sameStep(PromotionStatus a, PromotionStatus b) {
    return a != null && a.step() == b.step() && Objects.equals(a.revision(), b.revision());
  }

  private static String conditionReason(DeploymentStatus status, String type) {
    Condition condition = status.condition(type);
    return condition == null ? null : condition.reason();
  }
}
