package dev.teal.document;

import dev.teal.model.HealthCheckSpec;
import dev.teal.model.NetworkSpec;
import dev.teal.model.TargetGroupSpec;
import dev.teal.model.TrafficSpec;
import java.util.List;

/**
 * The rules of {@code spec.traffic} and {@code spec.network}: ALB ARNs, the target group, its health check,
 * subnets and security groups.
 */
final class TrafficRules {

  private TrafficRules() {}

  static void traffic(Rules r, TrafficSpec written, TrafficSpec t) {
    if (written == null) {
      r.add("spec.traffic", "is required (testRule, productionRule or productionListener, targetGroup.vpcId)");
      return;
    }
    boolean rule = t.productionRule() != null;
    boolean listener = t.productionListener() != null;
    if (rule && listener) {
      r.add("spec.traffic.productionListener", "give productionRule or productionListener, not both");
    } else if (!rule && !listener) {
      r.add("spec.traffic.productionRule", "is required (or productionListener)");
    }
    r.pattern("spec.traffic.productionRule", t.productionRule(), Patterns.LISTENER_RULE_ARN,
        "must be an ALB listener rule ARN (arn:aws:elasticloadbalancing:<region>:<account>:listener-rule/app/...)");
    r.pattern("spec.traffic.productionListener", t.productionListener(), Patterns.LISTENER_ARN,
        "must be an ALB listener ARN (arn:aws:elasticloadbalancing:<region>:<account>:listener/app/...)");
    r.required("spec.traffic.testRule", t.testRule()).pattern("spec.traffic.testRule", t.testRule(),
        Patterns.LISTENER_RULE_ARN,
        "must be an ALB listener rule ARN (arn:aws:elasticloadbalancing:<region>:<account>:listener-rule/app/...)");
    if (t.testRule() != null && t.testRule().equals(t.productionRule())) {
      r.add("spec.traffic.testRule", "must differ from productionRule: previews would take production traffic");
    }
    TargetGroupSpec g = t.targetGroup();
    if (written.targetGroup() == null) {
      r.add("spec.traffic.targetGroup", "is required (with at least vpcId)");
      return;
    }
    r.required("spec.traffic.targetGroup.vpcId", g.vpcId()).pattern("spec.traffic.targetGroup.vpcId", g.vpcId(),
        Patterns.VPC_ID, "must be a VPC id like vpc-0abc123");
    r.range("spec.traffic.targetGroup.port", written.targetGroup().port(), 1, 65535);
    if (g.protocol() != null && !g.protocol().equals("HTTP") && !g.protocol().equals("HTTPS")) {
      r.add("spec.traffic.targetGroup.protocol", "must be HTTP or HTTPS (was " + Rules.quote(g.protocol()) + ")");
    }
    r.range("spec.traffic.targetGroup.deregistrationDelaySeconds", g.deregistrationDelaySeconds(), 0, 3600);
    healthCheck(r, g.healthCheck());
  }

  static void healthCheck(Rules r, HealthCheckSpec h) {
    String p = "spec.traffic.targetGroup.healthCheck.";
    httpPath(r, p + "path", h.path());
    r.range(p + "intervalSeconds", h.intervalSeconds(), 5, 300);
    r.range(p + "timeoutSeconds", h.timeoutSeconds(), 2, 120);
    if (h.intervalSeconds() != null && h.timeoutSeconds() != null && h.timeoutSeconds() >= h.intervalSeconds()) {
      r.add(p + "timeoutSeconds", "must be less than intervalSeconds (" + h.timeoutSeconds() + " >= "
          + h.intervalSeconds() + ")");
    }
    r.range(p + "healthyThreshold", h.healthyThreshold(), 2, 10);
    r.range(p + "unhealthyThreshold", h.unhealthyThreshold(), 2, 10);
    matcher(r, p + "matcher", h.matcher());
  }

  static void matcher(Rules r, String path, String matcher) {
    String rule = "must be HTTP codes between 200 and 499 written as 200, 200,202 or 200-399";
    if (!Patterns.matches(Patterns.MATCHER, matcher)) {
      r.add(path, rule + " (was " + Rules.quote(matcher) + ")");
      return;
    }
    for (String part : matcher.split(",")) {
      String[] bounds = part.split("-");
      int low = Integer.parseInt(bounds[0]);
      int high = Integer.parseInt(bounds[bounds.length - 1]);
      if (low < 200 || high > 499 || low > high) {
        r.add(path, rule + " (was " + Rules.quote(matcher) + ")");
        return;
      }
    }
  }

  static void network(Rules r, NetworkSpec n) {
    if (n == null) {
      return;
    }
    if (n.launchType() != null && !n.launchType().equals("FARGATE") && !n.launchType().equals("EC2")) {
      r.add("spec.network.launchType", "must be FARGATE or EC2 (was " + Rules.quote(n.launchType()) + ")");
    }
    list(r, "spec.network.subnets", n.subnets(), Patterns.SUBNET_ID, "must be a subnet id like subnet-0abc123", 16);
    list(r, "spec.network.securityGroups", n.securityGroups(), Patterns.SECURITY_GROUP_ID,
        "must be a security group id like sg-0abc123", 5);
  }

  static void list(Rules r, String path, List<String> values, String pattern, String rule, int max) {
    if (values == null) {
      return;
    }
    if (values.size() > max) {
      r.add(path, "must have at most " + max + " entries");
    }
    for (int i = 0; i < values.size(); i++) {
      r.pattern(path + "[" + i + "]", values.get(i), pattern, rule);
    }
  }

  static void httpPath(Rules r, String path, String value) {
    if (value == null) {
      return;
    }
    if (value.length() > Patterns.HTTP_PATH_MAX || !Patterns.matches(Patterns.HTTP_PATH, value)) {
      r.add(path, "must start with '/', have no spaces and be at most " + Patterns.HTTP_PATH_MAX
          + " characters (was " + Rules.quote(value) + ")");
    }
  }
}
