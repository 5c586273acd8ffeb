package dev.teal.aws;

import java.util.Map;

/**
 * The parts of a task definition teal reads: who it is, which image each container runs, and its
 * network mode (which decides the target type of its target groups).
 *
 * @param containerImages container name to image
 * @param networkMode awsvpc, bridge, host or none; null when not known
 * @param settings a fingerprint of every setting, by container name (and {@link #TASK} for the task's
 *     own: size, roles, volumes...), then by setting name (environment, secrets, cpu...); the image is not
 *     among them. Two definitions differ in a setting exactly when its fingerprints differ. Empty when
 *     not read.
 * @param essentialContainers the containers marked essential (ECS's default when a definition does not say);
 *     empty when not read, and then every container counts as essential
 */
public record TaskDefinitionInfo(String arn, String family, int revision, Map<String, String> containerImages,
    Map<String, String> tags, String networkMode, Map<String, Map<String, String>> settings,
    java.util.Set<String> essentialContainers) {

  public TaskDefinitionInfo {
    essentialContainers = essentialContainers == null ? java.util.Set.of() : java.util.Set.copyOf(essentialContainers);
  }

  public TaskDefinitionInfo(String arn, String family, int revision, Map<String, String> containerImages,
      Map<String, String> tags, String networkMode, Map<String, Map<String, String>> settings) {
    this(arn, family, revision, containerImages, tags, networkMode, settings, java.util.Set.of());
  }

  /** Whether container {@code name} is essential (every container is, when that was not read). */
  public boolean essential(String name) {
    return essentialContainers.isEmpty() || essentialContainers.contains(name);
  }

  /** The key of the task-level settings in {@link #settings}. */
  public static final String TASK = "(task)";

  public TaskDefinitionInfo(String arn, String family, int revision, Map<String, String> containerImages,
      Map<String, String> tags, String networkMode) {
    this(arn, family, revision, containerImages, tags, networkMode, Map.of());
  }
}
