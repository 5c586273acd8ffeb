package dev.teal.sandbox.ecs;

import dev.teal.sandbox.http.AwsError;

/** ECS error codes as the SDK's JSON protocol factory maps them to exception classes. */
final class EcsErrors {

  private EcsErrors() {
  }

  static AwsError invalidParameter(String message) {
    return AwsError.client("InvalidParameterException", message);
  }

  static AwsError client(String message) {
    return AwsError.client("ClientException", message);
  }

  static AwsError clusterNotFound() {
    return AwsError.client("ClusterNotFoundException", "Cluster not found.");
  }

  static AwsError serviceNotFound() {
    return AwsError.client("ServiceNotFoundException", "Service not found.");
  }

  static AwsError taskSetNotFound() {
    return AwsError.client("TaskSetNotFoundException", "The specified task set does not exist.");
  }

  static AwsError resourceNotFound(String arn) {
    return AwsError.client("ResourceNotFoundException", "The specified resource could not be found: " + arn);
  }
}
