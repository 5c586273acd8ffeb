package dev.teal.aws;

import java.util.Map;

/**
 * The parts of a task definition teal reads: who it is and which image each container runs.
 *
 * @param containerImages container name to image
 */
public record TaskDefinitionInfo(String arn, String family, int revision, Map<String, String> containerImages,
    Map<String, String> tags) {}
