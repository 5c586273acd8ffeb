package dev.teal.aws.sdk;

import static dev.teal.aws.sdk.AwsErrors.call;
import static dev.teal.aws.sdk.AwsErrors.run;

import dev.teal.aws.AwsException;
import dev.teal.aws.AwsNotFoundException;
import dev.teal.aws.EcsGateway;
import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTask;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.MutatingCallFence;
import dev.teal.aws.Placement;
import dev.teal.aws.TaskDefinitionInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Scale;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TaskSetField;

/** {@link EcsGateway} over the SDK's {@link EcsClient}. */
public final class SdkEcsGateway implements EcsGateway {

  /** DescribeServices accepts at most ten services per call. */
  static final int DESCRIBE_SERVICES_BATCH = 10;
  /** DescribeTasks accepts at most 100 tasks per call. */
  static final int DESCRIBE_TASKS_BATCH = 100;
  /** ListTaskDefinitions' maxResults range. */
  static final int LIST_MAX_RESULTS = 100;
  private static final String INACTIVE = "INACTIVE";

  private final EcsClient ecs;
  private final FencedRequests fenced;

  /** A gateway whose mutating calls are not fenced (the CLI, single-reconciler tests). */
  public SdkEcsGateway(EcsClient ecs) {
    this(ecs, MutatingCallFence.NONE);
  }

  /** @param fence asked when each mutating call starts and before each of its attempts is sent */
  public SdkEcsGateway(EcsClient ecs, MutatingCallFence fence) {
    this.ecs = ecs;
    this.fenced = new FencedRequests(fence);
  }

  @Override
  public Optional<EcsService> describeService(String cluster, String service) {
    return Optional.ofNullable(describeServices(cluster, List.of(service)).get(service));
  }

  /**
   * Keyed by the names (or ARNs) as given. Services ECS reports as failures (MISSING) are left out, and
   * so are INACTIVE ones: ECS keeps a deleted service visible as INACTIVE for a while.
   */
  @Override
  public Map<String, EcsService> describeServices(String cluster, List<String> services) {
    Map<String, EcsService> found = new LinkedHashMap<>();
    for (List<String> batch : Batches.of(services, DESCRIBE_SERVICES_BATCH)) {
      // With their tags: a deployment's claim on a service is one, and they come with the describe for free.
      var response = call("ecs:DescribeServices", () -> ecs.describeServices(r -> r.cluster(cluster).services(batch)
          .include(ServiceField.TAGS)));
      for (Service s : response.services()) {
        if (INACTIVE.equals(s.status())) {
          continue;
        }
        batch.stream().filter(ref -> ref.equals(s.serviceName()) || ref.equals(s.serviceArn())).findFirst()
            .ifPresent(ref -> found.put(ref, EcsMapping.service(s)));
      }
    }
    return found;
  }

  @Override
  public List<EcsTaskSet> describeTaskSetsWithTags(String cluster, String service, List<String> taskSetArns) {
    if (taskSetArns.isEmpty()) {
      return List.of(); // an empty list would describe every task set of the service
    }
    var response = call("ecs:DescribeTaskSets", () -> ecs.describeTaskSets(r -> r.cluster(cluster).service(service)
        .taskSets(taskSetArns).include(TaskSetField.TAGS)));
    return response.taskSets().stream().map(EcsMapping::taskSet).toList();
  }

  @Override
  public Optional<TaskDefinitionInfo> describeTaskDefinition(String familyOrArn) {
    try {
      DescribeTaskDefinitionResponse response = describeWithTags(familyOrArn);
      return Optional.of(EcsMapping.taskDefinition(response.taskDefinition(), response.tags()));
    } catch (AwsException e) {
      if (isMissingTaskDefinition(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** ListTaskDefinitions newest first, then DescribeTaskDefinition one by one until the tags match. */
  @Override
  public Optional<TaskDefinitionInfo> findTaskDefinition(String family, Map<String, String> tags, int newestToInspect) {
    int maxResults = Math.max(1, Math.min(LIST_MAX_RESULTS, newestToInspect));
    var listed = call("ecs:ListTaskDefinitions", () -> ecs.listTaskDefinitions(r -> r.familyPrefix(family)
        .status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC).maxResults(maxResults)));
    for (String arn : listed.taskDefinitionArns()) {
      Optional<TaskDefinitionInfo> candidate = describeTaskDefinition(arn);
      // familyPrefix is documented as the full family name; checking it keeps a prefix match from leaking in.
      if (candidate.isPresent() && family.equals(candidate.get().family())
          && candidate.get().tags().entrySet().containsAll(tags.entrySet())) {
        return candidate;
      }
    }
    return Optional.empty();
  }

  @Override
  public TaskDefinitionInfo registerTaskDefinitionWithImage(String template, String container, String image,
      Map<String, String> tags) {
    return registerTaskDefinitionWithImages(template, Map.of(container, image), tags);
  }

  @Override
  public TaskDefinitionInfo registerTaskDefinitionWithImages(String template, Map<String, String> images,
      Map<String, String> tags) {
    // With TAGS: the template's own tags (cost allocation, ABAC) go onto the copy.
    var source = describeWithTags(template);
    var request = TaskDefinitionCopy.withImages(source.taskDefinition(), source.tags(), images, tags,
        "ecs:RegisterTaskDefinition");
    // RegisterTaskDefinition is the one call teal makes that is not idempotent: a retry after a failure
    // that took effect would register a second revision. It is tried once; after a failure the next
    // reconcile finds an applied registration by its tags before registering again.
    var fence = fenced.mutating("ecs:RegisterTaskDefinition");
    var once = request.toBuilder().overrideConfiguration(o -> {
      fence.accept(o);
      o.addPlugin(SINGLE_ATTEMPT);
    }).build();
    var registered = call("ecs:RegisterTaskDefinition", () -> ecs.registerTaskDefinition(once));
    return EcsMapping.taskDefinition(registered.taskDefinition(), registered.tags());
  }

  private static final SdkPlugin SINGLE_ATTEMPT = config -> config.overrideConfiguration(
      config.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());

  @Override
  public EcsTaskSet createTaskSet(CreateTaskSet c) {
    var request = CreateTaskSetRequest.builder()
        .cluster(c.cluster())
        .service(c.service())
        .externalId(c.externalId())
        .clientToken(c.clientToken())
        .taskDefinition(c.taskDefinitionArn())
        .loadBalancers(LoadBalancer.builder().targetGroupArn(c.targetGroupArn()).containerName(c.containerName())
            .containerPort(c.containerPort()).build())
        .scale(percent(c.scalePercent()))
        .overrideConfiguration(fenced.mutating("ecs:CreateTaskSet"));
    Placement placement = c.placement() == null ? Placement.NONE : c.placement();
    if (placement.awsvpc() != null && !placement.awsvpc().subnets().isEmpty()) {
      request.networkConfiguration(awsvpc(placement.awsvpc()));
    }
    // A strategy or a launch type, never both (ECS refuses that). With neither, ECS uses the cluster's
    // default capacity provider strategy, not the service's (CreateTaskSet API reference).
    if (!placement.capacityProviderStrategy().isEmpty()) {
      request.capacityProviderStrategy(capacityProviderStrategy(placement));
    } else {
      request.launchType(placement.launchType());
    }
    request.platformVersion(placement.platformVersion());
    if (!placement.serviceRegistries().isEmpty()) {
      request.serviceRegistries(placement.serviceRegistries().stream()
          .map(r -> ServiceRegistry.builder().registryArn(r.registryArn()).port(r.port()).containerName(r.containerName())
              .containerPort(r.containerPort()).build())
          .toList());
    }
    if (!c.tags().isEmpty()) {
      request.tags(EcsMapping.sdkTags(c.tags()));
    }
    return EcsMapping.taskSet(call("ecs:CreateTaskSet", () -> ecs.createTaskSet(request.build())).taskSet());
  }

  @Override
  public void updateTaskSetScale(String cluster, String service, String taskSetArn, double percent) {
    run("ecs:UpdateTaskSet", () -> ecs.updateTaskSet(r -> r.cluster(cluster).service(service).taskSet(taskSetArn)
        .scale(percent(percent)).overrideConfiguration(fenced.mutating("ecs:UpdateTaskSet"))));
  }

  @Override
  public void updateServicePrimaryTaskSet(String cluster, String service, String taskSetArn) {
    run("ecs:UpdateServicePrimaryTaskSet", () -> ecs.updateServicePrimaryTaskSet(r -> r.cluster(cluster)
        .service(service).primaryTaskSet(taskSetArn).overrideConfiguration(fenced.mutating("ecs:UpdateServicePrimaryTaskSet"))));
  }

  @Override
  public void deleteTaskSet(String cluster, String service, String taskSetArn) {
    try {
      // force: the planner deletes a task set only once no route forwards to it, so its scale does not matter.
      run("ecs:DeleteTaskSet", () -> ecs.deleteTaskSet(r -> r.cluster(cluster).service(service).taskSet(taskSetArn)
          .force(true).overrideConfiguration(fenced.mutating("ecs:DeleteTaskSet"))));
    } catch (AwsNotFoundException e) {
      if (!"TaskSetNotFoundException".equals(e.errorCode())) {
        throw e; // a missing cluster or service is a configuration problem, not a finished delete
      }
    }
  }

  @Override
  public List<EcsTask> runTask(RunTask t) {
    var request = RunTaskRequest.builder()
        .cluster(t.cluster())
        .taskDefinition(t.taskDefinition())
        .count(t.count())
        .startedBy(t.startedBy())
        .clientToken(t.clientToken());
    Placement placement = t.placement() == null ? Placement.NONE : t.placement();
    if (placement.awsvpc() != null && !placement.awsvpc().subnets().isEmpty()) {
      request.networkConfiguration(awsvpc(placement.awsvpc()));
    }
    if (!placement.capacityProviderStrategy().isEmpty()) {
      request.capacityProviderStrategy(capacityProviderStrategy(placement));
    } else {
      request.launchType(placement.launchType());
    }
    request.platformVersion(placement.platformVersion());
    if (t.container() != null && !t.environment().isEmpty()) {
      request.overrides(o -> o.containerOverrides(c -> c.name(t.container()).environment(t.environment().entrySet()
          .stream().map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())));
    }
    if (!t.tags().isEmpty()) {
      request.tags(EcsMapping.sdkTags(t.tags()));
    }
    RunTaskResponse response = call("ecs:RunTask",
        () -> ecs.runTask(request.overrideConfiguration(fenced.mutating("ecs:RunTask")).build()));
    if (response.tasks().isEmpty() && !response.failures().isEmpty()) {
      // RunTask answers 200 with per-task failures (no capacity, a missing attribute...): nothing started.
      Failure f = response.failures().get(0);
      throw new AwsException("ecs:RunTask", "TaskFailure", "no task started: " + f.reason()
          + (f.detail() == null ? "" : " (" + f.detail() + ")"), null);
    }
    return response.tasks().stream().map(EcsMapping::task).toList();
  }

  @Override
  public List<EcsTask> describeTasks(String cluster, List<String> taskArns) {
    List<EcsTask> found = new java.util.ArrayList<>();
    for (List<String> batch : Batches.of(taskArns, DESCRIBE_TASKS_BATCH)) {
      var response = call("ecs:DescribeTasks", () -> ecs.describeTasks(r -> r.cluster(cluster).tasks(batch)));
      response.tasks().forEach(task -> found.add(EcsMapping.task(task)));
    }
    return found;
  }

  @Override
  public List<String> listTasks(String cluster, String startedBy, String desiredStatus) {
    List<String> arns = new java.util.ArrayList<>();
    String token = null;
    do {
      String next = token;
      var response = call("ecs:ListTasks", () -> ecs.listTasks(r -> r.cluster(cluster).startedBy(startedBy)
          .desiredStatus(desiredStatus).maxResults(LIST_MAX_RESULTS).nextToken(next)));
      arns.addAll(response.taskArns());
      token = response.nextToken();
    } while (token != null && !token.isEmpty());
    return arns;
  }

  @Override
  public void tagResource(String arn, Map<String, String> tags) {
    if (tags.isEmpty()) {
      return; // TagResource requires at least one tag
    }
    run("ecs:TagResource", () -> ecs.tagResource(r -> r.resourceArn(arn).tags(EcsMapping.sdkTags(tags))
        .overrideConfiguration(fenced.mutating("ecs:TagResource"))));
  }

  private DescribeTaskDefinitionResponse describeWithTags(String familyOrArn) {
    return call("ecs:DescribeTaskDefinition", () -> ecs.describeTaskDefinition(r -> r.taskDefinition(familyOrArn)
        .include(TaskDefinitionField.TAGS)));
  }

  /**
   * ECS has no TaskDefinitionNotFound code: an unknown family, revision or ARN is a ClientException
   * "Unable to describe task definition."
   */
  private static boolean isMissingTaskDefinition(AwsException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return "ClientException".equals(e.errorCode())
        && (message.contains("unable to describe task definition") || message.contains("not found"));
  }

  private static Scale percent(double value) {
    return Scale.builder().unit(ScaleUnit.PERCENT).value(value).build();
  }

  /** The placement's capacity provider strategy as ECS takes it (CreateTaskSet and RunTask alike). */
  private static List<CapacityProviderStrategyItem> capacityProviderStrategy(Placement placement) {
    return placement.capacityProviderStrategy().stream()
        .map(p -> CapacityProviderStrategyItem.builder().capacityProvider(p.name()).weight(p.weight()).base(p.base())
            .build())
        .toList();
  }

  private static NetworkConfiguration awsvpc(Placement.AwsVpc network) {
    return NetworkConfiguration.builder().awsvpcConfiguration(v -> v.subnets(network.subnets())
        .securityGroups(network.securityGroups())
        .assignPublicIp(network.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)).build();
  }
}
