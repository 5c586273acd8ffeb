package dev.teal.aws;

import java.time.Duration;

/**
 * Told about every AWS API call once it is over, so the daemon can count calls by operation and error
 * code. One report per API call, after the SDK's own retries: {@code latency} includes the retries and
 * their backoff, and {@code outcome} is that of the last attempt.
 *
 * <p>Implementations must be fast and must not throw; they run on the calling thread.
 */
@FunctionalInterface
public interface AwsCallListener {

  /** The outcome of a call that succeeded. */
  String OK = "ok";

  /** Does nothing; the default. */
  AwsCallListener NONE = (operation, outcome, latency) -> { };

  /**
   * @param operation service prefix and API name, e.g. {@code ecs:CreateTaskSet} or {@code elb:ModifyRule}
   * @param outcome {@link #OK}, or the AWS error code ({@code ThrottlingException}), or for a call that
   *     got no answer {@code IOError}, {@code ApiCallTimeout}, {@code ApiCallAttemptTimeout} or
   *     {@code SdkClientError} (e.g. no credentials)
   */
  void onCall(String operation, String outcome, Duration latency);
}
