package dev.teal.sandbox.elb;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

public final class TargetGroup {

  final String arn;
  final String name;
  String protocol;
  Integer port;
  String vpcId;
  String targetType;
  String protocolVersion;
  String healthCheckProtocol;
  String healthCheckPort;
  String healthCheckPath;
  boolean healthCheckEnabled;
  int healthCheckIntervalSeconds;
  int healthCheckTimeoutSeconds;
  int healthyThresholdCount;
  int unhealthyThresholdCount;
  String matcherHttpCode;
  final Instant createdAt;
  final Map<String, String> attributes = new LinkedHashMap<>();
  final Map<String, Target> targets = new LinkedHashMap<>();
  /** When a listener or rule started forwarding here; null while unused (health checks do not run). */
  Instant inUseSince;
  /** When the last listener or rule stopped forwarding here; null if it never was used or is used now. */
  Instant unusedSince;

  TargetGroup(String arn, String name, Instant createdAt) {
    this.arn = arn;
    this.name = name;
    this.createdAt = createdAt;
  }

  public String name() {
    return name;
  }

  int deregistrationDelaySeconds() {
    return Integer.parseInt(attributes.getOrDefault("deregistration_delay.timeout_seconds", "300"));
  }

  /** The settings that decide whether CreateTargetGroup with an existing name is idempotent. */
  String settingsFingerprint() {
    return String.join("|", String.valueOf(protocol), String.valueOf(port), String.valueOf(vpcId), targetType,
        String.valueOf(protocolVersion), healthCheckProtocol, healthCheckPort, String.valueOf(healthCheckPath),
        String.valueOf(healthCheckEnabled), String.valueOf(healthCheckIntervalSeconds),
        String.valueOf(healthCheckTimeoutSeconds), String.valueOf(healthyThresholdCount),
        String.valueOf(unhealthyThresholdCount), String.valueOf(matcherHttpCode));
  }
}
