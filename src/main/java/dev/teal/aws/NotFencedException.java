package dev.teal.aws;

/**
 * A mutating AWS call that was not started (or an attempt of it that was not sent) because this instance
 * could not be sure it would still hold its lease when the call ended. Nothing reached AWS; the reconcile
 * ends and is looked at again, by whichever instance holds the lease then. Not an {@link AwsException}:
 * AWS said nothing, so there is nothing to record as AWS's answer, and the SDK does not retry it.
 */
public final class NotFencedException extends RuntimeException {

  private final String operation;

  public NotFencedException(String operation, String why) {
    super(operation + " not started: " + why, null, false, false);
    this.operation = operation;
  }

  /** The call that was held back, e.g. {@code ecs:CreateTaskSet}. */
  public String operation() {
    return operation;
  }
}
