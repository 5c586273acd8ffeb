package dev.teal.aws;

/** One entry of a weighted forward action. */
public record WeightedTarget(String targetGroupArn, int weight) {}
