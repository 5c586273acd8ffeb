package dev.teal.history;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.teal.model.DeploymentEvent;
import dev.teal.model.Phase;
import dev.teal.model.RouteWeight;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What one status write changed that matters to people: the transitions to notify about, the events the
 * write added, and the route weights it left. Written by the store in the same transaction as the status,
 * so a status is never on record without its entry (or the reverse), whatever crashes when.
 *
 * @param deployment the document's name
 * @param incarnation the document's creation time: a document deleted and created again under the same
 *     name starts a new history, whose keys and event ids differ from the old one's
 * @param statusVersion the status version this write created; orders the entries of one incarnation
 * @param generation the generation the status was computed for
 * @param at when the status was written (the operator's clock)
 * @param phase the phase after the write
 * @param previousPhase the phase before it (null for a first status)
 * @param message the status message after the write
 * @param desiredPhase {@code spec.phase} (with its default) the write was computed for
 * @param image {@code spec.image} the write was computed for
 * @param caller who made the spec change the write was computed for ({@code metadata.updatedBy})
 * @param stable blue after the write
 * @param green the revision being previewed or promoted after the write, or the one an abort just failed;
 *     null when none
 * @param production the production route's weights after the write (target groups left out)
 * @param test the test route's weights after the write
 * @param events the events the write added to {@code status.events}, oldest first
 * @param notifications the transitions the write made, in {@link NotificationType} order
 * @param webhooks the webhooks the document subscribed to ({@code spec.notifications.webhooks}) when written
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"deployment", "incarnation", "statusVersion", "generation", "at", "phase", "previousPhase",
    "message", "desiredPhase", "image", "caller", "stable", "green", "production", "test", "events", "notifications",
    "webhooks"})
public record HistoryEntry(
    String deployment,
    Instant incarnation,
    long statusVersion,
    long generation,
    Instant at,
    Phase phase,
    Phase previousPhase,
    String message,
    String desiredPhase,
    String image,
    String caller,
    RevisionRef stable,
    RevisionRef green,
    List<RouteWeight> production,
    List<RouteWeight> test,
    List<DeploymentEvent> events,
    List<Notification> notifications,
    List<String> webhooks) {

  public HistoryEntry {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(at, "at");
    production = production == null ? List.of() : List.copyOf(production);
    test = test == null ? List.of() : List.copyOf(test);
    events = events == null ? List.of() : List.copyOf(events);
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
  }

  /**
   * Orders entries: the incarnation, then the status version, both fixed width so that the key sorts as
   * a string ({@code 0001893456000000#000000000017}).
   */
  @JsonIgnore
  public String key() {
    return String.format("%013d#%012d", incarnation == null ? 0 : incarnation.toEpochMilli(), statusVersion);
  }

  /** The position of notification {@code index} among all of the deployment's: {@link #key()} and the index. */
  public String cursor(int index) {
    return key() + "#" + String.format("%02d", index);
  }

  /**
   * The event id of notification {@code index}: a name-based UUID of the deployment and {@link #cursor},
   * the same whoever computes it, so a sink (and anyone behind it) can drop a second delivery.
   */
  public String eventId(int index) {
    return UUID.nameUUIDFromBytes(("teal/" + deployment + "/" + cursor(index)).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
