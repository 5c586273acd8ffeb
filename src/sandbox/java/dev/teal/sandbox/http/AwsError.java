package dev.teal.sandbox.http;

/**
 * An error the simulator answers with, in whichever protocol the request came in. Carries the
 * AWS error code the SDK maps to an exception class.
 */
public class AwsError extends RuntimeException {

  private final int status;
  private final String code;
  private final boolean senderFault;

  public AwsError(int status, String code, String message, boolean senderFault) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.senderFault = senderFault;
  }

  public static AwsError client(String code, String message) {
    return new AwsError(400, code, message, true);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public boolean senderFault() {
    return senderFault;
  }
}
