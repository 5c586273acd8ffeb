package dev.teal.sandbox.ecs;

import java.time.Instant;

final class Task {

  enum State { PENDING, RUNNING, STOPPED }

  final String arn;
  final String ip;
  final Instant createdAt;
  final Instant startAt;
  State state = State.PENDING;

  Task(String arn, String ip, Instant createdAt, Instant startAt) {
    this.arn = arn;
    this.ip = ip;
    this.createdAt = createdAt;
    this.startAt = startAt;
  }
}
