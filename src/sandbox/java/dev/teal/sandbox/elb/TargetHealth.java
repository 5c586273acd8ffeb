package dev.teal.sandbox.elb;

import java.time.Instant;

/**
 * A target's health as DescribeTargetHealth reports it.
 *
 * @param since when the target entered this state (null when unknown)
 */
public record TargetHealth(String state, String reason, String description, Instant since) {

  public boolean healthy() {
    return "healthy".equals(state);
  }
}
