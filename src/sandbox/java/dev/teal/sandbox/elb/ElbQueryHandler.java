package dev.teal.sandbox.elb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.sandbox.http.AwsError;
import dev.teal.sandbox.http.Params;
import dev.teal.sandbox.http.ProtocolHandler;
import dev.teal.sandbox.http.XmlWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** ELBv2 over the Query protocol (version 2015-12-01): form-encoded requests, XML responses. */
public final class ElbQueryHandler implements ProtocolHandler {

  public static final String VERSION = "2015-12-01";
  static final String NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
  private static final int MAX_PAGE_SIZE = 400;

  private final ElbSimulator elb;
  private final String region;

  public ElbQueryHandler(ElbSimulator elb, String region) {
    this.elb = elb;
    this.region = region;
  }

  @Override
  public String service() {
    return "elb";
  }

  @Override
  public Params params(JsonNode tree) {
    return new Params(tree, ElbErrors::validation);
  }

  @Override
  public String contentType() {
    return "text/xml";
  }

  @Override
  public AwsError throttling() {
    return AwsError.client("Throttling", "Rate exceeded");
  }

  @Override
  public AwsError serverError() {
    return new AwsError(500, "InternalFailure", "The request processing has failed because of an unknown error",
        false);
  }

  @Override
  public String errorBody(AwsError error, String requestId) {
    return XmlWriter.queryError(NAMESPACE, error, requestId);
  }

  @Override
  public String handle(String op, Params p, String requestId) {
    Consumer<XmlWriter> result = switch (op) {
      case "CreateLoadBalancer" -> {
        LoadBalancer lb = elb.createLoadBalancer(p);
        yield w -> list(w, "LoadBalancers", List.of(lb), this::loadBalancer);
      }
      case "DescribeLoadBalancers" -> {
        ElbSimulator.Page<LoadBalancer> page = ElbSimulator.page(elb.describeLoadBalancers(p), p, MAX_PAGE_SIZE);
        yield w -> {
          list(w, "LoadBalancers", page.items(), this::loadBalancer);
          w.elem("NextMarker", page.nextMarker());
        };
      }
      case "DeleteLoadBalancer" -> {
        elb.deleteLoadBalancer(p);
        yield w -> { };
      }
      case "CreateTargetGroup" -> {
        TargetGroup tg = elb.createTargetGroup(p);
        yield w -> list(w, "TargetGroups", List.of(tg), this::targetGroup);
      }
      case "DescribeTargetGroups" -> {
        ElbSimulator.Page<TargetGroup> page = ElbSimulator.page(elb.describeTargetGroups(p), p, MAX_PAGE_SIZE);
        yield w -> {
          list(w, "TargetGroups", page.items(), this::targetGroup);
          w.elem("NextMarker", page.nextMarker());
        };
      }
      case "DeleteTargetGroup" -> {
        elb.deleteTargetGroup(p);
        yield w -> { };
      }
      case "DescribeTargetGroupAttributes" -> {
        Map<String, String> attrs = elb.targetGroupAttributes(p);
        yield w -> attributes(w, attrs);
      }
      case "ModifyTargetGroupAttributes" -> {
        Map<String, String> attrs = elb.modifyTargetGroupAttributes(p);
        yield w -> attributes(w, attrs);
      }
      case "RegisterTargets" -> {
        elb.registerTargets(p);
        yield w -> { };
      }
      case "DeregisterTargets" -> {
        elb.deregisterTargets(p);
        yield w -> { };
      }
      case "DescribeTargetHealth" -> {
        List<ElbSimulator.HealthRow> rows = elb.describeTargetHealth(p);
        yield w -> list(w, "TargetHealthDescriptions", rows, this::health);
      }
      case "CreateListener" -> {
        Listener l = elb.createListener(p);
        yield w -> list(w, "Listeners", List.of(l), this::listener);
      }
      case "DescribeListeners" -> {
        ElbSimulator.Page<Listener> page = ElbSimulator.page(elb.describeListeners(p), p, MAX_PAGE_SIZE);
        yield w -> {
          list(w, "Listeners", page.items(), this::listener);
          w.elem("NextMarker", page.nextMarker());
        };
      }
      case "ModifyListener" -> {
        Listener l = elb.modifyListener(p);
        yield w -> list(w, "Listeners", List.of(l), this::listener);
      }
      case "DeleteListener" -> {
        elb.deleteListener(p);
        yield w -> { };
      }
      case "CreateRule" -> {
        Rule r = elb.createRule(p);
        yield w -> list(w, "Rules", List.of(r), this::rule);
      }
      case "DescribeRules" -> {
        ElbSimulator.Page<Rule> page = ElbSimulator.page(elb.describeRules(p), p, MAX_PAGE_SIZE);
        yield w -> {
          list(w, "Rules", page.items(), this::rule);
          w.elem("NextMarker", page.nextMarker());
        };
      }
      case "ModifyRule" -> {
        Rule r = elb.modifyRule(p);
        yield w -> list(w, "Rules", List.of(r), this::rule);
      }
      case "SetRulePriorities" -> {
        List<Rule> changed = elb.setRulePriorities(p);
        yield w -> list(w, "Rules", changed, this::rule);
      }
      case "DeleteRule" -> {
        elb.deleteRule(p);
        yield w -> { };
      }
      case "AddTags" -> {
        elb.addTags(p);
        yield w -> { };
      }
      case "RemoveTags" -> {
        elb.removeTags(p);
        yield w -> { };
      }
      case "DescribeTags" -> {
        Map<String, Map<String, String>> byArn = elb.describeTags(p);
        yield w -> list(w, "TagDescriptions", List.copyOf(byArn.entrySet()), (x, e) -> {
          x.elem("ResourceArn", e.getKey());
          list(x, "Tags", List.copyOf(e.getValue().entrySet()),
              (y, t) -> y.elem("Key", t.getKey()).elem("Value", t.getValue()));
        });
      }
      default -> throw AwsError.client("InvalidAction", "The action " + op + " is not valid for this endpoint.");
    };
    XmlWriter w = new XmlWriter().startNs(op + "Response", NAMESPACE).start(op + "Result");
    result.accept(w);
    return w.end().start("ResponseMetadata").elem("RequestId", requestId).end().end().toString();
  }

  private static <T> void list(XmlWriter w, String name, List<T> items, java.util.function.BiConsumer<XmlWriter, T> item) {
    w.start(name);
    for (T t : items) {
      w.start("member");
      item.accept(w, t);
      w.end();
    }
    w.end();
  }

  private static void stringMembers(XmlWriter w, String name, List<String> values) {
    w.start(name);
    for (String v : values) {
      w.elem("member", v);
    }
    w.end();
  }

  private void loadBalancer(XmlWriter w, LoadBalancer lb) {
    w.elem("LoadBalancerArn", lb.arn)
        .elem("DNSName", lb.dnsName)
        .elem("CanonicalHostedZoneId", "Z35SXDOTRQ7X7K")
        .elem("CreatedTime", lb.createdAt)
        .elem("LoadBalancerName", lb.name)
        .elem("Scheme", lb.scheme)
        .elem("VpcId", lb.vpcId)
        .start("State").elem("Code", "active").end()
        .elem("Type", lb.type);
    char zone = 'a';
    w.start("AvailabilityZones");
    for (String subnet : lb.subnets) {
      w.start("member").elem("ZoneName", elbRegionZone(zone++)).elem("SubnetId", subnet).end();
    }
    w.end();
    stringMembers(w, "SecurityGroups", lb.securityGroups);
    w.elem("IpAddressType", lb.ipAddressType);
  }

  private String elbRegionZone(char zone) {
    return region + zone;
  }

  private void targetGroup(XmlWriter w, TargetGroup tg) {
    w.elem("TargetGroupArn", tg.arn)
        .elem("TargetGroupName", tg.name)
        .elem("Protocol", tg.protocol)
        .elem("Port", tg.port)
        .elem("VpcId", tg.vpcId)
        .elem("HealthCheckProtocol", tg.healthCheckProtocol)
        .elem("HealthCheckPort", tg.healthCheckPort)
        .elem("HealthCheckEnabled", tg.healthCheckEnabled)
        .elem("HealthCheckIntervalSeconds", tg.healthCheckIntervalSeconds)
        .elem("HealthCheckTimeoutSeconds", tg.healthCheckTimeoutSeconds)
        .elem("HealthyThresholdCount", tg.healthyThresholdCount)
        .elem("UnhealthyThresholdCount", tg.unhealthyThresholdCount)
        .elem("HealthCheckPath", tg.healthCheckPath);
    if (tg.matcherHttpCode != null) {
      w.start("Matcher").elem("HttpCode", tg.matcherHttpCode).end();
    }
    stringMembers(w, "LoadBalancerArns", elb.loadBalancerArns(tg));
    w.elem("TargetType", tg.targetType)
        .elem("ProtocolVersion", tg.protocolVersion)
        .elem("IpAddressType", "lambda".equals(tg.targetType) ? null : "ipv4");
  }

  private static void attributes(XmlWriter w, Map<String, String> attrs) {
    list(w, "Attributes", List.copyOf(attrs.entrySet()), (x, e) -> x.elem("Key", e.getKey()).elem("Value", e.getValue()));
  }

  private void health(XmlWriter w, ElbSimulator.HealthRow row) {
    w.start("Target").elem("Id", row.target().id).elem("Port", row.target().port).end();
    w.elem("HealthCheckPort", row.healthCheckPort());
    w.start("TargetHealth")
        .elem("State", row.health().state())
        .elem("Reason", row.health().reason())
        .elem("Description", row.health().description())
        .end();
  }

  private void listener(XmlWriter w, Listener l) {
    w.elem("ListenerArn", l.arn)
        .elem("LoadBalancerArn", l.loadBalancerArn)
        .elem("Port", l.port)
        .elem("Protocol", l.protocol);
    list(w, "DefaultActions", l.defaultRule.actions, this::action);
  }

  private void rule(XmlWriter w, Rule r) {
    w.elem("RuleArn", r.arn).elem("Priority", r.priorityText());
    list(w, "Conditions", r.conditions, this::condition);
    list(w, "Actions", r.actions, this::action);
    w.elem("IsDefault", r.isDefault);
  }

  private void condition(XmlWriter w, Condition c) {
    w.elem("Field", c.field());
    boolean legacyValues = c.field().equals("path-pattern") || c.field().equals("host-header");
    if (legacyValues) {
      stringMembers(w, "Values", c.values());
    }
    c.raw().fields().forEachRemaining(e -> {
      if (!e.getKey().equals("Field") && !e.getKey().equals("Values")) {
        tree(w, e.getKey(), e.getValue());
      }
    });
    if (c.field().equals("path-pattern") && !c.raw().has("PathPatternConfig")) {
      w.start("PathPatternConfig");
      stringMembers(w, "Values", c.values());
      w.end();
    }
    if (c.field().equals("host-header") && !c.raw().has("HostHeaderConfig")) {
      w.start("HostHeaderConfig");
      stringMembers(w, "Values", c.values());
      w.end();
    }
  }

  private void action(XmlWriter w, Action a) {
    w.elem("Type", a.type());
    if (a.isForward()) {
      if (a.targetGroups().size() == 1) {
        w.elem("TargetGroupArn", a.targetGroups().get(0).targetGroupArn());
      }
      w.elem("Order", a.order());
      w.start("ForwardConfig");
      list(w, "TargetGroups", a.targetGroups(),
          (x, g) -> x.elem("TargetGroupArn", g.targetGroupArn()).elem("Weight", g.weight()));
      w.start("TargetGroupStickinessConfig")
          .elem("Enabled", a.stickinessEnabled())
          .elem("DurationSeconds", a.stickinessDurationSeconds())
          .end();
      w.end();
      return;
    }
    w.elem("Order", a.order());
    tree(w, a.type().equals("fixed-response") ? "FixedResponseConfig" : "RedirectConfig", a.config());
  }

  /** Echoes a stored request subtree as Query-protocol XML (objects → elements, arrays → members). */
  private static void tree(XmlWriter w, String name, JsonNode node) {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.isObject()) {
      w.start(name);
      ((ObjectNode) node).fields().forEachRemaining(e -> tree(w, e.getKey(), e.getValue()));
      w.end();
    } else if (node.isArray()) {
      w.start(name);
      node.forEach(e -> tree(w, "member", e));
      w.end();
    } else {
      w.elem(name, node.asText());
    }
  }
}
