package dev.teal.aws;

/** Throttling, a server error or a network failure: the call may succeed if retried later. */
public class AwsTransientException extends AwsException {

  private final boolean throttling;

  public AwsTransientException(String operation, String errorCode, String message, boolean throttling,
      Throwable cause) {
    super(operation, errorCode, message, cause);
    this.throttling = throttling;
  }

  public boolean isThrottling() {
    return throttling;
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
