package dev.teal.aws.sdk;

import dev.teal.aws.AwsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * A RegisterTaskDefinition request that copies a described task definition with one container's image
 * replaced.
 *
 * <p>Every field RegisterTaskDefinition accepts is copied; the read-only ones DescribeTaskDefinition
 * adds (ARN, revision, status, compatibilities, requiresAttributes, registeredAt/By) are not, because
 * ECS derives them again.
 *
 * <p>Tags are not part of a task definition but of the resource, so DescribeTaskDefinition returns them
 * only when asked ({@code include=TAGS}); the copy carries the template's tags (cost allocation, ABAC)
 * beside teal's own, see {@link #tags}.
 */
final class TaskDefinitionCopy {

  /** The error code of a template that has no container of the requested name. */
  static final String CONTAINER_NOT_IN_TEMPLATE = "ContainerNotInTemplate";
  /** ECS: "Maximum number of tags per resource - 50" (RegisterTaskDefinition, tags). */
  static final int MAX_TAGS = 50;

  private TaskDefinitionCopy() {}

  /**
   * The copy's tags: teal's own, then the template's in order while they fit in ECS's 50. Teal's win on a
   * key in both (the template may itself be a copy teal registered, with an older revision's tags). Tags
   * whose key or value begins with {@code aws:} are left out: ECS reserves the prefix ("Do not use aws:,
   * AWS:, or any upper or lowercase combination of such as a prefix for either keys or values as it is
   * reserved for AWS use") and refuses such tags in a request.
   */
  static Map<String, String> tags(List<Tag> templateTags, Map<String, String> own) {
    Map<String, String> out = new LinkedHashMap<>(own);
    for (Tag t : templateTags) {
      String value = Objects.requireNonNullElse(t.value(), "");
      if (out.size() >= MAX_TAGS) {
        break;
      }
      if (!reserved(t.key()) && !reserved(value)) {
        out.putIfAbsent(t.key(), value);
      }
    }
    return out;
  }

  private static boolean reserved(String s) {
    return s != null && s.regionMatches(true, 0, "aws:", 0, 4);
  }

  static RegisterTaskDefinitionRequest withImage(TaskDefinition template, List<Tag> templateTags, String container,
      String image, Map<String, String> ownTags, String operation) {
    return withImages(template, templateTags, Map.of(container, image), ownTags, operation);
  }

  /** The copy with the image of every container in {@code images} replaced; all must be in the template. */
  static RegisterTaskDefinitionRequest withImages(TaskDefinition template, List<Tag> templateTags,
      Map<String, String> images, Map<String, String> ownTags, String operation) {
    Map<String, String> tags = tags(templateTags, ownTags);
    List<String> names = template.containerDefinitions().stream().map(ContainerDefinition::name).toList();
    List<String> missing = images.keySet().stream().filter(c -> !names.contains(c)).sorted().toList();
    if (!missing.isEmpty()) {
      throw new AwsException(operation, CONTAINER_NOT_IN_TEMPLATE, "task definition "
          + template.taskDefinitionArn() + " has no container named " + String.join(", ", missing)
          + " (it has " + names + ")", null);
    }
    List<ContainerDefinition> containers = template.containerDefinitions().stream()
        .map(c -> images.containsKey(c.name()) ? c.toBuilder().image(images.get(c.name())).build() : c)
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
