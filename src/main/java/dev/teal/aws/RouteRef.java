package dev.teal.aws;

/**
 * A place on an ALB whose forward action teal drives: a listener rule, or a listener's default action.
 */
public record RouteRef(Kind kind, String arn) {

  public enum Kind { RULE, LISTENER }

  public static RouteRef rule(String arn) {
    return new RouteRef(Kind.RULE, arn);
  }

  public static RouteRef listener(String arn) {
    return new RouteRef(Kind.LISTENER, arn);
  }

  /**
   * The load balancer that carries this route; listener and rule ARNs embed it:
   * {@code arn:...:listener[-rule]/app/<name>/<lb-id>/...} -> {@code arn:...:loadbalancer/app/<name>/<lb-id>}.
   */
  public String loadBalancerArn() {
    String listener = listenerArn();
    String withoutListenerId = listener.substring(0, listener.lastIndexOf('/'));
    return withoutListenerId.replace(":listener/", ":loadbalancer/");
  }

  /** The listener that carries this route; a rule ARN embeds its listener's id. */
  public String listenerArn() {
    if (kind == Kind.LISTENER) {
      return arn;
    }
    // arn:...:listener-rule/app/<lb>/<lb-id>/<listener-id>/<rule-id> -> arn:...:listener/app/<lb>/<lb-id>/<listener-id>
    String withoutRule = arn.substring(0, arn.lastIndexOf('/'));
    return withoutRule.replace(":listener-rule/", ":listener/");
  }
}
