package dev.teal.aws.sdk;

import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTask;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.Placement;
import dev.teal.aws.TaskDefinitionInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.Tag;

/** ECS SDK model to teal's records. Absent numbers become 0 and absent lists empty, never null. */
final class EcsMapping {

  private EcsMapping() {}

  static EcsService service(Service s) {
    String controller = s.deploymentController() == null ? "ECS" : s.deploymentController().typeAsString();
    return new EcsService(s.serviceArn(), s.serviceName(), s.clusterArn(), s.status(), controller,
        orZero(s.desiredCount()), s.taskSets().stream().map(EcsMapping::taskSet).toList(),
        placement(s.launchTypeAsString(), s.capacityProviderStrategy(), s.platformVersion(), s.networkConfiguration(),
            s.serviceRegistries()),
        tags(s.tags()));
  }

  static EcsTask task(Task t) {
    return new EcsTask(t.taskArn(), t.taskDefinitionArn(), t.lastStatus(), t.desiredStatus(), t.group(),
        t.startedBy(), t.stopCodeAsString(), t.stoppedReason(), t.createdAt(), t.startedAt(), t.stoppedAt(),
        t.containers().stream().map(c -> new EcsTask.Container(c.name(), c.exitCode(), c.reason())).toList());
  }

  static EcsTaskSet taskSet(TaskSet t) {
    double scale = t.scale() == null || t.scale().value() == null ? 0 : t.scale().value();
    List<String> targetGroups = t.loadBalancers().stream().map(LoadBalancer::targetGroupArn)
        .filter(arn -> arn != null).toList();
    return new EcsTaskSet(t.id(), t.taskSetArn(), t.externalId(), t.status(), t.taskDefinition(), scale,
        t.stabilityStatusAsString(), orZero(t.runningCount()), orZero(t.pendingCount()),
        orZero(t.computedDesiredCount()), targetGroups, placement(t), t.createdAt(), tags(t.tags()));
  }

  /**
   * What a new task set copies. Never null: a task set without awsvpc settings (bridge or host
   * networking) still has capacity and Cloud Map registries worth copying. A task set on a capacity
   * provider strategy is read as that strategy alone, so a copy never sends both (ECS refuses that).
   */
  static Placement placement(TaskSet t) {
    return placement(t.launchTypeAsString(), t.capacityProviderStrategy(), t.platformVersion(), t.networkConfiguration(),
        t.serviceRegistries());
  }

  private static Placement placement(String launchType, List<CapacityProviderStrategyItem> strategy,
      String platformVersion, NetworkConfiguration network, List<ServiceRegistry> registries) {
    List<Placement.CapacityProvider> providers = strategy.stream()
        .map(i -> new Placement.CapacityProvider(i.capacityProvider(), orZero(i.weight()), orZero(i.base())))
        .toList();
    AwsVpcConfiguration vpc = network == null ? null : network.awsvpcConfiguration();
    Placement.AwsVpc awsvpc = vpc == null ? null : new Placement.AwsVpc(List.copyOf(vpc.subnets()),
        List.copyOf(vpc.securityGroups()), vpc.assignPublicIp() == AssignPublicIp.ENABLED);
    return new Placement(providers.isEmpty() ? launchType : null, providers, platformVersion, awsvpc,
        registries.stream().map(r -> new Placement.ServiceRegistry(r.registryArn(), r.port(), r.containerName(),
            r.containerPort())).toList());
  }

  /** A definition registered without a network mode uses bridge (RegisterTaskDefinition, networkMode). */
  static TaskDefinitionInfo taskDefinition(TaskDefinition d, List<Tag> tags) {
    Map<String, String> images = new LinkedHashMap<>();
    java.util.Set<String> essential = new java.util.LinkedHashSet<>();
    for (ContainerDefinition c : d.containerDefinitions()) {
      images.put(c.name(), c.image());
      // "If the essential parameter of a container is marked as true ... All tasks must have at least one
      // essential container"; absent means true (ContainerDefinition, essential).
      if (c.essential() == null || c.essential()) {
        essential.add(c.name());
      }
    }
    return new TaskDefinitionInfo(d.taskDefinitionArn(), d.family(), orZero(d.revision()),
        Collections.unmodifiableMap(images), tags(tags), Objects.requireNonNullElse(d.networkModeAsString(), "bridge"),
        settings(d), essential);
  }

  /** What identifies a revision rather than configures it: left out of the task's settings. */
  private static final java.util.Set<String> NOT_SETTINGS = java.util.Set.of("taskDefinitionArn", "revision",
      "status", "registeredAt", "registeredBy", "deregisteredAt", "requiresAttributes", "compatibilities",
      "containerDefinitions");

  /** Fingerprints of every setting of the task and of each container (the image left out), for diffs. */
  static Map<String, Map<String, String>> settings(TaskDefinition d) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    out.put(TaskDefinitionInfo.TASK, fingerprints(d, d.sdkFields(), NOT_SETTINGS));
    for (ContainerDefinition c : d.containerDefinitions()) {
      out.put(c.name(), fingerprints(c, c.sdkFields(), java.util.Set.of("image", "name")));
    }
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, String> fingerprints(Object owner,
      List<software.amazon.awssdk.core.SdkField<?>> fields, java.util.Set<String> skip) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (var field : fields) {
      String name = Character.toLowerCase(field.memberName().charAt(0)) + field.memberName().substring(1);
      Object value = field.getValueOrDefault(owner);
      if (!skip.contains(name) && value != null && !(value instanceof java.util.Collection<?> c && c.isEmpty())
          && !(value instanceof Map<?, ?> m && m.isEmpty())) {
        out.put(name, Integer.toHexString(java.util.Objects.hashCode(value)));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> map = new LinkedHashMap<>();
    // ECS tag values are optional; teal compares them as strings, so a missing one reads as "".
    tags.forEach(t -> map.put(t.key(), Objects.requireNonNullElse(t.value(), "")));
    return Collections.unmodifiableMap(map);
  }

  static List<Tag> sdkTags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
