package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the deployment should look like. Fields may be null as written; {@link SpecDefaults} fills in
 * the documented defaults before anything acts on a spec.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"cluster", "service", "taskDefinition", "container", "containerPort", "image", "phase",
    "traffic", "network", "strategy"})
public record DeploymentSpec(
    /* ECS cluster name or ARN. */
    String cluster,
    /* ECS service name; its deployment controller must be EXTERNAL. */
    String service,
    /* Task definition family or ARN used as the template for new revisions. */
    String taskDefinition,
    /* The container whose image is replaced and which receives traffic. */
    String container,
    Integer containerPort,
    /* The image green should run; what CI changes. */
    String image,
    DesiredPhase phase,
    TrafficSpec traffic,
    /* awsvpc settings for task sets; only needed when the service has no task set to copy them from. */
    NetworkSpec network,
    StrategySpec strategy) {

  public DeploymentSpec withImage(String newImage) {
    return new DeploymentSpec(cluster, service, taskDefinition, container, containerPort, newImage, phase,
        traffic, network, strategy);
  }

  public DeploymentSpec withPhase(DesiredPhase newPhase) {
    return new DeploymentSpec(cluster, service, taskDefinition, container, containerPort, image, newPhase,
        traffic, network, strategy);
  }
}
