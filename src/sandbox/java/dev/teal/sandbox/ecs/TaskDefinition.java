package dev.teal.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

final class TaskDefinition {

  final String arn;
  final String family;
  final int revision;
  /** The request as registered (minus tags): AWS echoes every field back on describe. */
  final ObjectNode body;
  final Instant registeredAt;
  String status = "ACTIVE";
  Instant deregisteredAt;

  TaskDefinition(String arn, String family, int revision, ObjectNode body, Instant registeredAt) {
    this.arn = arn;
    this.family = family;
    this.revision = revision;
    this.body = body;
    this.registeredAt = registeredAt;
  }

  String networkMode() {
    return body.path("networkMode").asText("bridge");
  }

  JsonNode container(String name) {
    for (JsonNode c : body.path("containerDefinitions")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    return null;
  }

  String image(String containerName) {
    JsonNode c = containerName == null ? null : container(containerName);
    if (c == null) {
      c = body.path("containerDefinitions").path(0);
    }
    return c.path("image").asText("");
  }
}
