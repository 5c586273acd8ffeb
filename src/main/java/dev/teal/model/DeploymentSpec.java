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
 * @param image the image of {@code container} green should run; what CI changes. May be omitted when
 *     {@code images} names {@code container}
 * @param images container name to image, for every container whose image teal sets (sidecars move
 *     together with {@code container}); {@code image} is the short form for {@code container} alone
 * @param phase what operators flip: preview, promote or rollback (default preview)
 * @param traffic the production and test routes and the target groups teal creates
 * @param network awsvpc settings for task sets; only needed when the service has no task set to copy
 *     them from
 * @param strategy how green is brought up, gated and promoted
 * @param control requests for the rollout in flight: pause, resume, abort, retry, full promotion
 * @param notifications who else hears about this deployment's transitions (webhooks the operator has
 *     configured, by name); the operator-wide sinks hear about every deployment anyway
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"cluster", "service", "taskDefinition", "container", "containerPort", "image", "images",
    "phase", "traffic", "network", "strategy", "control", "notifications"})
public record DeploymentSpec(
    String cluster,
    String service,
    String taskDefinition,
    String container,
    Integer containerPort,
    String image,
    java.util.Map<String, String> images,
    DesiredPhase phase,
    TrafficSpec traffic,
    NetworkSpec network,
    StrategySpec strategy,
    ControlSpec control,
    NotificationSpec notifications) {

  /** The one-container form, without {@code images}, {@code control} and {@code notifications}. */
  public DeploymentSpec(String cluster, String service, String taskDefinition, String container,
      Integer containerPort, String image, DesiredPhase phase, TrafficSpec traffic, NetworkSpec network,
      StrategySpec strategy) {
    this(cluster, service, taskDefinition, container, containerPort, image, null, phase, traffic, network, strategy,
        null, null);
  }

  /** Every container whose image teal sets, {@code container} first: {@code images} plus {@code image}. */
  public java.util.Map<String, String> containerImages() {
    var all = new java.util.LinkedHashMap<String, String>();
    if (container != null && image != null) {
      all.put(container, image);
    }
    if (images != null) {
      images.forEach(all::putIfAbsent);
    }
    return java.util.Collections.unmodifiableMap(all);
  }

  /** The control requests, never null. */
  public ControlSpec controlOrNone() {
    return control == null ? ControlSpec.NONE : control;
  }

  public DeploymentSpec withImages(java.util.Map<String, String> newImages) {
    return new DeploymentSpec(cluster, service, taskDefinition, container, containerPort, image, newImages, phase,
        traffic, network, strategy, control, notifications);
  }

  public DeploymentSpec withTaskDefinition(String newTaskDefinition) {
    return new DeploymentSpec(cluster, service, newTaskDefinition, container, containerPort, image, images, phase,
        traffic, network, strategy, control, notifications);
  }

  /** With {@code newControl}; an empty control block is dropped. */
  public DeploymentSpec withControl(ControlSpec newControl) {
    return new DeploymentSpec(cluster, service, taskDefinition, container, containerPort, image, images, phase,
        traffic, network, strategy, newControl == null || newControl.isEmpty() ? null : newControl, notifications);
  }

  public DeploymentSpec withImage(String newImage) {
    return new DeploymentSpec(cluster, service, taskDefinition, container, containerPort, newImage, images, phase,
        traffic, network, strategy, control, notifications);
  }

  public DeploymentSpec withPhase(DesiredPhase newPhase) {
    return new DeploymentSpec(cluster, service, taskDefinition, container, containerPort, image, images, newPhase,
        traffic, network, strategy, control, notifications);
  }

  public DeploymentSpec withTraffic(TrafficSpec newTraffic) {
    return new DeploymentSpec(cluster, service, taskDefinition, container, containerPort, image, images, phase,
        newTraffic, network, strategy, control, notifications);
  }

  public DeploymentSpec withStrategy(StrategySpec newStrategy) {
    return new DeploymentSpec(cluster, service, taskDefinition, container, containerPort, image, images, phase,
        traffic, network, newStrategy, control, notifications);
  }

  public DeploymentSpec withNotifications(NotificationSpec newNotifications) {
    return new DeploymentSpec(cluster, service, taskDefinition, container, containerPort, image, images, phase,
        traffic, network, strategy, control, newNotifications);
  }
}
