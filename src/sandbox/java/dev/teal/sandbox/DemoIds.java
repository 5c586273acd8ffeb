package dev.teal.sandbox;

import java.util.List;

/** Identifiers of the seeded demo world, as teal's tests and dev mode need them. */
public record DemoIds(
    String cluster,
    String clusterArn,
    String service,
    String serviceArn,
    String vpcId,
    List<String> subnets,
    String securityGroup,
    String loadBalancerName,
    String loadBalancerArn,
    String targetGroupName,
    String targetGroupArn,
    String productionListenerArn,
    String testListenerArn,
    String productionRuleArn,
    String testRuleArn,
    String taskDefinitionFamily,
    String taskDefinitionArn,
    String containerName,
    int containerPort,
    String image,
    String taskSetArn) {
}
