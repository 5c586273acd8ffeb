package dev.teal.sandbox.ecs;

import static dev.teal.sandbox.ecs.EcsErrors.invalidParameter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.sandbox.http.Json;
import dev.teal.sandbox.http.Params;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the tasks of a task set run (a launch type or a capacity provider strategy, the platform
 * version, the network configuration, the Cloud Map registries), resolved and checked as CreateTaskSet
 * does. Sources, also listed in docs/sandbox.md:
 * <ul>
 *   <li>CreateTaskSet API reference, {@code capacityProviderStrategy}: "If a capacityProviderStrategy is
 *       specified, the launchType parameter must be omitted. If no capacityProviderStrategy or launchType is
 *       specified, the defaultCapacityProviderStrategy for the cluster is used." A capacity provider "must be
 *       associated with the cluster to be used in a capacity provider strategy".</li>
 *   <li>With neither and no cluster default, EC2: not stated in the API reference; the stricter reading (a
 *       Fargate-only task definition is then refused rather than silently run on Fargate).</li>
 *   <li>Error texts from public reports: "Specifying both a launch type and capacity provider strategy is not
 *       supported. Remove one and try again." (terraform-linters/tflint-ruleset-aws#349, pulumi/pulumi-awsx#599);
 *       "Task definition does not support launch_type FARGATE." (sil-org/ecs-deploy#134); "Network
 *       Configuration is not valid for the given networkMode of this task definition."
 *       (DataDog/test-infra-definitions#57); "The platform version must be null when specifying an EC2 launch
 *       type." (aws/amazon-ecs-cli#1047).</li>
 * </ul>
 */
final class TaskPlacement {

  /** What DescribeTaskSets reports as the platform version of a Fargate task set created without one (LATEST). */
  static final String LATEST_FARGATE_PLATFORM = "1.4.0";

  /** Null when a capacity provider strategy applies. */
  final String launchType;
  /** Empty when a launch type applies. */
  final List<CapacityProviderItem> strategy;
  /** Null on EC2. */
  final String platformVersion;
  final ObjectNode networkConfiguration;
  final ArrayNode serviceRegistries;

  private TaskPlacement(String launchType, List<CapacityProviderItem> strategy, String platformVersion,
      ObjectNode networkConfiguration, ArrayNode serviceRegistries) {
    this.launchType = launchType;
    this.strategy = List.copyOf(strategy);
    this.platformVersion = platformVersion;
    this.networkConfiguration = networkConfiguration;
    this.serviceRegistries = serviceRegistries;
  }

  /** Fargate capacity (launch type FARGATE, or a strategy of FARGATE/FARGATE_SPOT). */
  boolean fargate() {
    return launchType != null ? "FARGATE".equals(launchType) : strategy.stream().allMatch(CapacityProviderItem::isFargate);
  }

  /** The requiresCompatibilities value a task definition needs to run here. */
  String compatibility() {
    return fargate() ? "FARGATE" : "EC2";
  }

  /** Resolves a CreateTaskSet request's placement against its cluster and task definition. */
  static TaskPlacement forTaskSet(Params p, Cluster cluster, TaskDefinition td) {
    Resolved r = resolve(p, cluster);
    String launchType = r.launchType;
    if (launchType == null && r.strategy.isEmpty()) {
      launchType = "EC2";
    }
    TaskPlacement placement = new TaskPlacement(launchType, r.strategy, null, null, registries(p));
    String platform = p.str("platformVersion").filter(s -> !s.isEmpty()).orElse(null);
    if (!placement.fargate() && platform != null) {
      throw invalidParameter("The platform version must be null when specifying an EC2 launch type.");
    }
    if (!td.supports(placement.compatibility())) {
      throw invalidParameter("Task definition does not support launch_type " + placement.compatibility() + ".");
    }
    boolean awsvpc = "awsvpc".equals(td.networkMode());
    if (awsvpc && !p.has("networkConfiguration")) {
      throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    }
    if (!awsvpc && p.has("networkConfiguration")) {
      throw invalidParameter("Network Configuration is not valid for the given networkMode of this task definition.");
    }
    String resolvedPlatform = placement.fargate() ? (platform == null ? LATEST_FARGATE_PLATFORM : platform) : null;
    return new TaskPlacement(launchType, r.strategy, resolvedPlatform,
        awsvpc ? p.obj("networkConfiguration").asObjectOrEmpty() : null, registries(p));
  }

  /**
   * A CreateService request's placement, kept as given (with the cluster's default strategy when it names
   * neither); an EXTERNAL service's tasks run in its task sets, which resolve their own.
   */
  static TaskPlacement forService(Params p, Cluster cluster) {
    Resolved r = resolve(p, cluster);
    return new TaskPlacement(r.launchType, r.strategy, p.str("platformVersion").filter(s -> !s.isEmpty()).orElse(null),
        p.has("networkConfiguration") ? p.obj("networkConfiguration").asObjectOrEmpty() : null, registries(p));
  }

  private record Resolved(String launchType, List<CapacityProviderItem> strategy) {}

  private static Resolved resolve(Params p, Cluster cluster) {
    String launchType = p.str("launchType").filter(s -> !s.isEmpty()).orElse(null);
    List<CapacityProviderItem> strategy = parseStrategy(p.list("capacityProviderStrategy"));
    if (launchType != null && !strategy.isEmpty()) {
      throw invalidParameter("Specifying both a launch type and capacity provider strategy is not supported."
          + " Remove one and try again.");
    }
    if (launchType != null && !List.of("EC2", "FARGATE", "EXTERNAL").contains(launchType)) {
      throw invalidParameter("launchType must be one of EC2, FARGATE or EXTERNAL.");
    }
    if (!strategy.isEmpty()) {
      requireAssociated(strategy, cluster);
      return new Resolved(null, strategy);
    }
    if (launchType == null && !cluster.defaultStrategy.isEmpty()) {
      return new Resolved(null, cluster.defaultStrategy);
    }
    return new Resolved(launchType, List.of());
  }

  static List<CapacityProviderItem> parseStrategy(List<Params> items) {
    List<CapacityProviderItem> strategy = new ArrayList<>();
    int withBase = 0;
    for (Params item : items) {
      String provider = item.str("capacityProvider").filter(s -> !s.isEmpty())
          .orElseThrow(() -> invalidParameter("capacityProvider can not be blank."));
      int weight = item.integer("weight").orElse(0);
      int base = item.integer("base").orElse(0);
      if (weight < 0 || weight > 1000 || base < 0 || base > 100000) {
        throw invalidParameter("The capacity provider strategy weight must be between 0 and 1000 and its base"
            + " between 0 and 100000.");
      }
      withBase += base > 0 ? 1 : 0;
      strategy.add(new CapacityProviderItem(provider, weight, base));
    }
    if (withBase > 1) {
      throw invalidParameter("Only one capacity provider in a capacity provider strategy can have a base defined.");
    }
    if (!strategy.isEmpty() && strategy.stream().allMatch(i -> i.weight() == 0)) {
      throw invalidParameter("At least one capacity provider in a capacity provider strategy must have a weight"
          + " greater than zero.");
    }
    return strategy;
  }

  static void requireAssociated(List<CapacityProviderItem> strategy, Cluster cluster) {
    for (CapacityProviderItem item : strategy) {
      if (!cluster.capacityProviders.contains(item.capacityProvider())) {
        throw invalidParameter("The specified capacity provider strategy cannot contain a capacity provider that is"
            + " not associated with the cluster. Associate the capacity provider with the cluster or specify a valid"
            + " capacity provider and try again.");
      }
    }
  }

  private static ArrayNode registries(Params p) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Params r : p.list("serviceRegistries")) {
      out.add(r.asObjectOrEmpty());
    }
    return out;
  }

  /** Writes the placement fields of a task set or service as DescribeTaskSets/DescribeServices report them. */
  void writeTo(ObjectNode o) {
    if (launchType != null) {
      o.put("launchType", launchType);
    }
    if (!strategy.isEmpty()) {
      ArrayNode items = o.putArray("capacityProviderStrategy");
      strategy.forEach(i -> items.addObject().put("capacityProvider", i.capacityProvider()).put("weight", i.weight())
          .put("base", i.base()));
    }
    if (platformVersion != null) {
      o.put("platformVersion", platformVersion);
      o.put("platformFamily", "Linux");
    }
    if (networkConfiguration != null) {
      o.set("networkConfiguration", networkConfiguration);
    }
    o.set("serviceRegistries", serviceRegistries.deepCopy());
  }
}
