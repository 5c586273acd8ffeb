package dev.teal.aws.sdk;

import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.NetworkConfig;
import dev.teal.aws.TaskDefinitionInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.Tag;

/** ECS SDK model to teal's records. Absent numbers become 0 and absent lists empty, never null. */
final class EcsMapping {

  private EcsMapping() {}

  static EcsService service(Service s) {
    String controller = s.deploymentController() == null ? "ECS" : s.deploymentController().typeAsString();
    return new EcsService(s.serviceArn(), s.serviceName(), s.clusterArn(), s.status(), controller,
        orZero(s.desiredCount()), s.taskSets().stream().map(EcsMapping::taskSet).toList(), tags(s.tags()));
  }

  static EcsTaskSet taskSet(TaskSet t) {
    double scale = t.scale() == null || t.scale().value() == null ? 0 : t.scale().value();
    List<String> targetGroups = t.loadBalancers().stream().map(LoadBalancer::targetGroupArn)
        .filter(arn -> arn != null).toList();
    return new EcsTaskSet(t.id(), t.taskSetArn(), t.externalId(), t.status(), t.taskDefinition(), scale,
        t.stabilityStatusAsString(), orZero(t.runningCount()), orZero(t.pendingCount()),
        orZero(t.computedDesiredCount()), targetGroups, network(t), t.createdAt(), tags(t.tags()));
  }

  /**
   * The settings a new task set copies. Never null: a task set without awsvpc settings (bridge or host
   * networking) still has a launch type worth copying; its subnets are simply empty.
   */
  static NetworkConfig network(TaskSet t) {
    AwsVpcConfiguration vpc = t.networkConfiguration() == null ? null : t.networkConfiguration().awsvpcConfiguration();
    List<String> subnets = vpc == null ? List.of() : List.copyOf(vpc.subnets());
    List<String> groups = vpc == null ? List.of() : List.copyOf(vpc.securityGroups());
    boolean publicIp = vpc != null && vpc.assignPublicIp() == AssignPublicIp.ENABLED;
    return new NetworkConfig(t.launchTypeAsString(), subnets, groups, publicIp, t.platformVersion());
  }

  static TaskDefinitionInfo taskDefinition(TaskDefinition d, List<Tag> tags) {
    Map<String, String> images = new LinkedHashMap<>();
    for (ContainerDefinition c : d.containerDefinitions()) {
      images.put(c.name(), c.image());
    }
    return new TaskDefinitionInfo(d.taskDefinitionArn(), d.family(), orZero(d.revision()),
        Collections.unmodifiableMap(images), tags(tags));
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
