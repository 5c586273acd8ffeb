package dev.teal.sandbox.ecs;

import java.time.Instant;

final class Cluster {

  final String arn;
  final String name;
  final Instant createdAt;

  Cluster(String arn, String name, Instant createdAt) {
    this.arn = arn;
    this.name = name;
    this.createdAt = createdAt;
  }
}
