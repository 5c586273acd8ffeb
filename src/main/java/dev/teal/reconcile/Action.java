package dev.teal.reconcile;

import dev.teal.aws.ApplicationAutoScaling.ScalableTarget;
import dev.teal.aws.EcsGateway;
import dev.teal.aws.Placement;
import dev.teal.aws.RouteRef;
import dev.teal.aws.TargetGroupSettings;
import dev.teal.aws.WeightedTarget;
import dev.teal.model.AnalysisStatus;
import dev.teal.model.HttpAnalysisSpec;
import java.util.List;
import java.util.Map;

/**
 * One thing the planner wants done in AWS. The planner emits an action only when its effect is not
 * already in place, so executing the same plan twice changes nothing the second time.
 */
public sealed interface Action {

  /** The revision the action is for (for logs, metrics and events). */
  String revision();

  /** Whether the action changes AWS (analysis only reads). */
  default boolean mutating() {
    return true;
  }

  /**
   * Claims the ECS service for {@code revision}'s deployment with teal's tags (TagResource), before any
   * other write. Tags only while the service still carries the claim the planner saw ({@code replacing}:
   * none, or the void claim of a deleted document), checked again with the tagging under one lock, so two
   * documents cannot both claim it.
   *
   * @param revision the deployment's name (a claim is not a revision's)
   */
  record ClaimService(String revision, String cluster, String service, String serviceArn, Map<String, String> tags,
      String replacing) implements Action {}

  /** As {@link ClaimService}, for the production or test route (AddTags on the rule or listener). */
  record ClaimRoute(String revision, String routeName, RouteRef route, Map<String, String> tags, String replacing)
      implements Action {}

  /** Takes over a task set teal did not create, by tagging it, so it can later scale it down. */
  record AdoptTaskSet(String revision, String taskSetArn, Map<String, String> tags) implements Action {}

  /**
   * Registers a copy of the template task definition with the containers' images replaced.
   *
   * @param images every container whose image is replaced, {@code container} among them
   */
  record RegisterTaskDefinition(String revision, String template, String container, String image,
      Map<String, String> tags, Map<String, String> images) implements Action {

    public RegisterTaskDefinition(String revision, String template, String container, String image,
        Map<String, String> tags) {
      this(revision, template, container, image, tags, Map.of(container, image));
    }
  }

  record CreateTargetGroup(String revision, String name, TargetGroupSettings settings, Map<String, String> tags)
      implements Action {}

  /** Sets a found target group's deregistration delay to the spec's (a create may have stopped before it). */
  record ConfigureTargetGroup(String revision, String targetGroupArn, int deregistrationDelaySeconds)
      implements Action {}

  record CreateTaskSet(String revision, String cluster, String service, String taskDefinitionArn,
      String targetGroupArn, String container, int containerPort, double scalePercent, Placement placement,
      Map<String, String> tags, String clientToken) implements Action {

    EcsGateway.CreateTaskSet request() {
      return new EcsGateway.CreateTaskSet(cluster, service, revision, clientToken, taskDefinitionArn,
          targetGroupArn, container, containerPort, scalePercent, placement, tags);
    }
  }

  record ScaleTaskSet(String revision, String cluster, String service, String taskSetArn, double percent)
      implements Action {}

  /**
   * Sets a route's forward action to exactly {@code targets}.
   *
   * @param routeName "production" or "test"
   */
  record SetRoute(String revision, String routeName, RouteRef route, List<WeightedTarget> targets)
      implements Action {}

  record MakePrimary(String revision, String cluster, String service, String taskSetArn) implements Action {}

  record DeleteTaskSet(String revision, String cluster, String service, String taskSetArn) implements Action {}

  record DeleteTargetGroup(String revision, String targetGroupArn) implements Action {}

  /**
   * Suspends or restores the dynamic scale-in of the service's scalable target, leaving the rest of its
   * suspended state as it is.
   */
  record SetScaleInSuspended(String revision, ScalableTarget target, boolean suspended) implements Action {}

  /**
   * Starts (or looks in on) the analysis through the test route's listener; the requests run off the
   * reconcile, so this never waits for them.
   *
   * @param deployment whose analysis it is
   * @param resumeFrom the progress on record when a run is under way, so an operator that takes over
   *     resumes it; null to start afresh
   */
  record RunAnalysis(String revision, String stage, RouteRef testRoute, HttpAnalysisSpec spec, String deployment,
      AnalysisStatus resumeFrom) implements Action {
    @Override
    public boolean mutating() {
      return false;
    }
  }

  /**
   * Starts (or looks in on) a lifecycle hook. Its record, with the idempotency key, is in the status written
   * before this runs, so a restart finds the call made rather than making a second one. Webhooks and Lambda
   * invocations run off the reconcile; an ECS task is started here and then only described.
   */
  record RunHook(String revision, HookRunner.Request request) implements Action {
    /**
     * Every kind acts on the world (a task runs, a function or a webhook receiver does work), so the gate
     * (lease, rate) is asked first, as for any other change: an instance that may have lost its lease calls none.
     */
    @Override
    public boolean mutating() {
      return true;
    }
  }
}
