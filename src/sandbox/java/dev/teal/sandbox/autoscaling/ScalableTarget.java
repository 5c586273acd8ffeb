package dev.teal.sandbox.autoscaling;

import java.time.Instant;

/** One registered scalable target: the service, its capacity range and what is suspended. */
final class ScalableTarget {

  final String namespace;
  final String resourceId;
  final String dimension;
  final String arn;
  final Instant createdAt;
  int minCapacity;
  int maxCapacity;
  String roleArn;
  boolean dynamicScalingInSuspended;
  boolean dynamicScalingOutSuspended;
  boolean scheduledScalingSuspended;

  ScalableTarget(String namespace, String resourceId, String dimension, String arn, Instant createdAt) {
    this.namespace = namespace;
    this.resourceId = resourceId;
    this.dimension = dimension;
    this.arn = arn;
    this.createdAt = createdAt;
  }
}
