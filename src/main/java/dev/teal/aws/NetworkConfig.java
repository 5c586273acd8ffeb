package dev.teal.aws;

import java.util.List;

/** awsvpc settings and launch type of a task set, copied onto the next one. */
public record NetworkConfig(
    String launchType, List<String> subnets, List<String> securityGroups, boolean assignPublicIp,
    String platformVersion) {}
