package dev.teal.sandbox;

/**
 * What the demo world has for teal's gates: a CloudWatch alarm on the demo load balancer's target 5xx count, and a
 * test-runner task definition for ECS-task hooks.
 */
public record DemoGates(
    String alarmName,
    String alarmArn,
    String testTaskFamily,
    String testTaskDefinitionArn,
    String testContainer) {
}
