package dev.teal.aws;

import java.util.Map;

/** A target group as ELB reports it; tags are empty unless they were asked for. */
public record TargetGroupInfo(String arn, String name, int healthCheckIntervalSeconds, Map<String, String> tags) {}
