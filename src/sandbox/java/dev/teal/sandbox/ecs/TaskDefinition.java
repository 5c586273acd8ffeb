package dev.teal.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * The launch types ECS validated the definition for ({@code compatibilities} on describe): EC2 always,
   * FARGATE too when the network mode is awsvpc.
   */
  List<String> compatibilities() {
    return "awsvpc".equals(networkMode()) ? List.of("EC2", "FARGATE") : List.of("EC2");
  }

  /**
   * Whether tasks of this definition may run with {@code compatibility} (EC2 or FARGATE). ECS refuses a
   * launch type the definition does not support ("Task definition does not support launch_type FARGATE.",
   * sil-org/ecs-deploy#134). A definition registered with {@code requiresCompatibilities} is held to that
   * list: ECS documents it as "the task launch types the task definition was validated against"; that
   * it also refuses EC2 for a FARGATE-only definition is the stricter reading of an undocumented case.
   */
  boolean supports(String compatibility) {
    List<String> required = new ArrayList<>();
    body.path("requiresCompatibilities").forEach(n -> required.add(n.asText()));
    return required.isEmpty() ? compatibilities().contains(compatibility) : required.contains(compatibility);
  }

  JsonNode container(String name) {
    for (JsonNode c : body.path("containerDefinitions")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** The host port a container port maps to; 0 when ECS picks one (bridge mode's dynamic port mapping). */
  int hostPort(String containerName, int containerPort) {
    JsonNode c = container(containerName);
    if (c == null) {
      return 0;
    }
    for (JsonNode m : c.path("portMappings")) {
      if (m.path("containerPort").asInt(-1) == containerPort) {
        return m.path("hostPort").asInt(0);
      }
    }
    return 0;
  }

  String image(String containerName) {
    JsonNode c = containerName == null ? null : container(containerName);
    if (c == null) {
      c = body.path("containerDefinitions").path(0);
    }
    return c.path("image").asText("");
  }
}
