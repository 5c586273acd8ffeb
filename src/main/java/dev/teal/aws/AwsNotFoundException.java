package dev.teal.aws;

/** The resource a call named does not exist (or no longer exists). */
public class AwsNotFoundException extends AwsException {

  public AwsNotFoundException(String operation, String errorCode, String message, Throwable cause) {
    super(operation, errorCode, message, cause);
  }
}
