package dev.teal.sandbox.ecs;

import static dev.teal.sandbox.ecs.EcsErrors.client;
import static dev.teal.sandbox.ecs.EcsErrors.invalidParameter;
import static dev.teal.sandbox.ecs.EcsErrors.serviceNotFound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.sandbox.ImageBehaviour;
import dev.teal.sandbox.SimulatorConfig;
import dev.teal.sandbox.elb.ElbSimulator;
import dev.teal.sandbox.elb.TargetHealth;
import dev.teal.sandbox.elb.TargetOwner;
import dev.teal.sandbox.http.AwsError;
import dev.teal.sandbox.http.IdGenerator;
import dev.teal.sandbox.http.Params;
import dev.teal.sandbox.time.Scheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ECS state for services with the EXTERNAL deployment controller: task sets, their tasks and the
 * tasks' registrations in ELB target groups. Callers hold the world lock and have brought the
 * scheduler up to date.
 */
public final class EcsSimulator {

  static final int MAX_TASK_SETS_PER_SERVICE = 5;
  static final int MAX_TAGS = 50;
  private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  private final SimulatorConfig config;
  private final Scheduler scheduler;
  private final IdGenerator ids;
  private final ElbSimulator elb;
  private final String arnPrefix;
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private final Map<String, List<TaskDefinition>> taskDefinitions = new LinkedHashMap<>();
  private final Map<String, Service> services = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> tags = new LinkedHashMap<>();
  /**
   * CreateTaskSet client tokens by cluster, with the request each answered and the task set it made. ECS
   * does not say how long it remembers a token; the stricter reading is modelled: for ever, deleted task
   * sets included.
   */
  private final Map<String, TokenUse> taskSetTokens = new LinkedHashMap<>();

  private record TokenUse(ObjectNode request, TaskSet taskSet) {
  }
  private int nextEphemeralPort = 32768;
  private final TaskRegistry taskRegistry;

  public EcsSimulator(SimulatorConfig config, Scheduler scheduler, IdGenerator ids, ElbSimulator elb) {
    this.config = config;
    this.scheduler = scheduler;
    this.ids = ids;
    this.elb = elb;
    this.arnPrefix = "arn:aws:ecs:" + config.region() + ":" + config.accountId() + ":";
    this.taskRegistry = new TaskRegistry(scheduler, config);
  }

  private Instant now() {
    return scheduler.now();
  }

  // ---------------------------------------------------------------- clusters

  Cluster createCluster(Params p) {
    String name = p.str("clusterName").filter(s -> !s.isEmpty()).orElse("default");
    Cluster existing = clusters.get(name);
    if (existing != null) {
      return existing;
    }
    Cluster c = new Cluster(arnPrefix + "cluster/" + name, name, now());
    setCapacityProviders(c, p);
    clusters.put(name, c);
    putTags(c.arn, p.list("tags"));
    return c;
  }

  /**
   * PutClusterCapacityProviders: replaces the cluster's capacity providers and default strategy. "The
   * Fargate capacity providers are available to all accounts and only need to be associated with a
   * cluster to be used" (API reference); Auto Scaling group providers are not modelled, so only FARGATE
   * and FARGATE_SPOT are accepted.
   */
  Cluster putClusterCapacityProviders(Params p) {
    Cluster c = cluster(p);
    if (!p.has("capacityProviders") || !p.has("defaultCapacityProviderStrategy")) {
      throw invalidParameter("capacityProviders and defaultCapacityProviderStrategy are required.");
    }
    setCapacityProviders(c, p);
    return c;
  }

  private static void setCapacityProviders(Cluster c, Params p) {
    List<String> providers = p.strings("capacityProviders");
    for (String provider : providers) {
      if (!provider.equals("FARGATE") && !provider.equals("FARGATE_SPOT")) {
        throw invalidParameter("The specified capacity provider " + provider + " does not exist.");
      }
    }
    Cluster candidate = new Cluster(c.arn, c.name, c.createdAt);
    candidate.capacityProviders = new ArrayList<>(providers);
    List<CapacityProviderItem> strategy = TaskPlacement.parseStrategy(p.list("defaultCapacityProviderStrategy"));
    TaskPlacement.requireAssociated(strategy, candidate);
    c.capacityProviders = candidate.capacityProviders;
    c.defaultStrategy = new ArrayList<>(strategy);
  }

  Cluster deleteCluster(Params p) {
    Cluster c = findCluster(p.str("cluster").orElse("")).orElseThrow(EcsErrors::clusterNotFound);
    if (activeServices(c) > 0) {
      throw AwsError.client("ClusterContainsServicesException",
          "The Cluster cannot be deleted while Services are active.");
    }
    clusters.remove(c.name);
    tags.remove(c.arn);
    return c;
  }

  Optional<Cluster> findCluster(String nameOrArn) {
    String name = nameOrArn == null || nameOrArn.isEmpty() ? "default" : lastSegment(nameOrArn);
    return Optional.ofNullable(clusters.get(name));
  }

  Cluster cluster(Params p) {
    return findCluster(p.str("cluster").orElse(null)).orElseThrow(EcsErrors::clusterNotFound);
  }

  List<Cluster> allClusters() {
    return List.copyOf(clusters.values());
  }

  long activeServices(Cluster c) {
    return services.values().stream().filter(s -> s.cluster == c).count();
  }

  long tasksIn(Cluster c, Task.State state) {
    return services.values().stream().filter(s -> s.cluster == c)
        .flatMap(s -> s.taskSets.stream()).mapToLong(ts -> ts.count(state)).sum();
  }

  // ---------------------------------------------------------------- task definitions

  TaskDefinition registerTaskDefinition(Params p) {
    String family = p.str("family").orElseThrow(() -> client("Family must not be null or empty."));
    if (!FAMILY.matcher(family).matches()) {
      throw client("Family contains invalid characters.");
    }
    List<Params> containers = p.list("containerDefinitions");
    if (containers.isEmpty()) {
      throw client("Container list cannot be empty.");
    }
    for (Params c : containers) {
      if (c.str("name").filter(s -> !s.isEmpty()).isEmpty()) {
        throw client("Container.name should not be null or empty.");
      }
      if (c.str("image").filter(s -> !s.isEmpty()).isEmpty()) {
        throw client("Container.image should not be null or empty.");
      }
    }
    List<String> compat = p.strings("requiresCompatibilities");
    if (compat.contains("FARGATE")) {
      if (!"awsvpc".equals(p.str("networkMode").orElse(null))) {
        throw client("Fargate only supports network mode 'awsvpc'.");
      }
      if (p.str("cpu").isEmpty() || p.str("memory").isEmpty()) {
        throw client("Task definition does not support launch_type FARGATE: cpu and memory must be"
            + " specified at the task level.");
      }
    }
    List<TaskDefinition> revisions = taskDefinitions.computeIfAbsent(family, k -> new ArrayList<>());
    int revision = revisions.size() + 1;
    ObjectNode body = p.asObjectOrEmpty();
    body.remove("tags");
    String arn = arnPrefix + "task-definition/" + family + ":" + revision;
    TaskDefinition td = new TaskDefinition(arn, family, revision, body, now());
    putTags(arn, p.list("tags")); // first: a refused tag registers nothing
    revisions.add(td);
    return td;
  }

  TaskDefinition describeTaskDefinition(Params p) {
    String ref = p.str("taskDefinition").filter(s -> !s.isEmpty())
        .orElseThrow(() -> client("Task Definition can not be blank."));
    return resolveTaskDefinition(ref, true).orElseThrow(() -> client("Unable to describe task definition."));
  }

  /** Accepts family, family:revision or the full ARN; a bare family means its latest ACTIVE revision. */
  Optional<TaskDefinition> resolveTaskDefinition(String ref, boolean allowInactive) {
    String s = ref.startsWith("arn:") ? ref.substring(ref.indexOf("task-definition/") + "task-definition/".length()) : ref;
    int colon = s.lastIndexOf(':');
    List<TaskDefinition> revisions = taskDefinitions.get(colon < 0 ? s : s.substring(0, colon));
    if (revisions == null) {
      return Optional.empty();
    }
    if (colon < 0) {
      for (int i = revisions.size() - 1; i >= 0; i--) {
        if ("ACTIVE".equals(revisions.get(i).status)) {
          return Optional.of(revisions.get(i));
        }
      }
      return Optional.empty();
    }
    int revision;
    try {
      revision = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (revision < 1 || revision > revisions.size()) {
      return Optional.empty();
    }
    TaskDefinition td = revisions.get(revision - 1);
    return allowInactive || "ACTIVE".equals(td.status) ? Optional.of(td) : Optional.empty();
  }

  TaskDefinition deregisterTaskDefinition(Params p) {
    String ref = p.str("taskDefinition").filter(s -> !s.isEmpty())
        .orElseThrow(() -> client("Task Definition can not be blank."));
    String s = ref.startsWith("arn:") ? ref.substring(ref.indexOf("task-definition/") + 16) : ref;
    if (!s.contains(":")) {
      throw client("The specified task definition identifier is invalid. Specify a valid name or ARN and revision.");
    }
    TaskDefinition td = resolveTaskDefinition(ref, true)
        .orElseThrow(() -> client("The specified task definition does not exist."));
    if ("ACTIVE".equals(td.status)) {
      td.status = "INACTIVE";
      td.deregisteredAt = now();
    }
    return td;
  }

  record ArnPage(List<String> arns, String nextToken) {
  }

  ArnPage listTaskDefinitions(Params p) {
    String status = p.str("status").orElse("ACTIVE");
    if (!status.equals("ACTIVE") && !status.equals("INACTIVE") && !status.equals("DELETE_IN_PROGRESS")) {
      throw invalidParameter("status must be ACTIVE, INACTIVE or DELETE_IN_PROGRESS.");
    }
    String sort = p.str("sort").orElse("ASC");
    int max = p.integer("maxResults").orElse(100);
    if (max < 1 || max > 100) {
      throw invalidParameter("maxResults must be between 1 and 100.");
    }
    Optional<String> family = p.str("familyPrefix").filter(s -> !s.isEmpty());
    List<TaskDefinition> all = new ArrayList<>();
    taskDefinitions.forEach((f, revs) -> {
      if (family.isEmpty() || family.get().equals(f)) {
        revs.stream().filter(td -> td.status.equals(status)).forEach(all::add);
      }
    });
    Comparator<TaskDefinition> order = Comparator.<TaskDefinition, String>comparing(td -> td.family)
        .thenComparingInt(td -> td.revision);
    all.sort("DESC".equals(sort) ? order.reversed() : order);
    int start = 0;
    Optional<String> token = p.str("nextToken").filter(s -> !s.isEmpty());
    if (token.isPresent()) {
      try {
        start = Integer.parseInt(new String(java.util.Base64.getDecoder().decode(token.get())));
      } catch (IllegalArgumentException e) {
        throw invalidParameter("Invalid nextToken.");
      }
    }
    int end = Math.min(all.size(), Math.max(0, start) + max);
    List<String> arns = all.subList(Math.min(start, end), end).stream().map(td -> td.arn).toList();
    String next = end < all.size()
        ? java.util.Base64.getEncoder().encodeToString(Integer.toString(end).getBytes()) : null;
    return new ArnPage(arns, next);
  }

  // ---------------------------------------------------------------- services

  Service createService(Params p) {
    Cluster cluster = cluster(p);
    String name = p.str("serviceName").filter(s -> !s.isEmpty())
        .orElseThrow(() -> invalidParameter("serviceName can not be blank."));
    String controller = p.obj("deploymentController").str("type").orElse("ECS");
    String token = p.str("clientToken").orElse(null);
    Service existing = services.get(key(cluster, name));
    if (existing != null) {
      if (token != null && token.equals(existing.clientToken)) {
        return existing;
      }
      throw invalidParameter("Creation of service was not idempotent.");
    }
    int desired = p.integer("desiredCount").orElse(0);
    if (desired < 0) {
      throw invalidParameter("desiredCount cannot be negative.");
    }
    String tdRef = p.str("taskDefinition").filter(s -> !s.isEmpty()).orElse(null);
    if (tdRef == null && !"EXTERNAL".equals(controller)) {
      throw invalidParameter("TaskDefinition must be specified for the " + controller + " deployment controller.");
    }
    Service s = new Service(arnPrefix + "service/" + cluster.name + "/" + name, name, cluster, controller, now(), token);
    if (tdRef != null) {
      s.taskDefinitionArn = resolveTaskDefinition(tdRef, false)
          .orElseThrow(() -> invalidParameter("TaskDefinition not found.")).arn;
    }
    s.desiredCount = desired;
    s.placement = TaskPlacement.forService(p, cluster);
    services.put(key(cluster, name), s);
    putTags(s.arn, p.list("tags"));
    return s;
  }

  Service updateService(Params p) {
    Service s = service(cluster(p), p.str("service").orElse(""));
    if (s.external() && p.has("taskDefinition")) {
      throw invalidParameter("Unable to update task definition on services with a EXTERNAL deployment controller."
          + " Use task sets.");
    }
    Optional<Integer> desired = p.integer("desiredCount");
    if (desired.isPresent()) {
      if (desired.get() < 0) {
        throw invalidParameter("desiredCount cannot be negative.");
      }
      s.desiredCount = desired.get();
      for (TaskSet ts : s.taskSets) {
        ts.lastChangeAt = now();
        reconcile(ts);
      }
    }
    return s;
  }

  /** Removes the service at once; its tasks stop and their targets drain as usual. */
  Service deleteService(Params p) {
    Cluster cluster = cluster(p);
    Service s = service(cluster, p.str("service").orElse(""));
    if (s.desiredCount > 0 && !p.bool("force", false)) {
      throw invalidParameter("The service cannot be stopped while it is scaled above 0.");
    }
    s.desiredCount = 0;
    for (TaskSet ts : s.taskSets) {
      ts.status = "DRAINING";
      reconcile(ts);
    }
    services.remove(key(cluster, s.name));
    tags.remove(s.arn);
    return s;
  }

  record DescribedServices(List<Service> services, List<String> missing) {
  }

  DescribedServices describeServices(Params p) {
    Cluster cluster = cluster(p);
    List<String> names = p.strings("services");
    if (names.isEmpty()) {
      throw invalidParameter("Services cannot be empty.");
    }
    if (names.size() > 10) {
      throw invalidParameter("Services cannot contain more than 10 elements.");
    }
    List<Service> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String n : names) {
      Service s = services.get(key(cluster, lastSegment(n)));
      if (s == null) {
        missing.add(n.startsWith("arn:") ? n : arnPrefix + "service/" + cluster.name + "/" + n);
      } else {
        found.add(s);
      }
    }
    return new DescribedServices(found, missing);
  }

  Service service(Cluster cluster, String nameOrArn) {
    if (nameOrArn == null || nameOrArn.isEmpty()) {
      throw invalidParameter("Service can not be blank.");
    }
    Service s = services.get(key(cluster, lastSegment(nameOrArn)));
    if (s == null) {
      throw serviceNotFound();
    }
    return s;
  }

  private static String key(Cluster c, String serviceName) {
    return c.name + "/" + serviceName;
  }

  /** The desired count of a service, for Application Auto Scaling; empty when there is no such service. */
  public Optional<Integer> desiredCount(String cluster, String service) {
    return findCluster(cluster).map(c -> services.get(key(c, service))).map(s -> s.desiredCount);
  }

  /**
   * Sets a service's desired count as Application Auto Scaling does (through UpdateService). For an
   * EXTERNAL service every task set's computedDesiredCount follows at once: ECS API reference, TaskSet,
   * "computedDesiredCount ... calculated by multiplying the service's desiredCount by the task set's scale
   * percentage. The result is always rounded up."
   */
  public void scaleService(String cluster, String service, int desiredCount) {
    Cluster c = findCluster(cluster).orElseThrow(EcsErrors::clusterNotFound);
    Service s = service(c, service);
    if (desiredCount < 0) {
      throw invalidParameter("desiredCount cannot be negative.");
    }
    s.desiredCount = desiredCount;
    for (TaskSet ts : s.taskSets) {
      ts.lastChangeAt = now();
      reconcile(ts);
    }
  }

  /**
   * Retires the oldest running task of a task set, as Fargate task maintenance does: the task stops (its
   * targets drain) and ECS places a replacement to keep the set at its computed desired count ("Task
   * retirement and maintenance for AWS Fargate", ECS developer guide). Returns whether a task was retired.
   */
  public boolean retireOldestTask(String taskSetArn) {
    for (Service s : services.values()) {
      for (TaskSet ts : s.taskSets) {
        if (ts.arn.equals(taskSetArn)) {
          Optional<Task> oldest = ts.tasks.stream().filter(t -> t.state == Task.State.RUNNING)
              .min(Comparator.comparing(t -> t.createdAt));
          if (oldest.isEmpty()) {
            return false;
          }
          stop(ts, oldest.get());
          ts.lastChangeAt = now();
          reconcile(ts);
          return true;
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- task sets

  TaskSet createTaskSet(Params p) {
    Cluster cluster = cluster(p);
    Service s = service(cluster, p.str("service").orElse(""));
    if (!s.external()) {
      throw invalidParameter("Amazon ECS only supports task set management on services configured to use"
          + " external deployment controllers.");
    }
    String token = p.str("clientToken").filter(t -> !t.isEmpty()).orElse(null);
    ObjectNode request = p.asObjectOrEmpty().deepCopy();
    request.remove("clientToken");
    if (token != null) {
      // ECS API reference, "Ensuring idempotency": a retry "using the same client token and the same
      // parameters" succeeds "without performing any further actions", i.e. answers the task set it made, even
      // one deleted since. Other parameters under a used token: CreateService answers InvalidParameterException
      // "Creation of service was not idempotent." (well-known public issues); CreateTaskSet lists no other
      // error for it, so the same exception is modelled (message by analogy, uncited).
      TokenUse used = taskSetTokens.get(cluster.name + "/" + token);
      if (used != null) {
        if (!used.request().equals(request)) {
          throw invalidParameter("Creation of task set was not idempotent.");
        }
        return used.taskSet();
      }
    }
    String tdRef = p.str("taskDefinition").filter(t -> !t.isEmpty())
        .orElseThrow(() -> invalidParameter("TaskDefinition can not be blank."));
    TaskDefinition td = resolveTaskDefinition(tdRef, false).orElseThrow(() -> client("TaskDefinition not found."));
    if (s.taskSets.size() >= MAX_TASK_SETS_PER_SERVICE) {
      throw invalidParameter(s.taskSets.size() + " deployments exist on the service. Unable to create new"
          + " TaskSet since this exceeds the maximum limit.");
    }
    double scale = scaleOf(p).orElse(100.0);
    TaskPlacement placement = TaskPlacement.forTaskSet(p, cluster, td);
    List<LoadBalancerMapping> lbs = new ArrayList<>();
    for (Params lb : p.list("loadBalancers")) {
      String tg = lb.str("targetGroupArn").filter(t -> !t.isEmpty())
          .orElseThrow(() -> invalidParameter("targetGroupArn must be specified for an Application Load Balancer."));
      String container = lb.str("containerName").orElseThrow(() -> invalidParameter("containerName can not be blank."));
      Integer port = lb.integer("containerPort").orElseThrow(() -> invalidParameter("containerPort can not be blank."));
      if (elb.findTargetGroup(tg).isEmpty()) {
        throw invalidParameter("Unable to find target group " + tg + ".");
      }
      if (!elb.hasLoadBalancer(tg, "ecs:CreateTaskSet")) {
        throw invalidParameter("The target group with targetGroupArn " + tg
            + " does not have an associated load balancer.");
      }
      if (td.container(container) == null) {
        throw invalidParameter("The container " + container + " does not exist in the task definition.");
      }
      requireTargetTypeFor(td, tg);
      lbs.add(new LoadBalancerMapping(tg, container, port));
    }
    String id = "ecs-svc/" + ids.digits(19);
    String arn = arnPrefix + "task-set/" + cluster.name + "/" + s.name + "/" + id;
    String image = td.image(lbs.isEmpty() ? null : lbs.get(0).containerName());
    TaskSet ts = new TaskSet(id, arn, s, p.str("externalId").orElse(null), td, placement,
        List.copyOf(lbs), token, now(), image, config.behaviourOf(image));
    ts.scaleValue = scale;
    // Every new task set is ACTIVE, the first one too: PRIMARY means "serving production traffic" and is
    // set only by UpdateServicePrimaryTaskSet (TaskSet.status in the API reference; the reason CloudFormation
    // has AWS::ECS::PrimaryTaskSet beside AWS::ECS::TaskSet). Not stated outright: the stricter reading.
    ts.status = "ACTIVE";
    s.taskSets.add(ts);
    putTags(arn, p.list("tags"));
    if (token != null) {
      taskSetTokens.put(cluster.name + "/" + token, new TokenUse(request, ts));
    }
    reconcile(ts);
    return ts;
  }

  private static Optional<Double> scaleOf(Params p) {
    if (!p.has("scale")) {
      return Optional.empty();
    }
    Params scale = p.obj("scale");
    String unit = scale.str("unit").orElse("PERCENT");
    if (!"PERCENT".equals(unit)) {
      throw invalidParameter("Scale unit must be PERCENT.");
    }
    double value = scale.number("value").orElse(0.0);
    if (value < 0 || value > 100) {
      throw invalidParameter("Scale value must be between 0 and 100.");
    }
    return Optional.of(value);
  }

  record DescribedTaskSets(List<TaskSet> taskSets, List<String> missing) {
  }

  DescribedTaskSets describeTaskSets(Params p) {
    Service s = service(cluster(p), p.str("service").orElse(""));
    List<String> refs = p.strings("taskSets");
    if (refs.isEmpty()) {
      // The API reference marks taskSets optional, but ECS refuses a request without it (aws/aws-cli#5380);
      // the task sets of a service are listed by DescribeServices.
      throw invalidParameter("TaskSets cannot be empty.");
    }
    List<TaskSet> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String ref : refs) {
      findTaskSet(s, ref).ifPresentOrElse(found::add, () -> missing.add(ref));
    }
    return new DescribedTaskSets(found, missing);
  }

  TaskSet updateTaskSet(Params p) {
    Service s = service(cluster(p), p.str("service").orElse(""));
    TaskSet ts = taskSet(s, p.str("taskSet").orElse(""));
    double scale = scaleOf(p).orElseThrow(() -> invalidParameter("Scale can not be blank."));
    if ("DRAINING".equals(ts.status)) {
      throw invalidParameter("The specified task set is being deleted.");
    }
    ts.scaleValue = scale;
    ts.updatedAt = now();
    ts.lastChangeAt = now();
    reconcile(ts);
    return ts;
  }

  TaskSet updateServicePrimaryTaskSet(Params p) {
    Service s = service(cluster(p), p.str("service").orElse(""));
    TaskSet ts = taskSet(s, p.str("primaryTaskSet").orElse(""));
    if ("DRAINING".equals(ts.status)) {
      throw invalidParameter("The specified task set is being deleted and cannot become primary.");
    }
    for (TaskSet other : s.taskSets) {
      if (other != ts && "PRIMARY".equals(other.status)) {
        other.status = "ACTIVE";
        other.updatedAt = now();
      }
    }
    ts.status = "PRIMARY";
    ts.updatedAt = now();
    // "Any parameters that are updated on the primary task set in a service will transition to the
    // service." (UpdateServicePrimaryTaskSet, API reference)
    s.placement = ts.placement;
    s.taskDefinitionArn = ts.taskDefinition.arn;
    return ts;
  }

  /**
   * ECS refuses a target group whose target type does not fit the task definition's network mode: ip for
   * awsvpc, instance for bridge and host ("The provided target group ... has target type ip, which is
   * incompatible with the bridge network mode specified in the task definition.", hashicorp/terraform#24266;
   * the ECS developer guide: with awsvpc "you must choose ip as the target type, not instance").
   */
  private void requireTargetTypeFor(TaskDefinition td, String targetGroupArn) {
    String targetType = elb.targetTypeOf(targetGroupArn);
    String mode = td.networkMode();
    boolean fits = "awsvpc".equals(mode) ? "ip".equals(targetType) : "instance".equals(targetType);
    if (!fits) {
      throw invalidParameter("The provided target group " + targetGroupArn + " has target type " + targetType
          + ", which is incompatible with the " + mode + " network mode specified in the task definition.");
    }
  }

  TaskSet deleteTaskSet(Params p) {
    Service s = service(cluster(p), p.str("service").orElse(""));
    TaskSet ts = taskSet(s, p.str("taskSet").orElse(""));
    if ("DRAINING".equals(ts.status)) {
      return ts;
    }
    if (!p.bool("force", false) && ts.computedDesiredCount() > 0) {
      throw invalidParameter("The task set has not been scaled down to zero. Scale it to 0 or use force to"
          + " delete it.");
    }
    ts.status = "DRAINING";
    ts.updatedAt = now();
    ts.lastChangeAt = now();
    reconcile(ts);
    List<String> tgs = ts.loadBalancers.stream().map(LoadBalancerMapping::targetGroupArn).toList();
    scheduler.at(now().plus(elb.drainTime(tgs)), at -> {
      s.taskSets.remove(ts);
      tags.remove(ts.arn);
    });
    return ts;
  }

  private TaskSet taskSet(Service s, String ref) {
    if (ref.isEmpty()) {
      throw invalidParameter("TaskSet can not be blank.");
    }
    return findTaskSet(s, ref).orElseThrow(EcsErrors::taskSetNotFound);
  }

  private static Optional<TaskSet> findTaskSet(Service s, String ref) {
    return s.taskSets.stream().filter(ts -> ts.arn.equals(ref) || ts.id.equals(ref)).findFirst();
  }

  // ---------------------------------------------------------------- tasks over time

  /** Starts or stops tasks until the set has as many live tasks as it should. */
  private void reconcile(TaskSet ts) {
    int desired = ts.computedDesiredCount();
    List<Task> live = ts.tasks.stream().filter(t -> t.state != Task.State.STOPPED).toList();
    for (int i = live.size(); i < desired; i++) {
      Instant start = now().plus(config.taskStartDelay());
      String taskArn = arnPrefix + "task/" + ts.service.cluster.name + "/" + ids.hex(32);
      Task task = "awsvpc".equals(ts.taskDefinition.networkMode())
          ? new Task(taskArn, ids.nextPrivateIp(), null, 0, now(), start)
          : new Task(taskArn, null, containerInstanceFor(), nextEphemeralPort(), now(), start);
      ts.tasks.add(task);
      taskRegistry.track(task, ts.service.cluster, ts.taskDefinition, "service:" + ts.service.name, ts.id,
          ts.placement.launchType);
      scheduler.at(start, at -> start(ts, task));
    }
    if (live.size() > desired) {
      // Pending tasks go first, then the newest running ones, as the ECS scheduler does.
      List<Task> victims = new ArrayList<>(live);
      victims.sort(Comparator.comparing((Task t) -> t.state == Task.State.RUNNING)
          .thenComparing(t -> t.createdAt, Comparator.reverseOrder()));
      victims.subList(0, live.size() - desired).forEach(t -> stop(ts, t));
    }
  }

  private void start(TaskSet ts, Task task) {
    if (task.state != Task.State.PENDING) {
      return;
    }
    if (ts.behaviour == ImageBehaviour.PULL_ERROR) {
      // The image cannot be pulled: the task stops without running and the set places a replacement, which
      // fails the same way (a crash loop before RUNNING).
      taskRegistry.failedToPull(task);
      ts.tasks.remove(task);
      ts.lastChangeAt = now();
      reconcile(ts);
      return;
    }
    taskRegistry.running(task);
    TargetOwner owner = new TargetOwner(ts.image, task.arn, ts.behaviour);
    for (LoadBalancerMapping lb : ts.loadBalancers) {
      elb.register(lb.targetGroupArn(), task.targetId(), task.targetPort(ts.taskDefinition, lb), owner);
    }
    if (ts.behaviour == ImageBehaviour.CRASHLOOP) {
      scheduler.at(now().plus(config.crashloopRunTime()), at -> {
        if (task.state == Task.State.RUNNING) {
          deregister(ts, task);
          taskRegistry.exited(task);
          ts.tasks.remove(task);
          ts.lastChangeAt = at;
          reconcile(ts);
        }
      });
    }
  }

  private void stop(TaskSet ts, Task task) {
    deregister(ts, task);
    taskRegistry.scaledIn(task, ts.id);
    ts.tasks.remove(task);
  }

  private void deregister(TaskSet ts, Task task) {
    if (task.state == Task.State.RUNNING) {
      for (LoadBalancerMapping lb : ts.loadBalancers) {
        elb.deregister(lb.targetGroupArn(), task.targetId(), task.targetPort(ts.taskDefinition, lb));
      }
    }
  }

  // ---------------------------------------------------------------- standalone tasks

  /** What RunTask started, or refused per task. */
  record RunTaskResult(List<Task> tasks) {
  }

  /** RunTask client tokens, with the tasks each started: a retry with the same token starts nothing new. */
  private final Map<String, List<Task>> runTaskTokens = new LinkedHashMap<>();

  /**
   * RunTask (API reference): {@code count} 1 to 10 tasks of an ACTIVE task definition, placed like a task set
   * ({@code launchType} or {@code capacityProviderStrategy}, awsvpc needs {@code networkConfiguration});
   * {@code overrides.containerOverrides} must name containers of the definition; {@code startedBy} up to 36
   * letters, numbers, '-', '/' and '_'; {@code group} defaults to {@code family:<family>}. With {@code clientToken}, "the request is
   * idempotent": the same token answers the tasks it started (for ever here, the stricter reading). The essential
   * container exits after {@link SimulatorConfig#standaloneTaskRunTime} (a crash-looping image sooner) with the
   * exit code its image names ({@link SimulatorConfig#exitCodeOf}); an image that cannot be pulled never runs.
   */
  RunTaskResult runTask(Params p) {
    Cluster cluster = cluster(p);
    Optional<String> token = p.str("clientToken").filter(t -> !t.isEmpty());
    if (token.isPresent() && token.get().length() > 64) {
      throw invalidParameter("clientToken must be at most 64 characters.");
    }
    if (token.isPresent() && runTaskTokens.containsKey(cluster.name + "/" + token.get())) {
      return new RunTaskResult(runTaskTokens.get(cluster.name + "/" + token.get()));
    }
    String tdRef = p.str("taskDefinition").filter(t -> !t.isEmpty())
        .orElseThrow(() -> invalidParameter("TaskDefinition can not be blank."));
    TaskDefinition td = resolveTaskDefinition(tdRef, false)
        .orElseThrow(() -> invalidParameter("TaskDefinition not found."));
    int count = p.integer("count").orElse(1);
    if (count < 1 || count > 10) {
      throw invalidParameter("count must be between 1 and 10.");
    }
    String startedBy = p.str("startedBy").filter(t -> !t.isEmpty()).orElse(null);
    // RunTask API reference, startedBy: "Up to 36 letters (uppercase and lowercase), numbers, hyphens (-), forward
    // slash (/), and underscores (_) are allowed."
    if (startedBy != null && (startedBy.length() > 36 || !startedBy.matches("[A-Za-z0-9/_-]+"))) {
      throw invalidParameter("startedBy must be up to 36 letters, numbers, hyphens, forward slashes and underscores.");
    }
    for (Params o : p.obj("overrides").list("containerOverrides")) {
      String name = o.str("name").orElse("");
      if (td.container(name) == null) {
        throw invalidParameter("Override for container named " + name + " is not a container in the TaskDefinition.");
      }
    }
    TaskPlacement placement = TaskPlacement.forTaskSet(p, cluster, td);
    String group = p.str("group").filter(t -> !t.isEmpty()).orElse("family:" + td.family);
    Map<String, String> tags = new LinkedHashMap<>();
    p.list("tags").forEach(t -> tags.put(t.str("key").orElse(""), t.str("value").orElse("")));
    List<Task> started = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant start = now().plus(config.taskStartDelay());
      String taskArn = arnPrefix + "task/" + cluster.name + "/" + ids.hex(32);
      Task task = "awsvpc".equals(td.networkMode())
          ? new Task(taskArn, ids.nextPrivateIp(), null, 0, now(), start)
          : new Task(taskArn, null, containerInstanceFor(), nextEphemeralPort(), now(), start);
      taskRegistry.track(task, cluster, td, group, startedBy, placement.launchType);
      task.overrides = p.obj("overrides").asObjectOrEmpty();
      task.tags = tags;
      started.add(task);
      scheduler.at(start, at -> startStandalone(task));
    }
    token.ifPresent(t -> runTaskTokens.put(cluster.name + "/" + t, List.copyOf(started)));
    return new RunTaskResult(started);
  }

  private void startStandalone(Task task) {
    String image = task.taskDefinition.image(null);
    ImageBehaviour behaviour = config.behaviourOf(image);
    if (behaviour == ImageBehaviour.PULL_ERROR) {
      taskRegistry.failedToPull(task);
      return;
    }
    taskRegistry.running(task);
    scheduler.at(now().plus(behaviour == ImageBehaviour.CRASHLOOP ? config.crashloopRunTime()
        : config.standaloneTaskRunTime()), at -> taskRegistry.exited(task));
  }

  record DescribedTasks(List<Task> tasks, List<String> missing) {
  }

  /** DescribeTasks: 1 to 100 task ids or ARNs; unknown ones (or stopped over an hour ago) are MISSING failures. */
  DescribedTasks describeTasks(Params p) {
    Cluster cluster = cluster(p);
    List<String> refs = p.strings("tasks");
    if (refs.isEmpty()) {
      throw invalidParameter("Tasks cannot be empty.");
    }
    if (refs.size() > 100) {
      throw invalidParameter("Tasks cannot contain more than 100 elements.");
    }
    List<Task> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String ref : refs) {
      taskRegistry.find(cluster, ref).ifPresentOrElse(found::add,
          () -> missing.add(ref.startsWith("arn:") ? ref : arnPrefix + "task/" + cluster.name + "/" + ref));
    }
    return new DescribedTasks(found, missing);
  }

  TaskRegistry.Page listTasks(Params p) {
    Cluster cluster = cluster(p);
    String service = p.str("serviceName").filter(t -> !t.isEmpty()).map(EcsSimulator::lastSegment).orElse(null);
    if (service != null && !services.containsKey(key(cluster, service))) {
      throw serviceNotFound();
    }
    return taskRegistry.list(cluster, p.str("family").filter(t -> !t.isEmpty()).orElse(null),
        p.str("startedBy").filter(t -> !t.isEmpty()).orElse(null), service,
        p.str("desiredStatus").filter(t -> !t.isEmpty()).orElse("RUNNING"),
        p.str("launchType").filter(t -> !t.isEmpty()).orElse(null), p.integer("maxResults").orElse(100),
        p.str("nextToken").filter(t -> !t.isEmpty()).orElse(null));
  }

  /**
   * EC2 capacity is not modelled instance by instance: each task with bridge or host networking gets a
   * container instance of its own (so host mode never clashes on a port). Not an AWS behaviour to cite;
   * teal sees only the instance id + port targets, which is what AWS registers.
   */
  private String containerInstanceFor() {
    return "i-" + ids.hex(17);
  }

  /** Host ports of dynamic port mappings, from the ECS-optimized AMI's ephemeral range (32768 to 61000). */
  private int nextEphemeralPort() {
    int port = nextEphemeralPort;
    nextEphemeralPort = nextEphemeralPort >= 61000 ? 32768 : nextEphemeralPort + 1;
    return port;
  }

  record Stability(String status, Instant at) {
  }

  /**
   * STEADY_STATE once every desired task runs and is healthy in each of its target groups;
   * measured from the later of the last disturbance and the last target turning healthy.
   */
  Stability stability(TaskSet ts) {
    int desired = ts.computedDesiredCount();
    boolean steady = !"DRAINING".equals(ts.status)
        && ts.count(Task.State.RUNNING) == desired
        && ts.count(Task.State.PENDING) == 0;
    Instant since = ts.lastChangeAt;
    for (Task t : ts.tasks) {
      if (!steady) {
        break;
      }
      if (t.startAt.isAfter(since)) {
        since = t.startAt;
      }
      for (LoadBalancerMapping lb : ts.loadBalancers) {
        Optional<TargetHealth> h = elb.health(lb.targetGroupArn(), t.targetId(), t.targetPort(ts.taskDefinition, lb));
        if (h.isEmpty() || !h.get().healthy()) {
          steady = false;
          break;
        }
        if (h.get().since() != null && h.get().since().isAfter(since)) {
          since = h.get().since();
        }
      }
    }
    return steady ? new Stability("STEADY_STATE", since) : new Stability("STABILIZING", ts.lastChangeAt);
  }

  // ---------------------------------------------------------------- tags

  /**
   * ECS tagging rules (RegisterTaskDefinition/TagResource {@code tags} in the API reference): at most 50
   * tags per resource, and "Do not use aws:, AWS:, or any upper or lowercase combination of such as a
   * prefix for either keys or values as it is reserved for AWS use." The error texts are the simulator's.
   */
  private void putTags(String arn, List<Params> list) {
    Map<String, String> merged = new LinkedHashMap<>(tags.getOrDefault(arn, Map.of()));
    for (Params t : list) {
      String key = t.str("key").filter(k -> !k.isEmpty()).orElseThrow(() -> invalidParameter("Tag key can not be blank."));
      String value = t.str("value").orElse("");
      if (reserved(key) || reserved(value)) {
        throw invalidParameter("Tag keys and values may not begin with the reserved prefix 'aws:': " + key);
      }
      merged.put(key, value);
    }
    if (merged.size() > MAX_TAGS) {
      throw invalidParameter("Too many tags: a resource can have at most " + MAX_TAGS + ".");
    }
    tags.put(arn, merged);
  }

  private static boolean reserved(String s) {
    return s.regionMatches(true, 0, "aws:", 0, 4);
  }

  Map<String, String> tagsOf(String arn) {
    return tags.getOrDefault(arn, Map.of());
  }

  void tagResource(Params p) {
    String arn = requireResource(p.str("resourceArn").orElse(""));
    List<Params> list = p.list("tags");
    if (list.isEmpty()) {
      throw invalidParameter("Tags can not be empty.");
    }
    putTags(arn, list);
  }

  void untagResource(Params p) {
    String arn = requireResource(p.str("resourceArn").orElse(""));
    Map<String, String> map = tags.get(arn);
    if (map != null) {
      p.strings("tagKeys").forEach(map::remove);
    }
  }

  Map<String, String> listTagsForResource(Params p) {
    return tagsOf(requireResource(p.str("resourceArn").orElse("")));
  }

  private String requireResource(String arn) {
    if (!arn.startsWith("arn:aws:ecs:")) {
      throw invalidParameter("Invalid resource ARN: " + arn);
    }
    boolean exists = clusters.values().stream().anyMatch(c -> c.arn.equals(arn))
        || services.values().stream().anyMatch(s -> s.arn.equals(arn))
        || services.values().stream().flatMap(s -> s.taskSets.stream()).anyMatch(ts -> ts.arn.equals(arn))
        || taskDefinitions.values().stream().flatMap(List::stream).anyMatch(td -> td.arn.equals(arn));
    if (!exists) {
      throw EcsErrors.resourceNotFound(arn);
    }
    return arn;
  }

  private static String lastSegment(String nameOrArn) {
    return nameOrArn.startsWith("arn:") ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
  }
}
