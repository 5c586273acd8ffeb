package dev.teal.aws.sdk;

import dev.teal.aws.AwsException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * A RegisterTaskDefinition request that copies a described task definition with one container's image
 * replaced.
 *
 * <p>Every field RegisterTaskDefinition accepts is copied; the read-only ones DescribeTaskDefinition
 * adds (ARN, revision, status, compatibilities, requiresAttributes, registeredAt/By) are not, because
 * ECS derives them again.
 */
final class TaskDefinitionCopy {

  /** The error code of a template that has no container of the requested name. */
  static final String CONTAINER_NOT_IN_TEMPLATE = "ContainerNotInTemplate";

  private TaskDefinitionCopy() {}

  static RegisterTaskDefinitionRequest withImage(TaskDefinition template, String container, String image,
      Map<String, String> tags, String operation) {
    if (template.containerDefinitions().stream().noneMatch(c -> c.name().equals(container))) {
      List<String> names = template.containerDefinitions().stream().map(ContainerDefinition::name).toList();
      throw new AwsException(operation, CONTAINER_NOT_IN_TEMPLATE, "task definition "
          + template.taskDefinitionArn() + " has no container named " + container + " (it has " + names + ")", null);
    }
    List<ContainerDefinition> containers = template.containerDefinitions().stream()
        .map(c -> c.name().equals(container) ? c.toBuilder().image(image).build() : c)
        .toList();
    var request = RegisterTaskDefinitionRequest.builder()
        .family(template.family())
        .taskRoleArn(template.taskRoleArn())
        .executionRoleArn(template.executionRoleArn())
        .networkMode(template.networkModeAsString())
        .containerDefinitions(containers)
        .cpu(template.cpu())
        .memory(template.memory())
        .pidMode(template.pidModeAsString())
        .ipcMode(template.ipcModeAsString())
        .proxyConfiguration(template.proxyConfiguration())
        .ephemeralStorage(template.ephemeralStorage())
        .runtimePlatform(template.runtimePlatform())
        .enableFaultInjection(template.enableFaultInjection());
    // Lists only when the template has them: an SDK list that was never set is not sent at all, while
    // an empty one would be sent as [] and could be read as "clear this".
    if (template.hasVolumes()) {
      request.volumes(template.volumes());
    }
    if (template.hasPlacementConstraints()) {
      request.placementConstraints(template.placementConstraints());
    }
    if (template.hasRequiresCompatibilities()) {
      request.requiresCompatibilitiesWithStrings(template.requiresCompatibilitiesAsStrings());
    }
    if (template.hasInferenceAccelerators()) {
      request.inferenceAccelerators(template.inferenceAccelerators());
    }
    if (!tags.isEmpty()) {
      request.tags(EcsMapping.sdkTags(tags));
    }
    return request.build();
  }
}
