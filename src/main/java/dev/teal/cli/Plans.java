package dev.teal.cli;

import dev.teal.document.SpecDefaults;
import dev.teal.document.SpecHash;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.reconcile.PlanPreview;
import java.time.Duration;

/**
 * {@code teal plan}, {@code teal diff} and {@code apply --dry-run} ask {@link PlanPreview} (the operator's
 * own planner and observer, read only) what the operator would do for a spec.
 */
final class Plans {

  /** The operator's default poll interval while it waits for tasks or health ({@code teal.requeue.poll-interval}). */
  static final Duration OPERATOR_POLL = Duration.ofSeconds(5);

  private Plans() {}

  static PlanPreview preview(TealCli root) {
    return new PlanPreview(root.environment().ecs(), root.environment().elb(), root.environment().autoScaling(),
        OPERATOR_POLL, root.store()::get);
  }

  /**
   * @param written the spec as written (defaults are applied here)
   * @param status the status as the operator last wrote it; null for a deployment it has not seen
   */
  static PlanPreview.Result plan(TealCli root, String name, long generation, DeploymentSpec written,
      DeploymentStatus status) {
    return preview(root).preview(name, generation, SpecHash.of(written), SpecDefaults.apply(written),
        status == null ? DeploymentStatus.empty() : status, root.environment().clock().instant());
  }
}
