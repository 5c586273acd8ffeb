package dev.teal.cli;

import dev.teal.model.OwnershipTags;
import dev.teal.store.Failures;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.TaskSetField;

/**
 * {@link TaskSetLookup} over ECS: DescribeServices lists the service's task sets, then DescribeTaskSets
 * (including TAGS) reads their tags. ECS has no call that lists a service's task sets with their tags:
 * DescribeTaskSets without task set ids is refused ("TaskSets cannot be empty.", aws/aws-cli#5380).
 */
public final class EcsTaskSetLookup implements TaskSetLookup {

  private static final String INACTIVE = "INACTIVE";

  private final EcsClient ecs;

  public EcsTaskSetLookup(EcsClient ecs) {
    this.ecs = ecs;
  }

  @Override
  public List<String> liveTaskSets(String cluster, String service, String deployment) {
    String where = cluster + "/" + service;
    List<String> arns = ask("ECS DescribeServices on " + where, () -> ecs.describeServices(r -> r.cluster(cluster)
        .services(service)).services().stream()
        .filter(s -> !INACTIVE.equals(s.status()))
        .findFirst().map(Service::taskSets).orElse(List.of()).stream()
        .map(TaskSet::taskSetArn).toList());
    if (arns.isEmpty()) {
      return List.of();
    }
    return ask("ECS DescribeTaskSets on " + where, () -> ecs.describeTaskSets(r -> r.cluster(cluster).service(service)
        .taskSets(arns).include(TaskSetField.TAGS)).taskSets().stream()
        .filter(taskSet -> ownedBy(taskSet, deployment))
        .map(TaskSet::taskSetArn)
        .toList());
  }

  private static List<String> ask(String what, Supplier<List<String>> call) {
    try {
      return call.get();
    } catch (ClusterNotFoundException | ServiceNotFoundException | ServiceNotActiveException e) {
      return List.of();
    } catch (AwsServiceException e) {
      throw Failures.translate(what, e);
    } catch (SdkClientException e) {
      throw Failures.translate(what, e);
    }
  }

  private static boolean ownedBy(TaskSet taskSet, String deployment) {
    return taskSet.tags().stream()
        .anyMatch(tag -> OwnershipTags.DEPLOYMENT.equals(tag.key()) && deployment.equals(tag.value()));
  }
}
