package dev.teal.sandbox.elb;

import java.time.Instant;

/** A registration of ip:port in a target group. Health is derived from these instants on demand. */
public final class Target {

  final String id;
  final int port;
  final TargetOwner owner;
  final Instant registeredAt;
  Instant deregisteredAt;

  Target(String id, int port, TargetOwner owner, Instant registeredAt) {
    this.id = id;
    this.port = port;
    this.owner = owner;
    this.registeredAt = registeredAt;
  }

  static String key(String id, int port) {
    return id + ":" + port;
  }

  public String id() {
    return id;
  }

  public int port() {
    return port;
  }

  public TargetOwner owner() {
    return owner;
  }

  public Instant registeredAt() {
    return registeredAt;
  }
}
