package dev.teal.cli;

import dev.teal.aws.AwsException;
import java.util.Set;

/** Which failures of an AWS call (through teal's gateways) mean "access denied". */
final class AwsAccess {

  private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied",
      "UnrecognizedClientException", "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException",
      "UnauthorizedOperation", "InvalidSignatureException", "SignatureDoesNotMatch", "MissingAuthenticationToken");

  private AwsAccess() {}

  static boolean denied(AwsException e) {
    return DENIED.contains(e.errorCode());
  }
}
