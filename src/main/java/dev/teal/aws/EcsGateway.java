package dev.teal.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ECS operations teal uses. Implementations translate SDK errors into {@link AwsException}s. */
public interface EcsGateway {

  /** DescribeServices for one service, with its task sets; empty when it does not exist or is INACTIVE. */
  Optional<EcsService> describeService(String cluster, String service);

  /**
   * DescribeServices in batches of ten, keyed by the names (or ARNs) as given; services that do not
   * exist, or are INACTIVE (deleted), are left out of the result.
   */
  Map<String, EcsService> describeServices(String cluster, List<String> services);

  /** DescribeTaskSets with tags, for ownership checks. */
  List<EcsTaskSet> describeTaskSetsWithTags(String cluster, String service, List<String> taskSetArns);

  /** DescribeTaskDefinition with tags; {@code familyOrArn} may be a family (latest ACTIVE revision). */
  Optional<TaskDefinitionInfo> describeTaskDefinition(String familyOrArn);

  /**
   * The newest task definition of {@code family} carrying all of {@code tags}, looking at no more than
   * {@code newestToInspect} revisions (ListTaskDefinitions newest first, then DescribeTaskDefinition).
   */
  Optional<TaskDefinitionInfo> findTaskDefinition(String family, Map<String, String> tags, int newestToInspect);

  /**
   * Registers a copy of {@code template} with {@code container}'s image replaced. The copy carries the
   * template's own tags (cost allocation, ABAC) and {@code tags}, which win where a key is in both.
   *
   * @return the new revision
   */
  TaskDefinitionInfo registerTaskDefinitionWithImage(String template, String container, String image,
      Map<String, String> tags);

  /**
   * Registers a copy of {@code template} with the image of every container in {@code images} replaced
   * (sidecars together with the main container); otherwise as {@link #registerTaskDefinitionWithImage}.
   * A container {@code images} names that the template lacks is refused ({@link AwsException}) before
   * anything is registered.
   */
  default TaskDefinitionInfo registerTaskDefinitionWithImages(String template, Map<String, String> images,
      Map<String, String> tags) {
    if (images.size() != 1) {
      throw new UnsupportedOperationException("this gateway sets one container's image only");
    }
    var only = images.entrySet().iterator().next();
    return registerTaskDefinitionWithImage(template, only.getKey(), only.getValue(), tags);
  }

  /** CreateTaskSet; {@code clientToken} makes a retried create return the same task set. */
  EcsTaskSet createTaskSet(CreateTaskSet request);

  void updateTaskSetScale(String cluster, String service, String taskSetArn, double percent);

  void updateServicePrimaryTaskSet(String cluster, String service, String taskSetArn);

  /** DeleteTaskSet; a task set that is already gone counts as deleted. */
  void deleteTaskSet(String cluster, String service, String taskSetArn);

  void tagResource(String arn, Map<String, String> tags);

  /**
   * RunTask: starts {@code request.count()} standalone tasks. With a client token ECS answers a retry with the tasks
   * the first call started, so a repeated call after a lost answer starts nothing new.
   *
   * @return the tasks started; a task ECS could not place is an {@link AwsException} naming the failure
   */
  List<EcsTask> runTask(RunTask request);

  /** DescribeTasks in batches of 100; tasks ECS no longer knows (stopped long ago) are left out. */
  List<EcsTask> describeTasks(String cluster, List<String> taskArns);

  /**
   * ListTasks, every page: the ARNs of the cluster's tasks that {@code startedBy} started (a task set's id for its
   * tasks) with the desired status given (RUNNING or STOPPED).
   */
  List<String> listTasks(String cluster, String startedBy, String desiredStatus);

  /**
   * Everything RunTask needs. {@code environment} is set on {@code container} through overrides; {@code placement}
   * as for task sets (launch type or capacity providers, awsvpc network).
   */
  record RunTask(
      String cluster,
      String taskDefinition,
      int count,
      String startedBy,
      String clientToken,
      String container,
      Map<String, String> environment,
      Placement placement,
      Map<String, String> tags) {

    public RunTask {
      environment = environment == null ? Map.of() : Map.copyOf(environment);
      tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
  }

  /** Everything CreateTaskSet needs. */
  record CreateTaskSet(
      String cluster,
      String service,
      String externalId,
      String clientToken,
      String taskDefinitionArn,
      String targetGroupArn,
      String containerName,
      int containerPort,
      double scalePercent,
      Placement placement,
      Map<String, String> tags) {}
}
