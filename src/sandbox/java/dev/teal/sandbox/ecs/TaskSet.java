package dev.teal.sandbox.ecs;

import dev.teal.sandbox.ImageBehaviour;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

final class TaskSet {

  final String id;
  final String arn;
  final Service service;
  final String externalId;
  final TaskDefinition taskDefinition;
  final TaskPlacement placement;
  final List<LoadBalancerMapping> loadBalancers;
  final String clientToken;
  final Instant createdAt;
  final String image;
  final ImageBehaviour behaviour;
  String status;
  double scaleValue;
  Instant updatedAt;
  /** Last event that could unsettle the set (creation, scaling, a crash); stability is measured from it. */
  Instant lastChangeAt;
  final List<Task> tasks = new ArrayList<>();

  TaskSet(String id, String arn, Service service, String externalId, TaskDefinition taskDefinition, TaskPlacement placement,
      List<LoadBalancerMapping> loadBalancers, String clientToken,
      Instant createdAt, String image, ImageBehaviour behaviour) {
    this.id = id;
    this.arn = arn;
    this.service = service;
    this.externalId = externalId;
    this.taskDefinition = taskDefinition;
    this.placement = placement;
    this.loadBalancers = loadBalancers;
    this.clientToken = clientToken;
    this.createdAt = createdAt;
    this.image = image;
    this.behaviour = behaviour;
    this.updatedAt = createdAt;
    this.lastChangeAt = createdAt;
  }

  /** ECS rounds up: 3 tasks at 50 % is 2. */
  int computedDesiredCount() {
    if ("DRAINING".equals(status)) {
      return 0;
    }
    return (int) Math.ceil(service.desiredCount * scaleValue / 100.0 - 1e-9);
  }

  long count(Task.State state) {
    return tasks.stream().filter(t -> t.state == state).count();
  }
}
