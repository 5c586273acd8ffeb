package dev.teal.operator.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.teal.history.HistoryEntry;
import dev.teal.history.Notification;
import dev.teal.history.NotificationType;
import dev.teal.history.RevisionRef;
import dev.teal.model.DeploymentEvent;
import dev.teal.model.Phase;
import dev.teal.model.RouteWeight;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The deployment page's timeline and chart, from the recorded status history: pure, so its rules are
 * tested without a server. The entries are cut into attempts: one starts where green starts
 * ({@code Deployment Started}), where a rollback starts, and at the oldest entry kept. Each attempt lists
 * what happened (each write's events, then the transitions they made, with their times) and, per entry, the
 * share of the production and test routes that went to the attempt's revision: the chart's points.
 */
public final class DeploymentTimeline {

  /** The phases an attempt ends in. */
  private static final Set<Phase> OUTCOMES = Set.of(Phase.PROMOTED, Phase.ROLLED_BACK, Phase.DEGRADED, Phase.FAILED);

  private DeploymentTimeline() {}

  /**
   * @param attempts newest first; the first is the current one
   */
  public record Timeline(List<Attempt> attempts) {}

  /**
   * One attempt.
   *
   * @param kind {@code deploy} (green started), {@code rollback}, {@code adopt} (teal's first status of the
   *     document) or {@code earlier} (the oldest entries kept, whose start is no longer recorded)
   * @param revision the revision the chart follows: green's for a deploy, the one production returns to for a
   *     rollback, stable's otherwise
   * @param outcome the phase it ended in (Promoted, RolledBack, Degraded, Failed), null while in progress
   * @param endedAt when it reached that phase
   */
  @JsonPropertyOrder({"kind", "revision", "image", "startedAt", "outcome", "endedAt", "current", "items", "traffic"})
  public record Attempt(String kind, String revision, String image, Instant startedAt, String outcome, Instant endedAt,
      boolean current, List<Item> items, List<Point> traffic) {}

  /**
   * One line of the timeline.
   *
   * @param kind {@code transition} (one of the notifications) or {@code event} (from the status's events)
   * @param type the transition's detail-type, or the event's type (Normal, Warning)
   * @param eventId the notification's event id, as the sinks received it (null for events)
   */
  @JsonPropertyOrder({"at", "statusVersion", "kind", "type", "reason", "message", "phase", "step", "steps", "weight",
      "eventId"})
  public record Item(Instant at, long statusVersion, String kind, String type, String reason, String message,
      String phase, Integer step, Integer steps, Integer weight, String eventId) {}

  /**
   * The attempt's revision's share of each route after one status write, in percent.
   */
  @JsonPropertyOrder({"at", "statusVersion", "production", "test"})
  public record Point(Instant at, long statusVersion, int production, int test) {}

  /**
   * The timeline of the document created at {@code incarnation} whose status is at {@code statusVersion}:
   * only its own entries (a document deleted and created again starts afresh), only the last
   * {@code window} status versions (the ring's reach, so a slot left over from an older lap is not shown).
   */
  public static Timeline of(List<HistoryEntry> entries, Instant incarnation, long statusVersion, int window) {
    List<HistoryEntry> own = entries.stream()
        .filter(e -> Objects.equals(millis(e.incarnation()), millis(incarnation)))
        .filter(e -> e.statusVersion() > statusVersion - window)
        .sorted(java.util.Comparator.comparingLong(HistoryEntry::statusVersion))
        .toList();
    List<List<HistoryEntry>> groups = new ArrayList<>();
    for (int i = 0; i < own.size(); i++) {
      if (i == 0 || starts(own.get(i))) {
        groups.add(new ArrayList<>());
      }
      groups.get(groups.size() - 1).add(own.get(i));
    }
    List<Attempt> attempts = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      attempts.add(attempt(groups.get(i), i == groups.size() - 1));
    }
    Collections.reverse(attempts);
    return new Timeline(List.copyOf(attempts));
  }

  /** Whether an entry begins an attempt: green started, or a rollback began. */
  static boolean starts(HistoryEntry entry) {
    if (entry.notifications().stream().anyMatch(n -> n.type() == NotificationType.STARTED)) {
      return true;
    }
    boolean rollingBack = entry.phase() == Phase.ROLLING_BACK || entry.phase() == Phase.ROLLED_BACK;
    boolean wasRollingBack = entry.previousPhase() == Phase.ROLLING_BACK || entry.previousPhase() == Phase.ROLLED_BACK;
    return rollingBack && !wasRollingBack;
  }

  private static Attempt attempt(List<HistoryEntry> group, boolean current) {
    HistoryEntry first = group.get(0);
    HistoryEntry last = group.get(group.size() - 1);
    String kind;
    RevisionRef revision;
    if (first.notifications().stream().anyMatch(n -> n.type() == NotificationType.STARTED)) {
      kind = "deploy";
      revision = first.green();
    } else if (starts(first)) {
      kind = "rollback";
      revision = last.stable();
    } else if (first.previousPhase() == null) {
      kind = "adopt";
      revision = first.green() != null ? first.green() : first.stable();
    } else {
      kind = "earlier";
      revision = first.green() != null ? first.green() : first.stable();
    }
    String outcome = null;
    Instant endedAt = null;
    for (HistoryEntry entry : group) {
      if (outcome == null && entry.phase() != null && OUTCOMES.contains(entry.phase())) {
        outcome = entry.phase().wireName();
        endedAt = entry.at();
      }
    }
    if (last.phase() == null || !OUTCOMES.contains(last.phase())) {
      outcome = null; // it left the phase it had reached (e.g. Failed, then acting again)
      endedAt = null;
    }
    List<Item> items = new ArrayList<>();
    List<Point> points = new ArrayList<>();
    String id = revision == null ? null : revision.revision();
    for (HistoryEntry entry : group) {
      String phase = entry.phase() == null ? null : entry.phase().wireName();
      // What the write did (its events), then the transitions that made of it.
      for (DeploymentEvent event : entry.events()) {
        items.add(new Item(event.time() == null ? entry.at() : event.time(), entry.statusVersion(), "event",
            event.type(), event.reason(), event.message(), phase, null, null, null, null));
      }
      for (int i = 0; i < entry.notifications().size(); i++) {
        Notification n = entry.notifications().get(i);
        items.add(new Item(entry.at(), entry.statusVersion(), "transition", n.type().detailType(), n.reason(),
            n.message(), phase, n.step(), n.steps(), n.weight(), entry.eventId(i)));
      }
      points.add(new Point(entry.at(), entry.statusVersion(), share(entry.production(), id), share(entry.test(), id)));
    }
    return new Attempt(kind, id, revision == null ? null : revision.image(), first.at(), outcome, endedAt, current,
        List.copyOf(items), List.copyOf(points));
  }

  /** A revision's share of a route in whole percent (ALB weights are relative). */
  static int share(List<RouteWeight> weights, String revision) {
    long total = weights.stream().mapToLong(w -> Math.max(0, w.weight())).sum();
    if (total == 0 || revision == null) {
      return 0;
    }
    long mine = weights.stream().filter(w -> revision.equals(w.revision())).mapToLong(w -> Math.max(0, w.weight()))
        .sum();
    return (int) Math.round(mine * 100.0 / total);
  }

  private static Long millis(Instant instant) {
    return instant == null ? 0L : instant.toEpochMilli();
  }
}
