package dev.teal.aws;

import java.time.Instant;
import java.util.List;

/**
 * A task as DescribeTasks reports it: its lifecycle, why it stopped, and each container's exit code or reason.
 * Times are null until they happened.
 */
public record EcsTask(
    String arn,
    String taskDefinitionArn,
    String lastStatus,
    String desiredStatus,
    String group,
    String startedBy,
    String stopCode,
    String stoppedReason,
    Instant createdAt,
    Instant startedAt,
    Instant stoppedAt,
    List<Container> containers) {

  public EcsTask {
    containers = containers == null ? List.of() : List.copyOf(containers);
  }

  /** One container: {@code exitCode} null while it runs or when it never started (then {@code reason} says why). */
  public record Container(String name, Integer exitCode, String reason) {
  }

  public boolean stopped() {
    return "STOPPED".equals(lastStatus);
  }
}
