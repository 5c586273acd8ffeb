package dev.teal.sandbox.elb;

import static dev.teal.sandbox.elb.ElbErrors.listenerNotFound;
import static dev.teal.sandbox.elb.ElbErrors.loadBalancerNotFound;
import static dev.teal.sandbox.elb.ElbErrors.ruleNotFound;
import static dev.teal.sandbox.elb.ElbErrors.targetGroupNotFound;
import static dev.teal.sandbox.elb.ElbErrors.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.sandbox.ImageBehaviour;
import dev.teal.sandbox.SimulatorConfig;
import dev.teal.sandbox.faults.FaultInjector;
import dev.teal.sandbox.http.AwsError;
import dev.teal.sandbox.http.IdGenerator;
import dev.teal.sandbox.http.Params;
import dev.teal.sandbox.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ELBv2 state: load balancers, target groups with their targets, listeners and rules. Callers hold
 * the world lock and have brought the scheduler up to date.
 */
public final class ElbSimulator {

  static final int MAX_TARGET_GROUPS_PER_FORWARD = 5;
  static final int MAX_WEIGHT = 999;
  static final int MAX_DESCRIBE_TAGS_RESOURCES = 20;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Set<String> CONDITION_FIELDS = Set.of("path-pattern", "host-header", "http-header",
      "http-request-method", "query-string", "source-ip");

  private final SimulatorConfig config;
  private final Scheduler scheduler;
  private final IdGenerator ids;
  private final FaultInjector faults;
  private final String arnPrefix;
  private final Map<String, LoadBalancer> loadBalancers = new LinkedHashMap<>();
  private final Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
  private final Map<String, Listener> listeners = new LinkedHashMap<>();
  private final Map<String, Rule> rules = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> tags = new LinkedHashMap<>();
  private ListenerObserver observer = ListenerObserver.NONE;

  /** @param faults asked whether a recent change is visible yet (eventual consistency, see docs/sandbox.md) */
  public ElbSimulator(SimulatorConfig config, Scheduler scheduler, IdGenerator ids, FaultInjector faults) {
    this.config = config;
    this.scheduler = scheduler;
    this.ids = ids;
    this.faults = faults;
    this.arnPrefix = "arn:aws:elasticloadbalancing:" + config.region() + ":" + config.accountId() + ":";
  }

  public void observeListeners(ListenerObserver observer) {
    this.observer = observer;
  }

  private Instant now() {
    return scheduler.now();
  }

  // ---------------------------------------------------------------- load balancers

  LoadBalancer createLoadBalancer(Params p) {
    String name = p.reqStr("Name");
    validateName(name, "Load balancer");
    String type = p.str("Type").orElse("application");
    String scheme = p.str("Scheme").orElse("internet-facing");
    List<String> subnets = p.strings("Subnets");
    if (subnets.isEmpty()) {
      p.list("SubnetMappings").forEach(m -> m.str("SubnetId").ifPresent(subnets::add));
    }
    if ("application".equals(type) && subnets.size() < 2) {
      throw validation("At least two subnets in two different Availability Zones must be specified");
    }
    for (LoadBalancer existing : loadBalancers.values()) {
      if (existing.name.equals(name)) {
        if (existing.scheme.equals(scheme) && existing.type.equals(type)) {
          return existing;
        }
        throw AwsError.client("DuplicateLoadBalancerName", "A load balancer with the same name '" + name
            + "' exists, but with different settings");
      }
    }
    String prefix = "network".equals(type) ? "net" : "app";
    String arn = arnPrefix + "loadbalancer/" + prefix + "/" + name + "/" + ids.hex(16);
    String dns = ("internal".equals(scheme) ? "internal-" : "") + name + "-" + ids.digits(10) + "."
        + config.region() + ".elb.amazonaws.com";
    LoadBalancer lb = new LoadBalancer(arn, name, scheme, type, p.str("IpAddressType").orElse("ipv4"),
        "vpc-0sandbox", List.copyOf(subnets), p.strings("SecurityGroups"), dns, now());
    loadBalancers.put(arn, lb);
    putTags(arn, p);
    return lb;
  }

  List<LoadBalancer> describeLoadBalancers(Params p) {
    List<String> arns = p.strings("LoadBalancerArns");
    List<String> names = p.strings("Names");
    if (!arns.isEmpty() && !names.isEmpty()) {
      throw validation("Load balancer names and load balancer ARNs cannot be specified at the same time");
    }
    List<LoadBalancer> out = new ArrayList<>();
    for (String arn : arns) {
      out.add(loadBalancer(arn));
    }
    for (String name : names) {
      out.add(loadBalancers.values().stream().filter(lb -> lb.name.equals(name)).findFirst()
          .orElseThrow(() -> loadBalancerNotFound(name)));
    }
    return arns.isEmpty() && names.isEmpty() ? List.copyOf(loadBalancers.values()) : out;
  }

  void deleteLoadBalancer(Params p) {
    String arn = p.reqStr("LoadBalancerArn");
    if (!loadBalancers.containsKey(arn)) {
      return; // AWS: deleting a load balancer that does not exist succeeds
    }
    for (Listener l : List.copyOf(listeners.values())) {
      if (l.loadBalancerArn.equals(arn)) {
        removeListener(l);
      }
    }
    loadBalancers.remove(arn);
    tags.remove(arn);
    refreshUsage();
  }

  LoadBalancer loadBalancer(String arn) {
    LoadBalancer lb = loadBalancers.get(arn);
    if (lb == null) {
      throw loadBalancerNotFound(arn);
    }
    return lb;
  }

  // ---------------------------------------------------------------- target groups

  TargetGroup createTargetGroup(Params p) {
    String name = p.reqStr("Name");
    validateName(name, "Target group");
    String targetType = p.str("TargetType").orElse("instance");
    TargetGroup candidate = new TargetGroup(arnPrefix + "targetgroup/" + name + "/", name, now());
    candidate.targetType = targetType;
    candidate.protocol = p.str("Protocol").orElse(null);
    candidate.port = p.integer("Port").orElse(null);
    candidate.vpcId = p.str("VpcId").orElse(null);
    if (!"lambda".equals(targetType)) {
      if (candidate.protocol == null || candidate.port == null || candidate.vpcId == null) {
        throw validation("A protocol, port and VPC ID must be specified for target type '" + targetType + "'");
      }
      if (candidate.port < 1 || candidate.port > 65535) {
        throw validation("Port '" + candidate.port + "' must be between 1 and 65535");
      }
    }
    boolean http = candidate.protocol == null || candidate.protocol.startsWith("HTTP");
    candidate.protocolVersion = http && candidate.protocol != null ? p.str("ProtocolVersion").orElse("HTTP1") : null;
    candidate.healthCheckProtocol = p.str("HealthCheckProtocol").orElse(candidate.protocol == null ? "HTTP" : candidate.protocol);
    candidate.healthCheckPort = p.str("HealthCheckPort").orElse("traffic-port");
    candidate.healthCheckEnabled = p.bool("HealthCheckEnabled", true);
    candidate.healthCheckPath = candidate.healthCheckProtocol.startsWith("HTTP") ? p.str("HealthCheckPath").orElse("/") : null;
    candidate.healthCheckIntervalSeconds = bounded(p, "HealthCheckIntervalSeconds", 30, 5, 300);
    candidate.healthCheckTimeoutSeconds = bounded(p, "HealthCheckTimeoutSeconds", 5, 2, 120);
    candidate.healthyThresholdCount = bounded(p, "HealthyThresholdCount", 5, 2, 10);
    candidate.unhealthyThresholdCount = bounded(p, "UnhealthyThresholdCount", 2, 2, 10);
    if (candidate.healthCheckTimeoutSeconds >= candidate.healthCheckIntervalSeconds) {
      throw validation("Health check timeout must be smaller than the interval");
    }
    candidate.matcherHttpCode = http ? p.obj("Matcher").str("HttpCode").orElse("200") : null;
    for (TargetGroup existing : targetGroups.values()) {
      if (existing.name.equals(name)) {
        if (existing.settingsFingerprint().equals(candidate.settingsFingerprint())) {
          return existing;
        }
        throw AwsError.client("DuplicateTargetGroupName",
            "A target group with the same name '" + name + "' exists, but with different settings");
      }
    }
    TargetGroup tg = new TargetGroup(candidate.arn + ids.hex(16), name, now());
    copySettings(candidate, tg);
    tg.attributes.put("deregistration_delay.timeout_seconds",
        Integer.toString(config.defaultDeregistrationDelaySeconds()));
    tg.attributes.put("stickiness.enabled", "false");
    tg.attributes.put("stickiness.type", "lb_cookie");
    tg.attributes.put("load_balancing.algorithm.type", "round_robin");
    tg.attributes.put("slow_start.duration_seconds", "0");
    targetGroups.put(tg.arn, tg);
    putTags(tg.arn, p);
    return tg;
  }

  private static void copySettings(TargetGroup from, TargetGroup to) {
    to.protocol = from.protocol;
    to.port = from.port;
    to.vpcId = from.vpcId;
    to.targetType = from.targetType;
    to.protocolVersion = from.protocolVersion;
    to.healthCheckProtocol = from.healthCheckProtocol;
    to.healthCheckPort = from.healthCheckPort;
    to.healthCheckPath = from.healthCheckPath;
    to.healthCheckEnabled = from.healthCheckEnabled;
    to.healthCheckIntervalSeconds = from.healthCheckIntervalSeconds;
    to.healthCheckTimeoutSeconds = from.healthCheckTimeoutSeconds;
    to.healthyThresholdCount = from.healthyThresholdCount;
    to.unhealthyThresholdCount = from.unhealthyThresholdCount;
    to.matcherHttpCode = from.matcherHttpCode;
  }

  private static int bounded(Params p, String name, int dflt, int min, int max) {
    int v = p.integer(name).orElse(dflt);
    if (v < min || v > max) {
      throw validation(name + " must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  private static void validateName(String name, String what) {
    if (name.length() > 32) {
      throw validation(what + " name '" + name + "' cannot be longer than '32' characters");
    }
    if (!NAME.matcher(name).matches()) {
      throw validation(what + " name '" + name + "' can only contain characters that are alphanumeric"
          + " characters or hyphens(-) and must not begin or end with a hyphen");
    }
  }

  List<TargetGroup> describeTargetGroups(Params p) {
    List<String> arns = p.strings("TargetGroupArns");
    List<String> names = p.strings("Names");
    Optional<String> lbArn = p.str("LoadBalancerArn").filter(s -> !s.isEmpty());
    int given = (arns.isEmpty() ? 0 : 1) + (names.isEmpty() ? 0 : 1) + (lbArn.isPresent() ? 1 : 0);
    if (given > 1) {
      throw validation("Target group names, target group ARNs, and a load balancer ARN cannot be specified"
          + " at the same time");
    }
    if (!arns.isEmpty()) {
      List<TargetGroup> out = new ArrayList<>();
      for (String arn : arns) {
        out.add(targetGroup(arn));
      }
      return out;
    }
    if (!names.isEmpty()) {
      List<TargetGroup> out = new ArrayList<>();
      for (String name : names) {
        out.add(targetGroups.values().stream().filter(tg -> tg.name.equals(name)).findFirst()
            .orElseThrow(() -> targetGroupNotFound(name)));
      }
      return out;
    }
    if (lbArn.isPresent()) {
      loadBalancer(lbArn.get());
      return targetGroups.values().stream().filter(tg -> loadBalancerArns(tg).contains(lbArn.get())).toList();
    }
    return List.copyOf(targetGroups.values());
  }

  void deleteTargetGroup(Params p) {
    TargetGroup tg = targetGroup(p.reqStr("TargetGroupArn"));
    // Eventual consistency: right after a rule stops forwarding here, ELB may still see the group in use.
    if (tg.inUseSince != null || !faults.visible("elb:DeleteTargetGroup", tg.arn, tg.unusedSince, now())) {
      throw AwsError.client("ResourceInUse",
          "Target group '" + tg.arn + "' is currently in use by a listener or a rule");
    }
    targetGroups.remove(tg.arn);
    tags.remove(tg.arn);
  }

  public TargetGroup targetGroup(String arn) {
    TargetGroup tg = targetGroups.get(arn);
    if (tg == null) {
      throw targetGroupNotFound(arn);
    }
    return tg;
  }

  public Optional<TargetGroup> findTargetGroup(String arn) {
    return Optional.ofNullable(targetGroups.get(arn));
  }

  Map<String, String> targetGroupAttributes(Params p) {
    return targetGroup(p.reqStr("TargetGroupArn")).attributes;
  }

  Map<String, String> modifyTargetGroupAttributes(Params p) {
    TargetGroup tg = targetGroup(p.reqStr("TargetGroupArn"));
    List<Params> attributes = p.list("Attributes");
    if (attributes.isEmpty()) {
      throw validation("Attributes must contain at least one attribute");
    }
    for (Params a : attributes) {
      String key = a.reqStr("Key");
      String value = a.str("Value").orElse("");
      if (key.equals("deregistration_delay.timeout_seconds")) {
        int v;
        try {
          v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
          throw validation("Attribute 'deregistration_delay.timeout_seconds' must be an integer");
        }
        if (v < 0 || v > 3600) {
          throw validation("'deregistration_delay.timeout_seconds' must be between 0 and 3600");
        }
      }
      tg.attributes.put(key, value);
    }
    return tg.attributes;
  }

  /** The load balancers whose listeners forward to this group, derived as AWS reports them. */
  List<String> loadBalancerArns(TargetGroup tg) {
    Set<String> out = new LinkedHashSet<>();
    for (Listener l : listeners.values()) {
      for (Rule r : rulesOf(l)) {
        if (forwardsTo(r, tg.arn)) {
          out.add(l.loadBalancerArn);
        }
      }
    }
    return List.copyOf(out);
  }

  /** The group's target type (instance, ip, lambda or alb), or null when it does not exist. */
  public String targetTypeOf(String targetGroupArn) {
    TargetGroup tg = targetGroups.get(targetGroupArn);
    return tg == null ? null : tg.targetType;
  }

  /**
   * A target group can be used by one load balancer only ("Load balancers per target group: 1" in the
   * Application Load Balancer quotas). A listener or rule of another load balancer that forwards to it is
   * refused with TargetGroupAssociationLimit (ModifyRule/CreateRule/ModifyListener/CreateListener errors in
   * the API reference; the message as reported in hashicorp/terraform-provider-aws#22005).
   */
  private void requireSingleLoadBalancer(String loadBalancerArn, List<Action> actions) {
    List<String> taken = new ArrayList<>();
    for (Action a : actions) {
      if (!a.isForward()) {
        continue;
      }
      for (Action.WeightedTargetGroup w : a.targetGroups()) {
        TargetGroup tg = targetGroups.get(w.targetGroupArn());
        if (tg != null && loadBalancerArns(tg).stream().anyMatch(lb -> !lb.equals(loadBalancerArn))) {
          taken.add(tg.arn);
        }
      }
    }
    if (!taken.isEmpty()) {
      throw AwsError.client("TargetGroupAssociationLimit",
          "The following target groups cannot be associated with more than one load balancer: "
              + String.join(", ", taken));
    }
  }

  /**
   * True when some listener forwards to the group as {@code operation} (another service, e.g. ECS) sees it:
   * ECS refuses task sets whose group has no load balancer, and may not see a rule change of a moment ago.
   */
  public boolean hasLoadBalancer(String targetGroupArn, String operation) {
    TargetGroup tg = targetGroups.get(targetGroupArn);
    return tg != null && tg.inUseSince != null && faults.visible(operation, tg.arn, tg.inUseSince, now());
  }

  private static boolean forwardsTo(Rule r, String tgArn) {
    return r.actions.stream().filter(Action::isForward)
        .anyMatch(a -> a.targetGroups().stream().anyMatch(w -> w.targetGroupArn().equals(tgArn)));
  }

  /**
   * Recomputes which groups are in use. A group that starts being used begins its health checks
   * now; one that stops being used loses them (its targets report {@code unused}).
   */
  private void refreshUsage() {
    Set<String> used = new LinkedHashSet<>();
    for (Rule r : rules.values()) {
      for (Action a : r.actions) {
        if (a.isForward()) {
          a.targetGroups().forEach(w -> used.add(w.targetGroupArn()));
        }
      }
    }
    for (TargetGroup tg : targetGroups.values()) {
      boolean isUsed = used.contains(tg.arn);
      if (isUsed && tg.inUseSince == null) {
        tg.inUseSince = now();
        tg.unusedSince = null;
      } else if (!isUsed && tg.inUseSince != null) {
        tg.inUseSince = null;
        tg.unusedSince = now();
      }
    }
  }

  // ---------------------------------------------------------------- targets and health

  void registerTargets(Params p) {
    TargetGroup tg = targetGroup(p.reqStr("TargetGroupArn"));
    List<Params> targets = p.list("Targets");
    if (targets.isEmpty()) {
      throw validation("Targets must contain at least one target");
    }
    for (Params t : targets) {
      String id = t.reqStr("Id");
      if ("ip".equals(tg.targetType) && !IPV4.matcher(id).matches()) {
        throw AwsError.client("InvalidTarget", "The IP address '" + id + "' is not a valid IPv4 address");
      }
      int port = t.integer("Port").orElse(tg.port == null ? 0 : tg.port);
      register(tg, id, port, TargetOwner.EXTERNAL);
    }
  }

  void deregisterTargets(Params p) {
    TargetGroup tg = targetGroup(p.reqStr("TargetGroupArn"));
    List<Params> targets = p.list("Targets");
    if (targets.isEmpty()) {
      throw validation("Targets must contain at least one target");
    }
    for (Params t : targets) {
      String id = t.reqStr("Id");
      int port = t.integer("Port").orElse(tg.port == null ? 0 : tg.port);
      Target target = tg.targets.get(Target.key(id, port));
      if (target == null) {
        throw AwsError.client("InvalidTarget", "The following targets are not registered in target group '"
            + tg.arn + "': '" + id + ":" + port + "'");
      }
    }
    for (Params t : targets) {
      deregister(tg.arn, t.reqStr("Id"), t.integer("Port").orElse(tg.port == null ? 0 : tg.port));
    }
  }

  /** Registration by ECS when a task starts; re-registering a draining target starts it afresh. */
  public void register(String targetGroupArn, String id, int port, TargetOwner owner) {
    TargetGroup tg = targetGroups.get(targetGroupArn);
    if (tg != null) {
      register(tg, id, port, owner);
    }
  }

  private void register(TargetGroup tg, String id, int port, TargetOwner owner) {
    String key = Target.key(id, port);
    Target existing = tg.targets.get(key);
    if (existing != null && existing.deregisteredAt == null) {
      return;
    }
    tg.targets.put(key, new Target(id, port, owner, now()));
  }

  /** Starts draining; the target leaves the group after the group's deregistration delay. */
  public void deregister(String targetGroupArn, String id, int port) {
    TargetGroup tg = targetGroups.get(targetGroupArn);
    if (tg == null) {
      return;
    }
    String key = Target.key(id, port);
    Target target = tg.targets.get(key);
    if (target == null || target.deregisteredAt != null) {
      return;
    }
    int delay = tg.deregistrationDelaySeconds();
    if (tg.inUseSince == null || delay == 0) {
      tg.targets.remove(key);
      return;
    }
    target.deregisteredAt = now();
    scheduler.at(now().plusSeconds(delay), at -> {
      if (tg.targets.get(key) == target) {
        tg.targets.remove(key);
      }
    });
  }

  /**
   * The longest deregistration delay among these groups: how long a deleted task set keeps draining.
   * ELB "waits [the deregistration delay] before completing the deregistration process" and may finish
   * early for a target without connections (ALB guide, "Deregistration delay"); the stricter reading is
   * modelled: the full delay, whether or not a listener still forwards to the group.
   */
  public Duration drainTime(Collection<String> targetGroupArns) {
    int max = 0;
    for (String arn : targetGroupArns) {
      TargetGroup tg = targetGroups.get(arn);
      if (tg != null) {
        max = Math.max(max, tg.deregistrationDelaySeconds());
      }
    }
    return Duration.ofSeconds(max);
  }

  record HealthRow(Target target, TargetHealth health, String healthCheckPort) {
  }

  List<HealthRow> describeTargetHealth(Params p) {
    TargetGroup tg = targetGroup(p.reqStr("TargetGroupArn"));
    String hcPort = tg.healthCheckPort;
    List<HealthRow> out = new ArrayList<>();
    List<Params> filter = p.list("Targets");
    if (filter.isEmpty()) {
      for (Target t : tg.targets.values()) {
        out.add(new HealthRow(t, health(tg, t), "traffic-port".equals(hcPort) ? String.valueOf(t.port) : hcPort));
      }
      return out;
    }
    for (Params f : filter) {
      String id = f.reqStr("Id");
      int port = f.integer("Port").orElse(tg.port == null ? 0 : tg.port);
      Target t = tg.targets.get(Target.key(id, port));
      if (t == null) {
        out.add(new HealthRow(new Target(id, port, null, now()), new TargetHealth("unused",
            "Target.NotRegistered", "Target is not registered to the target group", null), null));
      } else {
        out.add(new HealthRow(t, health(tg, t), "traffic-port".equals(hcPort) ? String.valueOf(t.port) : hcPort));
      }
    }
    return out;
  }

  /**
   * Health is a function of time: checks start when the target registers (or when its group
   * starts receiving traffic) and reach a verdict after interval × threshold.
   */
  public TargetHealth health(TargetGroup tg, Target t) {
    Instant now = now();
    if (t.deregisteredAt != null) {
      return new TargetHealth("draining", "Target.DeregistrationInProgress",
          "Target deregistration is in progress", t.deregisteredAt);
    }
    if (tg.inUseSince == null) {
      return new TargetHealth("unused", "Target.NotInUse",
          "Target group is not configured to receive traffic from the load balancer", null);
    }
    Instant checksFrom = t.registeredAt.isAfter(tg.inUseSince) ? t.registeredAt : tg.inUseSince;
    ImageBehaviour behaviour = t.owner == null ? ImageBehaviour.NORMAL : t.owner.behaviour();
    if (behaviour == ImageBehaviour.CRASHLOOP) {
      return initial(checksFrom);
    }
    if (behaviour == ImageBehaviour.UNHEALTHY) {
      Instant verdict = checksFrom.plusSeconds((long) tg.healthCheckIntervalSeconds * tg.unhealthyThresholdCount);
      return now.isBefore(verdict) ? initial(checksFrom) : new TargetHealth("unhealthy",
          "Target.ResponseCodeMismatch", "Health checks failed with these codes: [500]", verdict);
    }
    Instant verdict = checksFrom.plusSeconds((long) tg.healthCheckIntervalSeconds * tg.healthyThresholdCount);
    return now.isBefore(verdict) ? initial(checksFrom) : new TargetHealth("healthy", null, null, verdict);
  }

  private static TargetHealth initial(Instant since) {
    return new TargetHealth("initial", "Elb.RegistrationInProgress", "Target registration is in progress", since);
  }

  /** Health of one registration, for ECS deciding whether a task set is steady. */
  public Optional<TargetHealth> health(String targetGroupArn, String id, int port) {
    TargetGroup tg = targetGroups.get(targetGroupArn);
    if (tg == null) {
      return Optional.empty();
    }
    Target t = tg.targets.get(Target.key(id, port));
    return t == null ? Optional.empty() : Optional.of(health(tg, t));
  }

  /** Every registration in a group with its current health, for tests inspecting the world. */
  public List<Map.Entry<Target, TargetHealth>> targetsWithHealth(String targetGroupArn) {
    TargetGroup tg = targetGroup(targetGroupArn);
    return tg.targets.values().stream().map(t -> Map.entry(t, health(tg, t))).toList();
  }

  /** Targets that would receive traffic now, in registration order. */
  public List<Target> healthyTargets(String targetGroupArn) {
    TargetGroup tg = targetGroups.get(targetGroupArn);
    if (tg == null) {
      return List.of();
    }
    return tg.targets.values().stream().filter(t -> health(tg, t).healthy()).toList();
  }

  // ---------------------------------------------------------------- listeners

  Listener createListener(Params p) {
    LoadBalancer lb = loadBalancer(p.reqStr("LoadBalancerArn"));
    int port = p.integer("Port").orElseThrow(() -> validation("A port must be specified"));
    if (port < 1 || port > 65535) {
      throw validation("Port '" + port + "' must be between 1 and 65535");
    }
    String protocol = p.str("Protocol").orElse("HTTP");
    List<Action> actions = parseActions(p.list("DefaultActions"));
    requireSingleLoadBalancer(lb.arn, actions);
    for (Listener l : listeners.values()) {
      if (l.loadBalancerArn.equals(lb.arn) && l.port == port) {
        if (l.protocol.equals(protocol) && l.defaultRule.actions.equals(actions)) {
          return l;
        }
        throw AwsError.client("DuplicateListener", "A listener already exists on this port for this load balancer '"
            + lb.arn + "'");
      }
    }
    String lbPath = lb.arn.substring(lb.arn.indexOf("loadbalancer/") + "loadbalancer/".length());
    String arn = arnPrefix + "listener/" + lbPath + "/" + ids.hex(16);
    String defaultRuleArn = arnPrefix + "listener-rule/" + lbPath + "/" + arn.substring(arn.lastIndexOf('/') + 1)
        + "/" + ids.hex(16);
    Rule defaultRule = new Rule(defaultRuleArn, arn, true, Integer.MAX_VALUE, List.of(), actions);
    Listener listener = new Listener(arn, lb.arn, port, protocol, defaultRule);
    listeners.put(arn, listener);
    rules.put(defaultRuleArn, defaultRule);
    putTags(arn, p);
    refreshUsage();
    observer.listenerOpened(arn, port);
    return listener;
  }

  List<Listener> describeListeners(Params p) {
    List<String> arns = p.strings("ListenerArns");
    Optional<String> lbArn = p.str("LoadBalancerArn").filter(s -> !s.isEmpty());
    if (arns.isEmpty() && lbArn.isEmpty()) {
      throw validation("You must specify either listener ARNs or a load balancer ARN");
    }
    if (!arns.isEmpty()) {
      List<Listener> out = new ArrayList<>();
      for (String arn : arns) {
        out.add(listener(arn));
      }
      return out;
    }
    loadBalancer(lbArn.get());
    return listeners.values().stream().filter(l -> l.loadBalancerArn.equals(lbArn.get())).toList();
  }

  Listener modifyListener(Params p) {
    Listener l = listener(p.reqStr("ListenerArn"));
    Optional<Integer> port = p.integer("Port");
    if (port.isPresent() && (port.get() < 1 || port.get() > 65535)) {
      throw validation("Port '" + port.get() + "' must be between 1 and 65535");
    }
    List<Action> actions = p.has("DefaultActions") ? parseActions(p.list("DefaultActions"), "elb:ModifyListener")
        : null;
    if (actions != null) {
      requireSingleLoadBalancer(l.loadBalancerArn, actions);
    }
    if (port.isPresent() && port.get() != l.port) {
      boolean taken = listeners.values().stream()
          .anyMatch(o -> o != l && o.loadBalancerArn.equals(l.loadBalancerArn) && o.port == port.get());
      if (taken) {
        throw AwsError.client("DuplicateListener", "A listener already exists on port " + port.get());
      }
    }
    p.str("Protocol").ifPresent(v -> l.protocol = v);
    if (actions != null) {
      l.defaultRule.actions = actions;
    }
    if (port.isPresent() && port.get() != l.port) {
      l.port = port.get();
      observer.listenerClosed(l.arn);
      observer.listenerOpened(l.arn, l.port);
    }
    refreshUsage();
    return l;
  }

  void deleteListener(Params p) {
    removeListener(listener(p.reqStr("ListenerArn")));
    refreshUsage();
  }

  private void removeListener(Listener l) {
    for (Rule r : rulesOf(l)) {
      rules.remove(r.arn);
      tags.remove(r.arn);
    }
    listeners.remove(l.arn);
    tags.remove(l.arn);
    observer.listenerClosed(l.arn);
  }

  Listener listener(String arn) {
    Listener l = listeners.get(arn);
    if (l == null) {
      throw listenerNotFound(arn);
    }
    return l;
  }

  /** The load balancer a listener belongs to, for the data plane's metrics. */
  public Optional<String> loadBalancerOf(String listenerArn) {
    return Optional.ofNullable(listeners.get(listenerArn)).map(l -> l.loadBalancerArn);
  }

  /** Listener port by ARN, for the data plane. */
  public Optional<Integer> listenerPort(String listenerArn) {
    return Optional.ofNullable(listeners.get(listenerArn)).map(l -> l.port);
  }

  // ---------------------------------------------------------------- rules

  Rule createRule(Params p) {
    Listener l = listener(p.reqStr("ListenerArn"));
    int priority = p.integer("Priority").orElseThrow(() -> validation("A priority must be specified"));
    validatePriority(priority);
    if (rulesOf(l).stream().anyMatch(r -> !r.isDefault && r.priority == priority)) {
      throw AwsError.client("PriorityInUse", "Priority '" + priority + "' is currently in use");
    }
    List<Condition> conditions = parseConditions(p.list("Conditions"));
    if (conditions.isEmpty()) {
      throw validation("A rule must have at least one condition");
    }
    List<Action> actions = parseActions(p.list("Actions"));
    requireSingleLoadBalancer(l.loadBalancerArn, actions);
    String listenerPath = l.arn.substring(l.arn.indexOf("listener/") + "listener/".length());
    String arn = arnPrefix + "listener-rule/" + listenerPath + "/" + ids.hex(16);
    Rule rule = new Rule(arn, l.arn, false, priority, conditions, actions);
    rules.put(arn, rule);
    putTags(arn, p);
    refreshUsage();
    return rule;
  }

  private static void validatePriority(int priority) {
    if (priority < 1 || priority > 50000) {
      throw validation("Priority '" + priority + "' must be between 1 and 50000");
    }
  }

  List<Rule> describeRules(Params p) {
    List<String> arns = p.strings("RuleArns");
    Optional<String> listenerArn = p.str("ListenerArn").filter(s -> !s.isEmpty());
    if (arns.isEmpty() == listenerArn.isEmpty()) {
      throw validation("You must specify either listener ARN or rule ARNs, but not both");
    }
    if (listenerArn.isPresent()) {
      return rulesOf(listener(listenerArn.get()));
    }
    List<Rule> out = new ArrayList<>();
    for (String arn : arns) {
      out.add(rule(arn));
    }
    return out;
  }

  Rule modifyRule(Params p) {
    Rule rule = rule(p.reqStr("RuleArn"));
    List<Condition> conditions = p.has("Conditions") ? parseConditions(p.list("Conditions")) : null;
    List<Action> actions = p.has("Actions") ? parseActions(p.list("Actions"), "elb:ModifyRule") : null;
    if (conditions != null && rule.isDefault && !conditions.isEmpty()) {
      throw AwsError.client("OperationNotPermitted", "Conditions cannot be set on a default rule");
    }
    if (actions != null) {
      requireSingleLoadBalancer(listener(rule.listenerArn).loadBalancerArn, actions);
    }
    if (conditions != null && !rule.isDefault) {
      rule.conditions = conditions;
    }
    if (actions != null) {
      rule.actions = actions;
    }
    refreshUsage();
    return rule;
  }

  List<Rule> setRulePriorities(Params p) {
    List<Rule> changed = new ArrayList<>();
    for (Params rp : p.list("RulePriorities")) {
      Rule r = rule(rp.reqStr("RuleArn"));
      int priority = rp.integer("Priority").orElseThrow(() -> validation("A priority must be specified"));
      validatePriority(priority);
      if (r.isDefault) {
        throw AwsError.client("OperationNotPermitted", "The default rule's priority cannot be changed");
      }
      r.priority = priority;
      changed.add(r);
    }
    return changed;
  }

  void deleteRule(Params p) {
    Rule rule = rule(p.reqStr("RuleArn"));
    if (rule.isDefault) {
      throw AwsError.client("OperationNotPermitted", "Default rule '" + rule.arn + "' cannot be deleted");
    }
    rules.remove(rule.arn);
    tags.remove(rule.arn);
    refreshUsage();
  }

  Rule rule(String arn) {
    Rule r = rules.get(arn);
    if (r == null) {
      throw ruleNotFound(arn);
    }
    return r;
  }

  /** A listener's rules by priority, default last, as DescribeRules and routing see them. */
  public List<Rule> rulesOf(String listenerArn) {
    Listener l = listeners.get(listenerArn);
    return l == null ? List.of() : rulesOf(l);
  }

  private List<Rule> rulesOf(Listener l) {
    return rules.values().stream().filter(r -> r.listenerArn.equals(l.arn))
        .sorted(Comparator.comparingInt(r -> r.priority)).toList();
  }

  // ---------------------------------------------------------------- actions and conditions

  private List<Action> parseActions(List<Params> list) {
    return parseActions(list, null);
  }

  /** @param operation the calling operation, for eventual consistency of target groups it names; null: none */
  private List<Action> parseActions(List<Params> list, String operation) {
    if (list.isEmpty()) {
      throw validation("At least one action must be specified");
    }
    List<Action> out = new ArrayList<>();
    int index = 0;
    for (Params a : list) {
      index++;
      String type = a.reqStr("Type");
      int order = a.integer("Order").orElse(index);
      switch (type) {
        case "forward" -> out.add(parseForward(a, order, operation));
        case "fixed-response" -> {
          Params cfg = a.obj("FixedResponseConfig");
          String status = cfg.reqStr("StatusCode");
          if (!status.matches("[245]\\d\\d")) {
            throw validation("Fixed response status code '" + status + "' must be 2XX, 4XX or 5XX");
          }
          out.add(new Action(type, order, List.of(), false, null, cfg.asObjectOrEmpty()));
        }
        case "redirect" -> {
          Params cfg = a.obj("RedirectConfig");
          cfg.reqStr("StatusCode");
          out.add(new Action(type, order, List.of(), false, null, cfg.asObjectOrEmpty()));
        }
        default -> throw validation("Action type '" + type + "' is not supported by the sandbox");
      }
    }
    return List.copyOf(out);
  }

  private Action parseForward(Params a, int order, String operation) {
    Params fc = a.obj("ForwardConfig");
    List<Params> groups = fc.list("TargetGroups");
    Optional<String> single = a.str("TargetGroupArn").filter(s -> !s.isEmpty());
    List<Action.WeightedTargetGroup> weighted = new ArrayList<>();
    if (groups.isEmpty()) {
      String arn = single.orElseThrow(() -> validation("A target group ARN must be specified"));
      weighted.add(new Action.WeightedTargetGroup(arn, 1));
    } else {
      if (groups.size() > MAX_TARGET_GROUPS_PER_FORWARD) {
        throw AwsError.client("TooManyTargetGroups",
            "You've reached the limit on the number of target groups per action ("
                + MAX_TARGET_GROUPS_PER_FORWARD + ")");
      }
      Set<String> seen = new LinkedHashSet<>();
      for (Params g : groups) {
        String arn = g.reqStr("TargetGroupArn");
        int weight = g.integer("Weight").orElse(1);
        if (weight < 0 || weight > MAX_WEIGHT) {
          throw validation("Target group weight '" + weight + "' must be between 0 and " + MAX_WEIGHT);
        }
        if (!seen.add(arn)) {
          throw validation("Target group '" + arn + "' is specified more than once in the action");
        }
        weighted.add(new Action.WeightedTargetGroup(arn, weight));
      }
      if (single.isPresent() && !(weighted.size() == 1 && weighted.get(0).targetGroupArn().equals(single.get()))) {
        throw validation("You cannot specify both a target group ARN and a forward config with different"
            + " target groups");
      }
    }
    for (Action.WeightedTargetGroup w : weighted) {
      TargetGroup tg = targetGroup(w.targetGroupArn());
      // Eventual consistency: a group created a moment ago may be unknown to the rule's control plane.
      if (operation != null && !faults.visible(operation, tg.arn, tg.createdAt, now())) {
        throw targetGroupNotFound(tg.arn);
      }
    }
    Params stickiness = fc.obj("TargetGroupStickinessConfig");
    return new Action("forward", order, List.copyOf(weighted), stickiness.bool("Enabled", false),
        stickiness.integer("DurationSeconds").orElse(null), null);
  }

  private static List<Condition> parseConditions(List<Params> list) {
    List<Condition> out = new ArrayList<>();
    for (Params c : list) {
      String field = c.reqStr("Field");
      if (!CONDITION_FIELDS.contains(field)) {
        throw validation("Condition field '" + field + "' is not valid");
      }
      List<String> values = new ArrayList<>(c.strings("Values"));
      String configName = switch (field) {
        case "path-pattern" -> "PathPatternConfig";
        case "host-header" -> "HostHeaderConfig";
        case "http-request-method" -> "HttpRequestMethodConfig";
        case "source-ip" -> "SourceIpConfig";
        default -> null;
      };
      if (configName != null) {
        List<String> configured = c.obj(configName).strings("Values");
        if (!values.isEmpty() && !configured.isEmpty()) {
          throw validation("You cannot specify both 'Values' and '" + configName + "' for a condition");
        }
        values.addAll(configured);
      }
      if (values.isEmpty() && configName != null) {
        throw validation("A condition of field '" + field + "' must have at least one value");
      }
      ObjectNode raw = c.asObjectOrEmpty();
      out.add(new Condition(field, List.copyOf(values), raw));
    }
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------- tags

  private void putTags(String arn, Params p) {
    Map<String, String> map = tags.computeIfAbsent(arn, k -> new LinkedHashMap<>());
    for (Params t : p.list("Tags")) {
      map.put(t.reqStr("Key"), t.str("Value").orElse(""));
    }
  }

  void addTags(Params p) {
    List<String> arns = p.strings("ResourceArns");
    if (arns.isEmpty()) {
      throw validation("At least one resource ARN must be specified");
    }
    List<Params> newTags = p.list("Tags");
    if (newTags.isEmpty()) {
      throw validation("At least one tag must be specified");
    }
    arns.forEach(this::requireResource);
    for (String arn : arns) {
      Map<String, String> map = tags.computeIfAbsent(arn, k -> new LinkedHashMap<>());
      Map<String, String> merged = new LinkedHashMap<>(map);
      newTags.forEach(t -> merged.put(t.reqStr("Key"), t.str("Value").orElse("")));
      if (merged.size() > 50) {
        throw AwsError.client("TooManyTags", "You've reached the limit on the number of tags for this resource");
      }
      map.putAll(merged);
    }
  }

  void removeTags(Params p) {
    List<String> arns = p.strings("ResourceArns");
    if (arns.isEmpty()) {
      throw validation("At least one resource ARN must be specified");
    }
    arns.forEach(this::requireResource);
    List<String> keys = p.strings("TagKeys");
    for (String arn : arns) {
      Map<String, String> map = tags.get(arn);
      if (map != null) {
        keys.forEach(map::remove);
      }
    }
  }

  Map<String, Map<String, String>> describeTags(Params p) {
    List<String> arns = p.strings("ResourceArns");
    if (arns.isEmpty()) {
      throw validation("At least one resource ARN must be specified");
    }
    if (arns.size() > MAX_DESCRIBE_TAGS_RESOURCES) {
      throw validation("A maximum of " + MAX_DESCRIBE_TAGS_RESOURCES + " resource ARNs can be specified");
    }
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (String arn : arns) {
      requireResource(arn);
      out.put(arn, Map.copyOf(tags.getOrDefault(arn, Map.of())));
    }
    return out;
  }

  private void requireResource(String arn) {
    if (arn.contains(":loadbalancer/")) {
      loadBalancer(arn);
    } else if (arn.contains(":targetgroup/")) {
      targetGroup(arn);
    } else if (arn.contains(":listener-rule/")) {
      rule(arn);
    } else if (arn.contains(":listener/")) {
      listener(arn);
    } else {
      throw validation("'" + arn + "' is not a valid load balancer resource ARN");
    }
  }

  // ---------------------------------------------------------------- paging

  record Page<T>(List<T> items, String nextMarker) {
  }

  static <T> Page<T> page(List<T> all, Params p, int maxPageSize) {
    int size = p.integer("PageSize").orElse(maxPageSize);
    if (size < 1 || size > maxPageSize) {
      throw validation("Page size must be between 1 and " + maxPageSize);
    }
    int start = 0;
    Optional<String> marker = p.str("Marker").filter(s -> !s.isEmpty());
    if (marker.isPresent()) {
      try {
        start = Integer.parseInt(new String(Base64.getDecoder().decode(marker.get())));
      } catch (IllegalArgumentException e) {
        throw validation("The marker '" + marker.get() + "' is not valid");
      }
      if (start < 0 || start > all.size()) {
        throw validation("The marker '" + marker.get() + "' is not valid");
      }
    }
    int end = Math.min(all.size(), start + size);
    String next = end < all.size() ? Base64.getEncoder().encodeToString(Integer.toString(end).getBytes()) : null;
    return new Page<>(all.subList(start, end), next);
  }
}
