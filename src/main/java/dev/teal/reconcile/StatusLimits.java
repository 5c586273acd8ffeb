package dev.teal.reconcile;

import dev.teal.model.AbortStatus;
import dev.teal.model.AnalysisStatus;
import dev.teal.model.AwsWait;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What keeps a deployment's item far under DynamoDB's 400 KB limit whatever happens: every message is cut
 * to {@link #MAX_MESSAGE_CHARS} with a marker that says so, the event list keeps the newest
 * {@link #MAX_EVENTS}, and there is one condition per type, at most {@link #MAX_CONDITIONS}. The rest of
 * the status is bounded by construction (three revisions, the retired ones of a service's few task sets) or
 * kept to its newest entries (the {@link DeploymentStatus#MAX_HISTORY} revisions that served production).
 * Applying the limits twice changes nothing, so a bounded status compares equal to itself on the next
 * reconcile and is not rewritten.
 */
public final class StatusLimits {

  /** The longest message kept, marker included. */
  public static final int MAX_MESSAGE_CHARS = 1000;
  /** The newest events kept. */
  public static final int MAX_EVENTS = 20;
  /** Conditions kept, one per type. */
  public static final int MAX_CONDITIONS = 8;
  /** The most spec problems a status message lists one by one. */
  public static final int MAX_PROBLEMS_LISTED = 20;

  private StatusLimits() {}

  /** {@code message} if short enough, otherwise its start and "… [N more characters]". */
  public static String truncate(String message) {
    if (message == null || message.length() <= MAX_MESSAGE_CHARS) {
      return message;
    }
    // The marker's length depends on the number in it; computing it from the total keeps the result in bounds.
    String marker = "… [" + message.length() + " characters, cut]";
    int keep = MAX_MESSAGE_CHARS - marker.length();
    return message.substring(0, keep) + marker;
  }

  /** The status with every limit applied. */
  public static DeploymentStatus bound(DeploymentStatus s) {
    AbortStatus aborted = s.aborted() == null ? null : new AbortStatus(s.aborted().revision(), s.aborted().image(),
        s.aborted().specHash(), s.aborted().reason(), truncate(s.aborted().message()), s.aborted().at(),
        s.aborted().by());
    AnalysisStatus analysis = s.analysis() == null ? null : new AnalysisStatus(s.analysis().revision(),
        s.analysis().stage(), s.analysis().passed(), s.analysis().requests(), s.analysis().failures(),
        truncate(s.analysis().message()), s.analysis().at(), s.analysis().running(), s.analysis().startedAt());
    AwsWait awaitingAws = s.awaitingAws() == null ? null : new AwsWait(s.awaitingAws().operation(),
        s.awaitingAws().revision(), s.awaitingAws().errorCode(), truncate(s.awaitingAws().message()),
        s.awaitingAws().since());
    return new DeploymentStatus(s.phase(), truncate(s.message()), s.observedGeneration(), s.observedSpecHash(),
        s.stable(), s.preview(), s.previous(), s.retired(), s.traffic(), s.promotion(), analysis,
        s.progressStartedAt(), s.previewReadyAt(), s.promotedAt(), aborted, s.claimed(), s.scaleIn(), awaitingAws,
        conditions(s.conditions()), events(s.events()), s.paused(), newest(s.history(), DeploymentStatus.MAX_HISTORY),
        s.gates(), s.hooks().stream().map(h -> h.message() == null ? h : h.with(h.state(), h.attempts(), h.taskArn(),
            truncate(h.stoppedReason()), truncate(h.message()), h.at())).toList());
  }

  private static List<Condition> conditions(List<Condition> conditions) {
    Map<String, Condition> byType = new LinkedHashMap<>();
    for (Condition c : conditions) {
      if (byType.containsKey(c.type()) || byType.size() < MAX_CONDITIONS) {
        byType.put(c.type(), new Condition(c.type(), c.status(), c.reason(), truncate(c.message()),
            c.lastTransitionTime()));
      }
    }
    return List.copyOf(byType.values());
  }

  private static <T> List<T> newest(List<T> items, int max) {
    return List.copyOf(items.subList(Math.max(0, items.size() - max), items.size()));
  }

  private static List<DeploymentEvent> events(List<DeploymentEvent> events) {
    List<DeploymentEvent> newest = new ArrayList<>();
    for (DeploymentEvent e : events.subList(Math.max(0, events.size() - MAX_EVENTS), events.size())) {
      newest.add(new DeploymentEvent(e.time(), e.type(), e.reason(), truncate(e.message())));
    }
    return List.copyOf(newest);
  }

  /**
   * The problems of a spec, each once, the first {@link #MAX_PROBLEMS_LISTED} of them named and the rest
   * counted; the message this makes is then cut like any other.
   */
  public static String problems(List<?> problems) {
    List<String> distinct = problems.stream().map(Object::toString).distinct().toList();
    String listed = String.join("; ", distinct.subList(0, Math.min(distinct.size(), MAX_PROBLEMS_LISTED)));
    int more = distinct.size() - MAX_PROBLEMS_LISTED;
    return more > 0 ? listed + "; and " + more + " more" : listed;
  }
}
