package dev.teal.aws;

/** An AWS call failed; subclasses say whether retrying can help. */
public class AwsException extends RuntimeException {

  private final String operation;
  private final String errorCode;

  public AwsException(String operation, String errorCode, String message, Throwable cause) {
    super(operation + ": " + message, cause);
    this.operation = operation;
    this.errorCode = errorCode;
  }

  /** The operation that failed, e.g. {@code ecs:CreateTaskSet}. */
  public String operation() {
    return operation;
  }

  /** The AWS error code, or a short word for failures without one ({@code IOError}). */
  public String errorCode() {
    return errorCode;
  }

  /** Whether the same call may succeed later (throttling, 5xx, network). */
  public boolean isRetryable() {
    return false;
  }
}
