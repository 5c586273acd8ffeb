package dev.teal.sandbox.elb;

import dev.teal.sandbox.http.AwsError;

/** ELBv2's error codes, exactly as the SDK's Query protocol factory maps them to exception classes. */
final class ElbErrors {

  private ElbErrors() {
  }

  static AwsError validation(String message) {
    return AwsError.client("ValidationError", message);
  }

  static AwsError targetGroupNotFound(String what) {
    return AwsError.client("TargetGroupNotFound", "One or more target groups not found" + suffix(what));
  }

  static AwsError loadBalancerNotFound(String what) {
    return AwsError.client("LoadBalancerNotFound", "One or more load balancers not found" + suffix(what));
  }

  static AwsError listenerNotFound(String what) {
    return AwsError.client("ListenerNotFound", "One or more listeners not found" + suffix(what));
  }

  static AwsError ruleNotFound(String what) {
    return AwsError.client("RuleNotFound", "One or more rules not found" + suffix(what));
  }

  private static String suffix(String what) {
    return what == null ? "" : ": '" + what + "'";
  }
}
