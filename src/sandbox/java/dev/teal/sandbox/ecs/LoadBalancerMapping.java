package dev.teal.sandbox.ecs;

record LoadBalancerMapping(String targetGroupArn, String containerName, Integer containerPort) {
}
