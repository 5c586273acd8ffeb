package dev.teal.sandbox.cloudwatch;

import dev.teal.sandbox.http.AwsError;

/** CloudWatch's error codes, as the SDK maps them to exception classes (Query protocol). */
final class CloudWatchErrors {

  private CloudWatchErrors() {
  }

  static AwsError invalidValue(String message) {
    return AwsError.client("InvalidParameterValue", message);
  }

  static AwsError missing(String message) {
    return AwsError.client("MissingParameter", message);
  }

  static AwsError combination(String message) {
    return AwsError.client("InvalidParameterCombination", message);
  }

  static AwsError notFound(String message) {
    return new AwsError(404, "ResourceNotFound", message, true);
  }
}
