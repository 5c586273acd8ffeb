package dev.teal.aws;

/**
 * AWS answered as if a change made a moment ago had not happened yet: its control planes are eventually
 * consistent. A target group just created may be unknown to ModifyRule; right after a rule starts
 * forwarding to a group, CreateTaskSet may say the group "does not have an associated load balancer";
 * right after a rule stops, DeleteTargetGroup may say the group is in use. Retrying soon is the remedy
 * AWS gives ("retry the request"); the same answer for long means the world really is that way.
 */
public class AwsNotYetVisibleException extends AwsTransientException {

  public AwsNotYetVisibleException(String operation, String errorCode, String message, Throwable cause) {
    super(operation, errorCode, message, false, cause);
  }
}
