package dev.teal.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one mutating AWS call may take, all attempts and backoffs included, and how long one of its
 * attempts may take. The SDK gateways set both on every mutating request (the SDK's {@code apiCallTimeout}
 * and {@code apiCallAttemptTimeout}), so {@link #call()} is the call's worst case by construction, not by
 * hope: the SDK abandons the call, retries included, when it runs out.
 *
 * @param call the worst case of a whole call: no attempt of it is sent later than this after it started
 * @param attempt the worst case of one attempt
 */
public record CallBudget(Duration call, Duration attempt) {

  public CallBudget {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(attempt, "attempt");
    if (call.isNegative() || call.isZero() || attempt.isNegative() || attempt.isZero()) {
      throw new IllegalArgumentException("call and attempt budgets must be positive, were " + call + " and " + attempt);
    }
    if (attempt.compareTo(call) > 0) {
      throw new IllegalArgumentException("the attempt budget (" + attempt + ") must not exceed the call budget ("
          + call + ")");
    }
  }
}
