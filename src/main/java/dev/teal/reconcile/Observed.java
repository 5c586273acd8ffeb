package dev.teal.reconcile;

import dev.teal.aws.ApplicationAutoScaling.ScalableTarget;
import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTask;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.MetricsGateway.AlarmInfo;
import dev.teal.aws.RouteRef;
import dev.teal.aws.RouteState;
import dev.teal.aws.TargetGroupInfo;
import dev.teal.aws.TargetHealthCounts;
import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.model.AnalysisStatus;
import dev.teal.model.HookStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;

/**
 * What one reconcile saw of the world. Immutable; the reconcile loop derives the next snapshot from
 * an action's known effect instead of describing everything again.
 *
 * @param service the ECS service, or null when it does not exist or is INACTIVE
 * @param routes forward actions of the production and test routes; a missing route is absent
 * @param targetGroups target groups teal looked up by name (with tags), keyed by name
 * @param missingTargetGroups names looked up and not found, or deleted by this reconcile; a name in
 *     neither map was not looked up, so nothing is known of it
 * @param health target health by target group ARN, for the groups whose health matters now
 * @param taskDefinitions task definitions by ARN, or by revision id for the ones found by tag
 * @param analysis an analysis run by this reconcile, not yet folded into the status
 * @param template the task definition revision a followed family ({@code spec.taskDefinition} without a
 *     revision) resolves to: its newest ACTIVE revision, or the template that revision was copied from
 *     when teal registered it; null when the spec pins a revision or the family was not read
 * @param tags tags read for claims, by ARN: the routes this deployment has not claimed yet and the target
 *     groups they forward to (a resource absent here was not read)
 * @param liveClaimants other deployments whose claim seen here still holds: their document exists and
 *     names the same service or one of the same routes (a claim of a deleted document is void)
 * @param scalableTarget the service's Application Auto Scaling target; null when it has none, or when it
 *     was not looked up (no deployment in flight and no scale-in suspension on record)
 * @param alarms the alarms of {@code spec.strategy.gates.alarms} CloudWatch knows, by name; null when they were
 *     not read (no deployment in flight, or no alarm gate). A name absent from a map that was read has no alarm
 * @param greenStoppedTasks green's stopped tasks as ECS describes them (stopped reasons), for fail fast; null when
 *     not read (green is not being brought up, or all its tasks run)
 * @param metricReadings what CloudWatch reported for the metric gates whose window is due ({@link MetricQueries});
 *     null when nothing was read (no gate due, or green serves no production)
 * @param hook a lifecycle hook looked in on by this reconcile ({@link Action.RunHook}), not yet folded into the
 *     status
 */
public record Observed(
    EcsService service,
    Map<RouteRef, RouteState> routes,
    Map<String, TargetGroupInfo> targetGroups,
    Set<String> missingTargetGroups,
    Map<String, TargetHealthCounts> health,
    Map<String, TaskDefinitionInfo> taskDefinitions,
    AnalysisStatus analysis,
    TaskDefinitionInfo template,
    Map<String, Map<String, String>> tags,
    Set<String> liveClaimants,
    ScalableTarget scalableTarget,
    Map<String, AlarmInfo> alarms,
    List<EcsTask> greenStoppedTasks,
    List<MetricReading> metricReadings,
    HookStatus hook) {

  /** An observation without metric gate readings or a hook looked in on. */
  public Observed(EcsService service, Map<RouteRef, RouteState> routes, Map<String, TargetGroupInfo> targetGroups,
      Set<String> missingTargetGroups, Map<String, TargetHealthCounts> health,
      Map<String, TaskDefinitionInfo> taskDefinitions, AnalysisStatus analysis, TaskDefinitionInfo template,
      Map<String, Map<String, String>> tags, Set<String> liveClaimants, ScalableTarget scalableTarget,
      Map<String, AlarmInfo> alarms, List<EcsTask> greenStoppedTasks) {
    this(service, routes, targetGroups, missingTargetGroups, health, taskDefinitions, analysis, template, tags,
        liveClaimants, scalableTarget, alarms, greenStoppedTasks, null, null);
  }

  /** An observation without the gates' reads (alarms, green's stopped tasks). */
  public Observed(EcsService service, Map<RouteRef, RouteState> routes, Map<String, TargetGroupInfo> targetGroups,
      Set<String> missingTargetGroups, Map<String, TargetHealthCounts> health,
      Map<String, TaskDefinitionInfo> taskDefinitions, AnalysisStatus analysis, TaskDefinitionInfo template,
      Map<String, Map<String, String>> tags, Set<String> liveClaimants, ScalableTarget scalableTarget) {
    this(service, routes, targetGroups, missingTargetGroups, health, taskDefinitions, analysis, template, tags,
        liveClaimants, scalableTarget, null, null);
  }

  /** An observation without claim tags read. */
  public Observed(EcsService service, Map<RouteRef, RouteState> routes, Map<String, TargetGroupInfo> targetGroups,
      Set<String> missingTargetGroups, Map<String, TargetHealthCounts> health,
      Map<String, TaskDefinitionInfo> taskDefinitions, AnalysisStatus analysis, TaskDefinitionInfo template,
      ScalableTarget scalableTarget) {
    this(service, routes, targetGroups, missingTargetGroups, health, taskDefinitions, analysis, template, Map.of(),
        Set.of(), scalableTarget);
  }

  /** An observation without a scalable target looked up. */
  public Observed(EcsService service, Map<RouteRef, RouteState> routes, Map<String, TargetGroupInfo> targetGroups,
      Set<String> missingTargetGroups, Map<String, TargetHealthCounts> health,
      Map<String, TaskDefinitionInfo> taskDefinitions, AnalysisStatus analysis, TaskDefinitionInfo template,
      Map<String, Map<String, String>> tags, Set<String> liveClaimants) {
    this(service, routes, targetGroups, missingTargetGroups, health, taskDefinitions, analysis, template, tags,
        liveClaimants, null);
  }

  /** An observation without claim tags read or a scalable target looked up. */
  public Observed(EcsService service, Map<RouteRef, RouteState> routes, Map<String, TargetGroupInfo> targetGroups,
      Set<String> missingTargetGroups, Map<String, TargetHealthCounts> health,
      Map<String, TaskDefinitionInfo> taskDefinitions, AnalysisStatus analysis, TaskDefinitionInfo template) {
    this(service, routes, targetGroups, missingTargetGroups, health, taskDefinitions, analysis, template,
        (ScalableTarget) null);
  }

  /** An observation without a template or claim tags read. */
  public Observed(EcsService service, Map<RouteRef, RouteState> routes, Map<String, TargetGroupInfo> targetGroups,
      Set<String> missingTargetGroups, Map<String, TargetHealthCounts> health,
      Map<String, TaskDefinitionInfo> taskDefinitions, AnalysisStatus analysis) {
    this(service, routes, targetGroups, missingTargetGroups, health, taskDefinitions, analysis, null,
        (ScalableTarget) null);
  }

  /** The template's ARN, or null. */
  public String templateArn() {
    return template == null ? null : template.arn();
  }

  public Observed withTemplate(TaskDefinitionInfo resolved) {
    return new Observed(service, routes, targetGroups, missingTargetGroups, health, taskDefinitions, analysis, resolved,
        tags, liveClaimants, scalableTarget, alarms, greenStoppedTasks, metricReadings, hook);
  }

  public Observed {
    routes = Map.copyOf(routes);
    targetGroups = Map.copyOf(targetGroups);
    missingTargetGroups = Set.copyOf(missingTargetGroups);
    health = Map.copyOf(health);
    taskDefinitions = Map.copyOf(taskDefinitions);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    liveClaimants = liveClaimants == null ? Set.of() : Set.copyOf(liveClaimants);
    alarms = alarms == null ? null : Map.copyOf(alarms);
    greenStoppedTasks = greenStoppedTasks == null ? null : List.copyOf(greenStoppedTasks);
    metricReadings = metricReadings == null ? null : List.copyOf(metricReadings);
  }

  /** The tags read of {@code arn}, if they were read. */
  public Optional<Map<String, String>> tagsOf(String arn) {
    return Optional.ofNullable(tags.get(arn));
  }

  public Observed withTags(String arn, Map<String, String> resourceTags) {
    var copy = new HashMap<>(tags);
    copy.put(arn, resourceTags);
    return new Observed(service, routes, targetGroups, missingTargetGroups, health, taskDefinitions, analysis, template,
        copy, liveClaimants, scalableTarget, alarms, greenStoppedTasks, metricReadings, hook);
  }

  public Observed withLiveClaimants(Set<String> claimants) {
    return new Observed(service, routes, targetGroups, missingTargetGroups, health, taskDefinitions, analysis, template,
        tags, claimants, scalableTarget, alarms, greenStoppedTasks, metricReadings, hook);
  }

  public Optional<RouteState> route(RouteRef ref) {
    return Optional.ofNullable(routes.get(ref));
  }

  public Optional<TargetGroupInfo> targetGroupNamed(String name) {
    return Optional.ofNullable(targetGroups.get(name));
  }

  public TargetHealthCounts healthOf(String targetGroupArn) {
    return targetGroupArn == null ? TargetHealthCounts.NONE : health.getOrDefault(targetGroupArn, TargetHealthCounts.NONE);
  }

  public List<EcsTaskSet> taskSets() {
    return service == null ? List.of() : service.taskSets();
  }

  public Optional<EcsTaskSet> taskSet(String arn) {
    return service == null ? Optional.empty() : service.taskSet(arn);
  }

  public Observed withService(EcsService newService) {
    return new Observed(newService, routes, targetGroups, missingTargetGroups, health, taskDefinitions, analysis,
        template, tags, liveClaimants, scalableTarget, alarms, greenStoppedTasks, metricReadings, hook);
  }

  public Observed withRoute(RouteState state) {
    var copy = new HashMap<>(routes);
    copy.put(state.route(), state);
    return new Observed(service, copy, targetGroups, missingTargetGroups, health, taskDefinitions, analysis, template,
        tags, liveClaimants, scalableTarget, alarms, greenStoppedTasks, metricReadings, hook);
  }

  public Observed withTargetGroup(TargetGroupInfo group, TargetHealthCounts groupHealth) {
    var groups = new HashMap<>(targetGroups);
    groups.put(group.name(), group);
    var missing = new HashSet<>(missingTargetGroups);
    missing.remove(group.name());
    var healthCopy = new HashMap<>(health);
    healthCopy.put(group.arn(), groupHealth);
    return new Observed(service, routes, groups, missing, healthCopy, taskDefinitions, analysis, template,
        tags, liveClaimants, scalableTarget, alarms, greenStoppedTasks, metricReadings, hook);
  }

  /** With {@code counts} as the target health of a group. */
  public Observed withHealth(String targetGroupArn, TargetHealthCounts counts) {
    var healthCopy = new HashMap<>(health);
    healthCopy.put(targetGroupArn, counts);
    return new Observed(service, routes, targetGroups, missingTargetGroups, healthCopy, taskDefinitions, analysis,
        template, tags, liveClaimants, scalableTarget, alarms, greenStoppedTasks, metricReadings, hook);
  }

  public Observed withoutTargetGroup(String arn) {
    var groups = new HashMap<>(targetGroups);
    groups.values().removeIf(g -> g.arn().equals(arn));
    var missing = new HashSet<>(missingTargetGroups);
    missing.add(nameOf(arn));
    var healthCopy = new HashMap<>(health);
    healthCopy.remove(arn);
    return new Observed(service, routes, groups, missing, healthCopy, taskDefinitions, analysis, template,
        tags, liveClaimants, scalableTarget, alarms, greenStoppedTasks, metricReadings, hook);
  }

  /** The name inside a target group ARN: {@code ...:targetgroup/<name>/<id>}. */
  static String nameOf(String targetGroupArn) {
    String[] parts = targetGroupArn.split("/");
    return parts.length >= 3 ? parts[parts.length - 2] : targetGroupArn;
  }

  /** A task definition observed under any key, by its ARN. */
  public Optional<TaskDefinitionInfo> taskDefinitionWithArn(String arn) {
    return arn == null ? Optional.empty()
        : taskDefinitions.values().stream().filter(d -> arn.equals(d.arn())).findFirst();
  }

  public Observed withTaskDefinition(String key, TaskDefinitionInfo definition) {
    var copy = new HashMap<>(taskDefinitions);
    copy.put(key, definition);
    return new Observed(service, routes, targetGroups, missingTargetGroups, health, copy, analysis, template,
        tags, liveClaimants, scalableTarget, alarms, greenStoppedTasks, metricReadings, hook);
  }

  public Observed withScalableTarget(ScalableTarget target) {
    return new Observed(service, routes, targetGroups, missingTargetGroups, health, taskDefinitions, analysis, template,
        tags, liveClaimants, target, alarms, greenStoppedTasks, metricReadings, hook);
  }

  public Observed withAnalysis(AnalysisStatus result) {
    return new Observed(service, routes, targetGroups, missingTargetGroups, health, taskDefinitions, result, template,
        tags, liveClaimants, scalableTarget, alarms, greenStoppedTasks, metricReadings, hook);
  }

  public Observed withHook(HookStatus result) {
    return new Observed(service, routes, targetGroups, missingTargetGroups, health, taskDefinitions, analysis, template,
        tags, liveClaimants, scalableTarget, alarms, greenStoppedTasks, metricReadings, result);
  }
}
