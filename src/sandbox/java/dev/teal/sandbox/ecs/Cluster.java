package dev.teal.sandbox.ecs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

final class Cluster {

  final String arn;
  final String name;
  final Instant createdAt;
  /** Capacity providers associated with the cluster (CreateCluster, PutClusterCapacityProviders). */
  List<String> capacityProviders = new ArrayList<>();
  /** Used by CreateTaskSet when the request names neither a launch type nor a strategy. */
  List<CapacityProviderItem> defaultStrategy = new ArrayList<>();

  Cluster(String arn, String name, Instant createdAt) {
    this.arn = arn;
    this.name = name;
    this.createdAt = createdAt;
  }
}
