package dev.teal.aws.sdk;

import static dev.teal.aws.sdk.AwsErrors.call;
import static dev.teal.aws.sdk.AwsErrors.run;

import dev.teal.aws.ApplicationAutoScaling;
import dev.teal.aws.MutatingCallFence;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/** {@link ApplicationAutoScaling} over the SDK's {@link ApplicationAutoScalingClient}. */
public final class SdkApplicationAutoScaling implements ApplicationAutoScaling {

  private final ApplicationAutoScalingClient client;
  private final FencedRequests fenced;

  /** A gateway whose RegisterScalableTarget is not fenced (the CLI, which only reads; single-reconciler tests). */
  public SdkApplicationAutoScaling(ApplicationAutoScalingClient client) {
    this(client, MutatingCallFence.NONE);
  }

  /** @param fence asked when each mutating call starts and before each of its attempts is sent */
  public SdkApplicationAutoScaling(ApplicationAutoScalingClient client, MutatingCallFence fence) {
    this.client = client;
    this.fenced = new FencedRequests(fence);
  }

  /** An ECS service's resource id in Application Auto Scaling: {@code service/CLUSTER/SERVICE}. */
  static String resourceId(String cluster, String service) {
    return "service/" + lastSegment(cluster) + "/" + lastSegment(service);
  }

  private static String lastSegment(String nameOrArn) {
    return nameOrArn.startsWith("arn:") ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
  }

  @Override
  public Optional<ScalableTarget> describeServiceTarget(String cluster, String service) {
    String resourceId = resourceId(cluster, service);
    var response = call("application-autoscaling:DescribeScalableTargets", () -> client.describeScalableTargets(r -> r
        .serviceNamespace(ServiceNamespace.ECS).resourceIds(resourceId)
        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)));
    return response.scalableTargets().stream().filter(t -> resourceId.equals(t.resourceId())).findFirst()
        .map(t -> new ScalableTarget(t.resourceId(), t.minCapacity(), t.maxCapacity(), t.suspendedState() == null
            ? new SuspendedState(false, false, false)
            : new SuspendedState(Boolean.TRUE.equals(t.suspendedState().dynamicScalingInSuspended()),
                Boolean.TRUE.equals(t.suspendedState().dynamicScalingOutSuspended()),
                Boolean.TRUE.equals(t.suspendedState().scheduledScalingSuspended()))));
  }

  @Override
  public void setSuspendedState(ScalableTarget target, SuspendedState state) {
    run("application-autoscaling:RegisterScalableTarget", () -> client.registerScalableTarget(r -> r
        .serviceNamespace(ServiceNamespace.ECS).resourceId(target.resourceId())
        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
        .suspendedState(s -> s.dynamicScalingInSuspended(state.dynamicScalingIn())
            .dynamicScalingOutSuspended(state.dynamicScalingOut())
            .scheduledScalingSuspended(state.scheduledScaling()))
        .overrideConfiguration(fenced.mutating("application-autoscaling:RegisterScalableTarget"))));
  }
}
