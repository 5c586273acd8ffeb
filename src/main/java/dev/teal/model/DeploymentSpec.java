package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the deployment should look like. Fields may be null as written; {@code
 * dev.teal.document.SpecDefaults} fills in the documented defaults before anything acts on a spec, and
 * {@code dev.teal.document.DocumentValidator} states the rules each field must satisfy.
 *
 * @param cluster ECS cluster name or ARN
 * @param service ECS service name; its deployment controller must be EXTERNAL
 * @param taskDefinition task definition family or ARN used as the template for new revisions
 * @param container the container whose image is replaced and which receives traffic
 * @param containerPort the port of {@code container} the target groups forward to
 * @param image the image green should run; what CI changes
 * @param phase what operators flip: preview, promote or rollback (default preview)
 * @param traffic the production and test routes and the target groups teal creates
 * @param network awsvpc settings for task sets; only needed when the service has no task set to copy
 *     them from
 * @param strategy how green is brought up, gated and promoted
 * @param notifications who else hears about this deployment's transitions (webhooks the operator has
 *     configured, by name); the operator-wide sinks hear about every deployment anyway
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"cluster", "service", "taskDefinition", "container", "containerPort", "image", "phase",
    "traffic", "network", "strategy", "notifications"})
public record DeploymentSpec(
    String cluster,
    String service,
    String taskDefinition,
    String container,
    Integer containerPort,
    String image,
    DesiredPhase phase,
    TrafficSpec traffic,
    NetworkSpec network,
    StrategySpec strategy,
    NotificationSpec notifications) {

  /** A spec without {@code notifications}: the form every spec had before it existed. */
  public DeploymentSpec(String cluster, String service, String taskDefinition, String container,
      Integer containerPort, String image, DesiredPhase phase, TrafficSpec traffic, NetworkSpec network,
      StrategySpec strategy) {
    this(cluster, service, taskDefinition, container, containerPort, image, phase, traffic, network, strategy, null);
  }

  public DeploymentSpec withImage(String newImage) {
    return new DeploymentSpec(cluster, service, taskDefinition, container, containerPort, newImage, phase,
        traffic, network, strategy, notifications);
  }

  public DeploymentSpec withPhase(DesiredPhase newPhase) {
    return new DeploymentSpec(cluster, service, taskDefinition, container, containerPort, image, newPhase,
        traffic, network, strategy, notifications);
  }

  public DeploymentSpec withTraffic(TrafficSpec newTraffic) {
    return new DeploymentSpec(cluster, service, taskDefinition, container, containerPort, image, phase,
        newTraffic, network, strategy, notifications);
  }

  public DeploymentSpec withStrategy(StrategySpec newStrategy) {
    return new DeploymentSpec(cluster, service, taskDefinition, container, containerPort, image, phase,
        traffic, network, newStrategy, notifications);
  }

  public DeploymentSpec withNotifications(NotificationSpec newNotifications) {
    return new DeploymentSpec(cluster, service, taskDefinition, container, containerPort, image, phase,
        traffic, network, strategy, newNotifications);
  }
}
