package dev.teal.aws;

import java.util.Map;

/**
 * The parts of a task definition teal reads: who it is, which image each container runs, and its
 * network mode (which decides the target type of its target groups).
 *
 * @param containerImages container name to image
 * @param networkMode awsvpc, bridge, host or none; null when not known
 */
public record TaskDefinitionInfo(String arn, String family, int revision, Map<String, String> containerImages,
    Map<String, String> tags, String networkMode) {}
