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
 */
public record TaskDefinitionInfo(String arn, String family, int revision, Map<String, String> containerImages,
    Map<String, String> tags, String networkMode, Map<String, Map<String, String>> settings) {

  /** The key of the task-level settings in {@link #settings}. */
  public static final String TASK = "(task)";

  public TaskDefinitionInfo(String arn, String family, int revision, Map<String, String> containerImages,
      Map<String, String> tags, String networkMode) {
    this(arn, family, revision, containerImages, tags, networkMode, Map.of());
  }
}
