package dev.teal.sandbox;

/**
 * One of the demo world's services beside {@code web}, in the demo cluster behind rules of the demo
 * load balancer's production and test listeners.
 *
 * @param path the path pattern both rules match, e.g. {@code /spot*}
 */
public record DemoService(
    String service,
    String taskDefinitionFamily,
    String taskDefinitionArn,
    String containerName,
    int containerPort,
    String image,
    String targetGroupName,
    String targetGroupArn,
    String productionRuleArn,
    String testRuleArn,
    String path,
    String taskSetArn) {
}
