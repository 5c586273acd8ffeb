package dev.teal.store;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns SDK failures into store exceptions with a message a user can act on. */
public final class Failures {

  private static final Set<String> ACCESS_DENIED = Set.of("AccessDeniedException", "AccessDenied",
      "UnrecognizedClientException", "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException",
      "InvalidSignatureException", "SignatureDoesNotMatch", "MissingAuthenticationToken",
      "IncompleteSignature");
  private static final Set<String> UNAVAILABLE = Set.of("ThrottlingException", "ProvisionedThroughputExceededException",
      "RequestLimitExceeded", "ServiceUnavailable", "InternalServerError", "LimitExceededException");

  private Failures() {}

  /**
   * Access denied becomes {@link AccessDeniedException}; throttling that outlasted the retries and 5xx
   * become {@link StoreUnavailableException}.
   */
  public static StoreException translate(String what, AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    if (ACCESS_DENIED.contains(code) || e.statusCode() == 403) {
      return new AccessDeniedException(what + ": access denied (" + code + ": " + message
          + "); check the credentials and IAM permissions", e);
    }
    if (UNAVAILABLE.contains(code) || e.statusCode() >= 500 || e.isThrottlingException()) {
      return new StoreUnavailableException(what + " is unavailable (" + code + ": " + message + ")", e);
    }
    return new StoreException(what + " failed (" + code + ": " + message + ")", e);
  }

  /** The endpoint could not be reached, or region or credentials are not configured. */
  public static StoreException translate(String what, SdkClientException e) {
    return new StoreUnavailableException(what + ": cannot reach AWS (" + firstLine(e.getMessage()) + ")", e);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no details";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
