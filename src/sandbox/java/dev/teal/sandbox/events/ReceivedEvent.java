package dev.teal.sandbox.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event a PutEvents call put, as EventBridge hands it to a rule's target (the envelope with
 * {@code version}, {@code id}, {@code detail-type}, {@code source}, {@code account}, {@code time},
 * {@code region}, {@code resources} and {@code detail}).
 *
 * @param bus the bus's name as the request named it (a name, or resolved from an ARN)
 * @param delivered false when the bus does not exist: EventBridge still answers with an event id
 * @param received when the simulator took it (its clock)
 */
public record ReceivedEvent(String bus, boolean delivered, Instant received, ObjectNode envelope) {

  public String id() {
    return envelope.path("id").asText();
  }

  public String source() {
    return envelope.path("source").asText();
  }

  public String detailType() {
    return envelope.path("detail-type").asText();
  }

  public ObjectNode detail() {
    return (ObjectNode) envelope.path("detail");
  }
}
