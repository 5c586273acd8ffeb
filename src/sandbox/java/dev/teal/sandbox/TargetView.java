package dev.teal.sandbox;

import java.time.Instant;

/**
 * A target group registration as a test sees it: where, in which health state, running what, and the
 * instants behind that state, so a benchmark can take "green turned healthy" from the model instead of
 * sampling it.
 *
 * @param registeredAt when the target registered in the group (simulator clock)
 * @param since when the target entered {@code state}: for {@code healthy}, the instant its last required
 *     health check passed; null when the state has no start (e.g. {@code unused})
 */
public record TargetView(String id, int port, String state, String reason, String image, Instant registeredAt,
    Instant since) {

  public boolean healthy() {
    return "healthy".equals(state);
  }
}
