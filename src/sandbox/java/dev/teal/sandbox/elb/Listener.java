package dev.teal.sandbox.elb;

final class Listener {

  final String arn;
  final String loadBalancerArn;
  int port;
  String protocol;
  /** The listener's default actions live on its default rule, as in AWS. */
  final Rule defaultRule;

  Listener(String arn, String loadBalancerArn, int port, String protocol, Rule defaultRule) {
    this.arn = arn;
    this.loadBalancerArn = loadBalancerArn;
    this.port = port;
    this.protocol = protocol;
    this.defaultRule = defaultRule;
  }
}
