package dev.teal.operator.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.history.HistoryEntry;
import dev.teal.history.Notification;
import dev.teal.history.NotificationType;
import dev.teal.history.RevisionRef;
import dev.teal.model.Phase;
import java.time.Instant;
import java.util.Objects;

/**
 * One notification as the sinks send it: the transition and the entry it was recorded in.
 * {@link #detail()} is the documented event schema (docs/notifications.md lists every field); the
 * EventBridge sink sends it as the event's {@code detail}, the JSON webhook inside an envelope shaped
 * like an EventBridge event, the Slack webhook as a line of text.
 *
 * @param cursor where the notification sits in its deployment's history ({@link HistoryEntry#cursor(int)})
 */
public record NotificationEvent(HistoryEntry entry, Notification notification, String eventId, String cursor) {

  /** The EventBridge {@code source} of every teal event. */
  public static final String SOURCE = "teal";
  /** The version of the detail's schema; a change that is not purely additive bumps it. */
  public static final String SCHEMA_VERSION = "1";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public NotificationEvent {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(notification, "notification");
  }

  /** The {@code index}-th notification of {@code entry}. */
  public static NotificationEvent of(HistoryEntry entry, int index) {
    return new NotificationEvent(entry, entry.notifications().get(index), entry.eventId(index), entry.cursor(index));
  }

  public NotificationType type() {
    return notification.type();
  }

  public String deployment() {
    return entry.deployment();
  }

  public Instant time() {
    return entry.at();
  }

  /** The revision the transition is about: green's, or stable's when there is no green (after a promotion). */
  public RevisionRef revision() {
    return entry.green() != null ? entry.green() : entry.stable();
  }

  /** The event's {@code detail}: every field is present, null when not known, so consumers need no checks. */
  public ObjectNode detail() {
    ObjectNode detail = NODES.objectNode();
    detail.put("version", SCHEMA_VERSION);
    detail.put("eventId", eventId);
    detail.put("deployment", entry.deployment());
    detail.put("type", notification.type().detailType());
    detail.put("time", entry.at().toString());
    detail.put("reason", notification.reason());
    detail.put("message", notification.message());
    detail.put("phase", wire(entry.phase()));
    detail.put("previousPhase", wire(entry.previousPhase()));
    detail.put("desiredPhase", entry.desiredPhase());
    RevisionRef revision = revision();
    detail.put("revision", revision == null ? null : revision.revision());
    ObjectNode images = detail.putObject("images");
    images.put("desired", entry.image());
    images.put("green", entry.green() == null ? null : entry.green().image());
    images.put("stable", entry.stable() == null ? null : entry.stable().image());
    detail.put("caller", entry.caller());
    putInteger(detail, "step", notification.step());
    putInteger(detail, "steps", notification.steps());
    putInteger(detail, "weight", notification.weight());
    detail.put("generation", entry.generation());
    detail.put("statusVersion", entry.statusVersion());
    return detail;
  }

  /**
   * The JSON webhook's body: shaped like the event EventBridge hands its targets ({@code id},
   * {@code source}, {@code detail-type}, {@code time}, {@code detail}), with teal's event id as {@code id},
   * so one consumer can take either.
   */
  public ObjectNode envelope() {
    ObjectNode envelope = NODES.objectNode();
    envelope.put("version", "0");
    envelope.put("id", eventId);
    envelope.put("source", SOURCE);
    envelope.put("detail-type", notification.type().detailType());
    envelope.put("time", entry.at().toString());
    envelope.putArray("resources");
    envelope.set("detail", detail());
    return envelope;
  }

  /**
   * One line of Slack mrkdwn: deployment, transition, reason, message, image and who asked. Slack reads
   * {@code &}, {@code <} and {@code >} as control characters, so text from documents is escaped.
   */
  public String slackText() {
    StringBuilder text = new StringBuilder();
    text.append(notification.type().isWarning() ? ":warning: " : "")
        .append('*').append(slack(entry.deployment())).append("*: ")
        .append(slack(notification.type().detailType()));
    if (notification.reason() != null) {
      text.append(" (").append(slack(notification.reason())).append(')');
    }
    if (notification.message() != null) {
      text.append("\n").append(slack(notification.message()));
    }
    RevisionRef revision = revision();
    if (revision != null && revision.image() != null) {
      text.append("\n`").append(slack(revision.image())).append('`');
    }
    if (entry.caller() != null) {
      text.append(" requested by ").append(slack(entry.caller()));
    }
    return text.toString();
  }

  private static void putInteger(ObjectNode node, String field, Integer value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  private static String wire(Phase phase) {
    return phase == null ? null : phase.wireName();
  }

  private static String slack(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
