package dev.teal.aws;

import java.util.Optional;

/**
 * The Application Auto Scaling operations teal uses: finding a service's scalable target and suspending
 * or restoring its dynamic scale-in while an EXTERNAL deployment is in flight. Implementations translate
 * SDK errors into {@link AwsException}s.
 */
public interface ApplicationAutoScaling {

  /** For services without Application Auto Scaling (and wiring that has no client): never a target. */
  ApplicationAutoScaling NONE = new ApplicationAutoScaling() {
    @Override
    public Optional<ScalableTarget> describeServiceTarget(String cluster, String service) {
      return Optional.empty();
    }

    @Override
    public void setSuspendedState(ScalableTarget target, SuspendedState state) {
      throw new IllegalStateException("no Application Auto Scaling client is configured");
    }
  };

  /**
   * DescribeScalableTargets for the service's {@code ecs:service:DesiredCount}; empty when the service has
   * no scalable target (it does not auto scale).
   */
  Optional<ScalableTarget> describeServiceTarget(String cluster, String service);

  /**
   * RegisterScalableTarget on the existing target with only {@code SuspendedState} set: capacity and
   * policies stay as they are. All three members are sent, so nothing teal does not mean to change moves.
   */
  void setSuspendedState(ScalableTarget target, SuspendedState state);

  /** What is suspended on a scalable target; AWS's default is nothing. */
  record SuspendedState(boolean dynamicScalingIn, boolean dynamicScalingOut, boolean scheduledScaling) {

    public SuspendedState withDynamicScalingIn(boolean suspended) {
      return new SuspendedState(suspended, dynamicScalingOut, scheduledScaling);
    }
  }

  /**
   * A service's scalable target.
   *
   * @param resourceId {@code service/CLUSTER/SERVICE}
   */
  record ScalableTarget(String resourceId, int minCapacity, int maxCapacity, SuspendedState suspended) {}
}
