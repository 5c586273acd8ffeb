package dev.teal.reconcile;

/** Condition types and the reasons used in conditions and events, as constants so clients can match them. */
public final class Reasons {

  // Condition types
  /** The desired state of the current spec is reached. {@code teal status --watch} waits for this. */
  public static final String READY = "Ready";
  /** Teal has work in flight (creating, waiting, shifting, cleaning up). */
  public static final String PROGRESSING = "Progressing";
  /** Production forwards only to running revisions teal knows. */
  public static final String AVAILABLE = "Available";
  /** The last attempt was aborted; production is on stable. */
  public static final String DEGRADED = "Degraded";

  // Why teal cannot act (phase Failed)
  public static final String SERVICE_NOT_FOUND = "ServiceNotFound";
  public static final String SERVICE_NOT_EXTERNAL = "ServiceNotExternal";
  public static final String PRODUCTION_ROUTE_NOT_FOUND = "ProductionRouteNotFound";
  public static final String TEST_ROUTE_NOT_FOUND = "TestRouteNotFound";
  public static final String PRODUCTION_NOT_ON_STABLE = "ProductionNotOnPrimaryTaskSet";
  public static final String TARGET_GROUP_NAME_TAKEN = "TargetGroupNameTaken";
  public static final String NETWORK_UNKNOWN = "NetworkConfigurationUnknown";
  public static final String NETWORK_MODE_UNSUPPORTED = "NetworkModeUnsupported";
  public static final String ROUTES_ON_DIFFERENT_LOAD_BALANCERS = "RoutesOnDifferentLoadBalancers";
  public static final String TASK_DEFINITION_NOT_FOUND = "TaskDefinitionNotFound";
  public static final String CONTAINER_NOT_FOUND = "ContainerNotFound";
  public static final String NO_ROLLBACK_TARGET = "NothingToRollBackTo";
  public static final String AWS_REJECTED = "AwsRejectedRequest";
  public static final String INVALID_SPEC = "InvalidSpec";
  /** An alarm of {@code spec.strategy.gates.alarms} does not exist (or no CloudWatch client is configured). */
  public static final String ALARM_NOT_FOUND = "AlarmNotFound";
  /** The service or a route is claimed by another deployment whose document still names it. */
  public static final String CLAIMED_BY_ANOTHER_DEPLOYMENT = "ClaimedByAnotherDeployment";
  /** A route teal has not claimed yet forwards to target groups that serve something other than the service. */
  public static final String ROUTE_SERVES_ANOTHER_SERVICE = "RouteServesAnotherService";
  /** DynamoDB refused the status for the item's size (a spec written around the CLI can fill the item). */
  public static final String STATUS_TOO_LARGE = "StatusTooLarge";

  // Why an attempt was aborted (phase Degraded)
  public static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
  public static final String UNHEALTHY_DURING_PROMOTION = "UnhealthyDuringPromotion";
  /** An alarm of {@code spec.strategy.gates.alarms} was in ALARM while green was in flight. */
  public static final String ALARM_GATE_FAILED = "AlarmGateFailed";
  /** A metric gate of {@code spec.strategy.gates.metrics} failed as many windows as its failureLimit. */
  public static final String METRIC_GATE_FAILED = "MetricGateFailed";
  /** Green's tasks failed {@code spec.strategy.failFast.stoppedTasks} times while it was brought up. */
  public static final String TASKS_KEEP_FAILING = "TasksKeepFailing";
  /** Green's targets were unhealthy for {@code spec.strategy.failFast.unhealthyChecks} consecutive checks. */
  public static final String TARGETS_UNHEALTHY = "TargetsUnhealthy";
  public static final String ANALYSIS_FAILED = "AnalysisFailed";

  // Progress
  public static final String ADOPTING = "Adopting";
  public static final String CREATING_RESOURCES = "CreatingResources";
  public static final String WAITING_FOR_HEALTHY = "WaitingForHealthyTargets";
  public static final String WAITING_FOR_TASK_SET_SLOT = "WaitingForTaskSetSlot";
  public static final String ANALYSING = "Analysing";
  public static final String AWAITING_PROMOTION = "AwaitingPromotion";
  public static final String SHIFTING_TRAFFIC = "ShiftingTraffic";
  /** Production is at 100% green and bakes ({@code spec.strategy.bake}) before green is made primary. */
  public static final String BAKING = "Baking";
  public static final String SCALE_DOWN_PENDING = "ScaleDownPending";
  public static final String CLEANING_UP = "CleaningUp";
  public static final String ROLLING_BACK = "RollingBack";
  /** An action was answered as if teal's previous change had not happened yet; retried soon. */
  public static final String AWS_NOT_YET_CONSISTENT = "AwsNotYetConsistent";
  public static final String COMPLETE = "Complete";
  /** Green was given up: a gate's event, and the Degraded reason of {@code teal abort}. */
  public static final String ABORTED = "Aborted";
  /** {@code teal pause}, or a step's indefinite pause, holds production where it is. */
  public static final String PAUSED = "Paused";

  // Events only
  public static final String ADOPTED = "Adopted";
  public static final String DEPLOYING = "Deploying";
  public static final String TASK_DEFINITION_REGISTERED = "TaskDefinitionRegistered";
  public static final String TARGET_GROUP_CREATED = "TargetGroupCreated";
  public static final String TASK_SET_CREATED = "TaskSetCreated";
  public static final String TASK_SET_SCALED = "TaskSetScaled";
  public static final String GREEN_READY = "GreenReady";
  public static final String TEST_TRAFFIC_SHIFTED = "TestTrafficShifted";
  public static final String PRODUCTION_TRAFFIC_SHIFTED = "ProductionTrafficShifted";
  public static final String PROMOTION_PAUSED = "PromotionPaused";
  public static final String PROMOTED = "Promoted";
  public static final String ROLLED_BACK = "RolledBack";
  public static final String SUPERSEDED = "Superseded";
  public static final String ROUTE_RESTORED = "RouteRestored";
  public static final String SCALED_DOWN = "ScaledDown";
  public static final String CLEANED_UP = "CleanedUp";
  public static final String ORPHAN_FOUND = "OrphanFound";
  public static final String STABLE_LOST = "StableTaskSetLost";
  public static final String ANALYSIS_PASSED = "AnalysisPassed";
  /** A lifecycle hook is running ({@link Hooks}). */
  public static final String RUNNING_HOOK = "RunningHook";
  /** A lifecycle hook passed. */
  public static final String HOOK_PASSED = "HookPassed";
  /** A lifecycle hook failed, timed out or could not be called: green is aborted. */
  public static final String HOOK_FAILED = "HookFailed";
  /** teal suspended the service's dynamic scale-in for the deployment in flight. */
  public static final String SCALE_IN_SUSPENDED = "ScaleInSuspended";
  /** teal put the service's dynamic scale-in back as it was before the deployment. */
  public static final String SCALE_IN_RESTORED = "ScaleInRestored";
  public static final String RESUMED = "Resumed";
  public static final String FULL_PROMOTION = "FullPromotion";

  private Reasons() {}
}
