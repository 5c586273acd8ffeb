package dev.teal.sandbox.ecs;

import java.time.Instant;

final class Task {

  enum State { PENDING, RUNNING, STOPPED }

  final String arn;
  /** The task's own address (awsvpc), or null when it shares its container instance's network. */
  final String ip;
  /** The container instance it runs on (EC2 with bridge or host networking), or null. */
  final String instanceId;
  /** The host port ECS chose for a dynamic port mapping (bridge mode), or 0. */
  final int dynamicHostPort;
  final Instant createdAt;
  final Instant startAt;
  State state = State.PENDING;
  /** What DescribeTasks and ListTasks report beyond the lifecycle above; set by {@link TaskRegistry}. */
  String clusterArn;
  TaskDefinition taskDefinition;
  String group;
  String startedBy;
  String launchType;
  String desiredStatus = "RUNNING";
  Instant startedAt;
  Instant stoppedAt;
  String stoppedReason;
  String stopCode;
  /** Per container: its exit code once it exited, null while it runs or when it never started. */
  final java.util.Map<String, Integer> exitCodes = new java.util.LinkedHashMap<>();
  /** Per container: why it stopped without an exit code (CannotPullContainerError: ...). */
  final java.util.Map<String, String> containerReasons = new java.util.LinkedHashMap<>();
  com.fasterxml.jackson.databind.node.ObjectNode overrides;
  java.util.Map<String, String> tags = java.util.Map.of();

  Task(String arn, String ip, String instanceId, int dynamicHostPort, Instant createdAt, Instant startAt) {
    this.arn = arn;
    this.ip = ip;
    this.instanceId = instanceId;
    this.dynamicHostPort = dynamicHostPort;
    this.createdAt = createdAt;
    this.startAt = startAt;
  }

  /**
   * What ECS registers in a target group for this task: its IP and the container port (awsvpc, target
   * type ip), or its container instance and host port (bridge/host, target type instance). ECS developer
   * guide, "Use an Application Load Balancer for Amazon ECS": with dynamic host port mapping the container
   * "is registered ... as an instance ID and port combination".
   */
  String targetId() {
    return ip != null ? ip : instanceId;
  }

  int targetPort(TaskDefinition td, LoadBalancerMapping lb) {
    if (ip != null) {
      return lb.containerPort();
    }
    if ("host".equals(td.networkMode())) {
      return lb.containerPort();
    }
    int fixed = td.hostPort(lb.containerName(), lb.containerPort());
    return fixed > 0 ? fixed : dynamicHostPort;
  }
}
