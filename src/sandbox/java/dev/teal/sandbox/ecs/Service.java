package dev.teal.sandbox.ecs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

final class Service {

  final String arn;
  final String name;
  final Cluster cluster;
  final String deploymentController;
  final Instant createdAt;
  final String clientToken;
  String taskDefinitionArn;
  /** As created; UpdateServicePrimaryTaskSet replaces it with the primary task set's. */
  TaskPlacement placement;
  int desiredCount;
  final List<TaskSet> taskSets = new ArrayList<>();

  Service(String arn, String name, Cluster cluster, String deploymentController, Instant createdAt,
      String clientToken) {
    this.arn = arn;
    this.name = name;
    this.cluster = cluster;
    this.deploymentController = deploymentController;
    this.createdAt = createdAt;
    this.clientToken = clientToken;
  }

  boolean external() {
    return "EXTERNAL".equals(deploymentController);
  }
}
