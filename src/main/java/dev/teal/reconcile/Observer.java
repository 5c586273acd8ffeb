package dev.teal.reconcile;

import dev.teal.aws.ApplicationAutoScaling;
import dev.teal.aws.AwsNotFoundException;
import dev.teal.aws.EcsGateway;
import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTask;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.MetricsGateway;
import dev.teal.aws.MetricsGateway.AlarmInfo;
import dev.teal.aws.ElbGateway;
import dev.teal.aws.RouteRef;
import dev.teal.aws.RouteState;
import dev.teal.aws.TargetGroupInfo;
import dev.teal.aws.TargetHealthCounts;
import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.aws.WeightedTarget;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.RevisionStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads what one reconcile needs, and no more: describes are batched, tags are read only for task
 * sets the status does not account for, and target health only for the revisions in transition.
 */
public final class Observer {

  /** How many of a family's newest task definitions to inspect for one teal registered before a crash. */
  static final int TASK_DEFINITIONS_TO_INSPECT = 3;

  private final EcsGateway ecs;
  private final ElbGateway elb;
  private final ApplicationAutoScaling autoScaling;
  /**
   * CloudWatch, for the alarm gate. Null for an observer that reads nothing for the gates (no alarms, no stopped
   * tasks): {@code teal plan}, which shows the path on which every gate passes and needs no permission for them.
   */
  private final MetricsGateway metrics;

  public Observer(EcsGateway ecs, ElbGateway elb) {
    this(ecs, elb, ApplicationAutoScaling.NONE);
  }

  public Observer(EcsGateway ecs, ElbGateway elb, ApplicationAutoScaling autoScaling) {
    this(ecs, elb, autoScaling, null);
  }

  public Observer(EcsGateway ecs, ElbGateway elb, ApplicationAutoScaling autoScaling, MetricsGateway metrics) {
    this.ecs = ecs;
    this.elb = elb;
    this.autoScaling = autoScaling;
    this.metrics = metrics;
  }

  /** @param spec the spec with defaults applied; reads no metric gate (no time to place a window in) */
  public Observed observe(String name, DeploymentSpec spec, DeploymentStatus status) {
    return observe(name, spec, status, null);
  }

  /**
   * @param spec the spec with defaults applied
   * @param now the time of the reconcile, which places the metric gates' windows; null reads none
   */
  public Observed observe(String name, DeploymentSpec spec, DeploymentStatus status, java.time.Instant now) {
    EcsService service = ecs.describeService(spec.cluster(), spec.service()).map(s -> withOwnershipTags(spec, s, status))
        .orElse(null);
    var routes = elb.describeRoutes(List.of(productionRoute(spec), RouteRef.rule(spec.traffic().testRule())));
    if (service == null) {
      return new Observed(null, routes, Map.of(), Set.of(), Map.of(), Map.of(), null);
    }
    Map<String, Map<String, String>> claimTags = claimTags(status, routes);
    Map<String, TaskDefinitionInfo> definitions = new HashMap<>();
    stableCandidateDefinitionIfUnaccounted(service, routes.get(productionRoute(spec)), status)
        .ifPresent(d -> definitions.put(d.arn(), d));
    previewDefinitionIfTaskSetToCreate(status).ifPresent(d -> definitions.put(d.arn(), d));
    TaskDefinitionInfo template = resolveTemplate(spec).orElse(null);
    String target = targetRevision(name, spec, status, template == null ? null : template.arn());
    if (target != null && needsTaskDefinitionLookup(service, status, target)) {
      ecs.findTaskDefinition(Revisions.family(spec.taskDefinition()), Revisions.tags(name, target),
          TASK_DEFINITIONS_TO_INSPECT).ifPresent(d -> definitions.put(target, d));
    }
    List<String> names = groupNamesToLookUp(name, status, target);
    Map<String, TargetGroupInfo> groups = elb.describeTargetGroupsByName(names);
    Set<String> missing = names.stream().filter(n -> !groups.containsKey(n)).collect(Collectors.toSet());
    Map<String, TargetHealthCounts> health = new HashMap<>();
    for (String arn : groupsWhoseHealthMatters(name, spec, status, target, groups, service, routes, claimTags)) {
      try {
        health.put(arn, elb.describeTargetHealth(arn));
      } catch (AwsNotFoundException gone) {
        // Deleted behind teal's back: no healthy targets, so nothing is promoted onto it, and the next call
        // that uses it fails with ELB's own reason in the status.
      }
    }
    var scalableTarget = scaleInMatters(name, spec, status, target)
        ? autoScaling.describeServiceTarget(spec.cluster(), spec.service()).orElse(null) : null;
    return new Observed(service, routes, groups, missing, health, definitions, null, template, claimTags, Set.of(),
        scalableTarget, alarmsIfInFlight(spec, status), greenStoppedTasksIfFailing(spec, status, service),
        MetricQueries.readIfDue(metrics, spec, status, routes.get(productionRoute(spec)), now), null);
  }

  /**
   * Green's stopped tasks, for fail fast ({@link FailFast}): read only while green is being brought up (not yet
   * ready, or fallen out of readiness) and fewer of its tasks run than it wants, which is when a crash loop shows.
   * One ListTasks (startedBy is the task set's id, as ECS starts a task set's tasks) and, when some stopped, one
   * DescribeTasks for their stopped reasons; ECS keeps stopped tasks visible for at least an hour.
   */
  private List<EcsTask> greenStoppedTasksIfFailing(DeploymentSpec spec, DeploymentStatus status, EcsService service) {
    RevisionStatus preview = status.preview();
    Integer limit = spec.strategy() == null ? null : spec.strategy().failFastOrDefaults().stoppedTasks();
    if (metrics == null || preview == null || preview.taskSet() == null || limit == null || limit == 0
        || status.previewReadyAt() != null && status.progressStartedAt() == null) {
      return null;
    }
    EcsTaskSet green = service.taskSet(preview.taskSet()).orElse(null);
    if (green == null || green.runningCount() >= green.computedDesiredCount()) {
      return null;
    }
    List<String> stopped = ecs.listTasks(spec.cluster(), green.id(), "STOPPED");
    return stopped.isEmpty() ? List.of() : ecs.describeTasks(spec.cluster(), stopped);
  }

  /**
   * The gate's alarms, read (one DescribeAlarms of up to 100 names) only while green is in flight: never in
   * steady state, and not before green exists. Null when not read, or when there is no CloudWatch client.
   */
  private Map<String, AlarmInfo> alarmsIfInFlight(DeploymentSpec spec, DeploymentStatus status) {
    if (!alarmsMatter(spec, status) || metrics == null) {
      return null;
    }
    return metrics.describeAlarms(spec.strategy().alarmNames());
  }

  /** Whether the alarm gate is read: the spec names alarms and a green is on record (a deployment in flight). */
  static boolean alarmsMatter(DeploymentSpec spec, DeploymentStatus status) {
    return status.preview() != null && spec.strategy() != null && !spec.strategy().alarmNames().isEmpty();
  }

  /**
   * Whether the service's scalable target is looked up: when a deployment is about to start (a new revision
   * is wanted and no green is on record yet), to decide on suspending its scale-in, and from then on only
   * while a suspension is on record (to keep it and to restore it). A service without a scalable target costs
   * one call per deployment; a scalable target registered in the middle of one is taken into account from
   * the next.
   */
  static boolean scaleInMatters(String name, DeploymentSpec spec, DeploymentStatus status, String target) {
    RevisionStatus stable = status.stable();
    boolean newTarget = target != null && (stable == null || !target.equals(stable.revision())
        && !(stable.isAdopted() && stable.image().equals(spec.image())));
    return status.scaleIn() != null || status.preview() == null && newTarget;
  }

  /**
   * The tags of the routes this deployment has not claimed yet (by its status) and of the target groups they
   * forward to, in one DescribeTags call: what {@link Claims} decides a claim from. Nothing once both
   * routes are claimed, so a settled deployment pays no extra call.
   */
  private Map<String, Map<String, String>> claimTags(DeploymentStatus status, Map<RouteRef, RouteState> routes) {
    Set<String> arns = new LinkedHashSet<>();
    routes.forEach((ref, state) -> {
      if (!status.claimed().contains(ref.arn())) {
        arns.add(ref.arn());
        state.forward().forEach(t -> arns.add(t.targetGroupArn()));
      }
    });
    return arns.isEmpty() ? Map.of() : elb.describeTags(arns);
  }

  /**
   * The template a followed family resolves to (one DescribeTaskDefinition of the family, with tags):
   * its newest ACTIVE revision, unless teal registered that one, whose {@code teal.dev/template} tag then
   * names the template it copied. Empty when the spec pins a revision (the spec names it) or the family
   * has none.
   */
  java.util.Optional<TaskDefinitionInfo> resolveTemplate(DeploymentSpec spec) {
    if (!Revisions.followsFamily(spec.taskDefinition())) {
      return java.util.Optional.empty();
    }
    return ecs.describeTaskDefinition(spec.taskDefinition()).map(Observer::templateOf);
  }

  /** A revision teal registered stands for the template it copied: same containers, its template's ARN. */
  static TaskDefinitionInfo templateOf(TaskDefinitionInfo newest) {
    var tags = newest.tags() == null ? Map.<String, String>of() : newest.tags();
    String copied = tags.get(dev.teal.model.OwnershipTags.TEMPLATE);
    if (copied == null || !dev.teal.model.OwnershipTags.MANAGED_BY_VALUE.equals(
        tags.get(dev.teal.model.OwnershipTags.MANAGED_BY))) {
      return newest;
    }
    return new TaskDefinitionInfo(copied, newest.family(), newest.revision(), newest.containerImages(), Map.of(),
        newest.networkMode());
  }

  static RouteRef productionRoute(DeploymentSpec spec) {
    return spec.traffic().productionRule() != null
        ? RouteRef.rule(spec.traffic().productionRule())
        : RouteRef.listener(spec.traffic().productionListener());
  }

  /** The revision the spec asks for (or rollback returns to), as the planner will compute it. */
  static String targetRevision(String name, DeploymentSpec spec, DeploymentStatus status, String template) {
    if (spec.phase() != DesiredPhase.ROLLBACK) {
      return Revisions.idFor(name, spec, template);
    }
    RevisionStatus previous = status.previous();
    return previous == null ? null : Revisions.idFor(name, spec.withImage(previous.image()), template);
  }

  private EcsService withOwnershipTags(DeploymentSpec spec, EcsService service, DeploymentStatus status) {
    // Tags are read for task sets the status does not account for (ownership unknown), and for adopted
    // ones, whose tagging may have been cut short by a crash and must be finished before any delete.
    Set<String> known = revisions(status).filter(r -> !r.isAdopted()).map(RevisionStatus::taskSet)
        .filter(Objects::nonNull).collect(Collectors.toSet());
    List<String> unknown = service.taskSets().stream().map(EcsTaskSet::arn).filter(a -> !known.contains(a)).toList();
    if (unknown.isEmpty()) {
      return service;
    }
    Map<String, EcsTaskSet> tagged = ecs.describeTaskSetsWithTags(spec.cluster(), spec.service(), unknown).stream()
        .collect(Collectors.toMap(EcsTaskSet::arn, Function.identity()));
    return service.withTaskSets(service.taskSets().stream()
        .map(t -> tagged.containsKey(t.arn()) ? t.withTags(tagged.get(t.arn()).tags()) : t)
        .toList());
  }

  /** The definition of the task set the planner would adopt as stable (see {@link StableCandidate}). */
  private java.util.Optional<TaskDefinitionInfo> stableCandidateDefinitionIfUnaccounted(EcsService service,
      RouteState production, DeploymentStatus status) {
    RevisionStatus stable = status.stable();
    boolean stableLive = stable != null && service.taskSet(stable.taskSet()).isPresent();
    if (stableLive) {
      return java.util.Optional.empty();
    }
    String green = status.preview() == null ? null : status.preview().taskSet();
    return StableCandidate.of(service, production, green)
        .flatMap(candidate -> ecs.describeTaskDefinition(candidate.taskDefinition()));
  }

  /**
   * Green's registered definition until its task set exists: its network mode decides the target type of
   * green's target group and whether its task set gets awsvpc settings. Read only in that window, which
   * a reconcile usually crosses without a new observation.
   */
  private java.util.Optional<TaskDefinitionInfo> previewDefinitionIfTaskSetToCreate(DeploymentStatus status) {
    RevisionStatus preview = status.preview();
    if (preview == null || preview.taskDefinition() == null || preview.taskSet() != null) {
      return java.util.Optional.empty();
    }
    return ecs.describeTaskDefinition(preview.taskDefinition());
  }

  private boolean needsTaskDefinitionLookup(EcsService service, DeploymentStatus status, String target) {
    RevisionStatus preview = status.preview();
    boolean recorded = preview != null && target.equals(preview.revision()) && preview.taskDefinition() != null;
    boolean previousRecorded = status.previous() != null && target.equals(status.previous().revision())
        && status.previous().taskDefinition() != null;
    return !recorded && !previousRecorded && service.taskSetWithExternalId(target).isEmpty();
  }

  private List<String> groupNamesToLookUp(String name, DeploymentStatus status, String target) {
    Set<String> names = new LinkedHashSet<>();
    RevisionStatus preview = status.preview();
    if (target != null && (preview == null || !target.equals(preview.revision()) || preview.targetGroup() == null)) {
      names.add(Revisions.targetGroupName(name, target));
    }
    status.retired().stream().filter(r -> !r.isAdopted() && r.revision() != null)
        .forEach(r -> names.add(Revisions.targetGroupName(name, r.revision())));
    return new ArrayList<>(names);
  }

  private Set<String> groupsWhoseHealthMatters(String name, DeploymentSpec spec, DeploymentStatus status,
      String target, Map<String, TargetGroupInfo> groups, EcsService service, Map<RouteRef, RouteState> routes,
      Map<String, Map<String, String>> claimTags) {
    Set<String> arns = new LinkedHashSet<>();
    // A route not claimed yet: whether the groups it forwards to that this service does not use serve anything.
    routes.forEach((ref, state) -> {
      if (claimTags.containsKey(ref.arn())) {
        state.forward().stream().map(WeightedTarget::targetGroupArn)
            .filter(tg -> service.taskSets().stream().noneMatch(t -> t.targetGroupArns().contains(tg)))
            .filter(tg -> !Revisions.ownedBy(claimTags.get(tg), name))
            .forEach(arns::add);
      }
    });
    if (status.preview() != null && status.preview().targetGroup() != null) {
      arns.add(status.preview().targetGroup());
    }
    if (target != null) {
      TargetGroupInfo byName = groups.get(Revisions.targetGroupName(name, target));
      if (byName != null) {
        arns.add(byName.arn());
      }
    }
    if (spec.phase() == DesiredPhase.ROLLBACK && status.previous() != null && status.previous().targetGroup() != null) {
      arns.add(status.previous().targetGroup());
    }
    return arns;
  }

  private static Stream<RevisionStatus> revisions(DeploymentStatus status) {
    return Stream.concat(Stream.of(status.stable(), status.preview(), status.previous()).filter(Objects::nonNull),
        status.retired().stream());
  }
}
