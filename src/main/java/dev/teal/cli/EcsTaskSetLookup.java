package dev.teal.cli;

import dev.teal.model.OwnershipTags;
import dev.teal.store.Failures;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.TaskSetField;

/** {@link TaskSetLookup} with ECS DescribeTaskSets (including TAGS) on the deployment's service. */
public final class EcsTaskSetLookup implements TaskSetLookup {

  private final EcsClient ecs;

  public EcsTaskSetLookup(EcsClient ecs) {
    this.ecs = ecs;
  }

  @Override
  public List<String> liveTaskSets(String cluster, String service, String deployment) {
    try {
      return ecs.describeTaskSets(r -> r.cluster(cluster).service(service).include(TaskSetField.TAGS))
          .taskSets().stream()
          .filter(taskSet -> ownedBy(taskSet, deployment))
          .map(TaskSet::taskSetArn)
          .toList();
    } catch (ClusterNotFoundException | ServiceNotFoundException | ServiceNotActiveException e) {
      return List.of();
    } catch (AwsServiceException e) {
      throw Failures.translate("ECS DescribeTaskSets on " + cluster + "/" + service, e);
    } catch (SdkClientException e) {
      throw Failures.translate("ECS DescribeTaskSets on " + cluster + "/" + service, e);
    }
  }

  private static boolean ownedBy(TaskSet taskSet, String deployment) {
    return taskSet.tags().stream()
        .anyMatch(tag -> OwnershipTags.DEPLOYMENT.equals(tag.key()) && deployment.equals(tag.value()));
  }
}
