package dev.teal.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * Application Auto Scaling on an EXTERNAL ECS service, and what a desired count change does to its task
 * sets, through the real SDK clients. Sources: Application Auto Scaling API reference (RegisterScalableTarget,
 * DescribeScalableTargets, SuspendedState); ECS API reference (TaskSet.computedDesiredCount); ECS developer
 * guide ("Task retirement and maintenance for AWS Fargate"); docs/sandbox.md lists them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutoScalingContractTest {

  private ContractTarget target;
  private ExternalService world;
  private ApplicationAutoScalingClient autoScaling;

  @BeforeAll
  void setUp() {
    target = ContractTarget.resolve();
    world = new ExternalService(target, "contract-aas");
    autoScaling = target.autoScaling();
  }

  @AfterAll
  void tearDown() {
    if (target != null) {
      target.close();
    }
  }

  private String resourceId(String service) {
    return "service/" + world.cluster + "/" + service;
  }

  private List<ScalableTarget> describe(String service) {
    return autoScaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
        .resourceIds(resourceId(service)).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT))
        .scalableTargets();
  }

  private void register(String service, int min, int max) {
    autoScaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId(service))
        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(min).maxCapacity(max));
    target.onClose(() -> autoScaling.deregisterScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
        .resourceId(resourceId(service)).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)));
  }

  private void suspendScaleIn(String service, boolean suspended) {
    autoScaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId(service))
        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
        .suspendedState(s -> s.dynamicScalingInSuspended(suspended)));
  }

  private List<TaskSet> taskSets(String service) {
    return world.ecs.describeServices(r -> r.cluster(world.cluster).services(service)).services().get(0).taskSets();
  }

  @Test
  void aServiceWithoutAScalableTargetHasNone() {
    String service = world.service("svc-no-aas", 1);
    assertThat(describe(service)).isEmpty();
  }

  @Test
  void registeringNeedsCapacityAndUpdatingChangesOnlyWhatIsGiven() {
    String service = world.service("svc-aas", 2);
    assertThatThrownBy(() -> suspendScaleIn(service, true)).isInstanceOf(ValidationException.class);

    register(service, 1, 10);
    assertThat(describe(service)).singleElement().satisfies(t -> {
      assertThat(t.minCapacity()).isEqualTo(1);
      assertThat(t.maxCapacity()).isEqualTo(10);
      assertThat(t.suspendedState().dynamicScalingInSuspended()).isFalse();
      assertThat(t.suspendedState().dynamicScalingOutSuspended()).isFalse();
      assertThat(t.suspendedState().scheduledScalingSuspended()).isFalse();
    });

    suspendScaleIn(service, true);
    assertThat(describe(service)).singleElement().satisfies(t -> {
      assertThat(t.minCapacity()).isEqualTo(1);
      assertThat(t.maxCapacity()).isEqualTo(10);
      assertThat(t.suspendedState().dynamicScalingInSuspended()).isTrue();
      assertThat(t.suspendedState().dynamicScalingOutSuspended()).isFalse();
    });
    suspendScaleIn(service, false);
    assertThat(describe(service).get(0).suspendedState().dynamicScalingInSuspended()).isFalse();
  }

  @Test
  void everyTaskSetFollowsTheServicesDesiredCountAtOnce() {
    String service = world.service("svc-follow", 4);
    String group = world.targetGroup("contract-aas-follow", 0);
    world.forwardRule(group);
    String blue = world.ecs.createTaskSet(world.taskSet(service, group, 100).build()).taskSet().taskSetArn();
    String green = world.ecs.createTaskSet(world.taskSet(service, group, 50).build()).taskSet().taskSetArn();

    world.ecs.updateService(r -> r.cluster(world.cluster).service(service).desiredCount(6));

    assertThat(taskSets(service)).extracting(TaskSet::taskSetArn, TaskSet::computedDesiredCount)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(blue, 6),
            org.assertj.core.groups.Tuple.tuple(green, 3));
  }

  @Test
  void aScalingActivityHonoursTheRangeAndSuspendedScaleIn() {
    target.assumeSimulator(); // a policy's activity cannot be triggered at will on AWS
    String service = world.service("svc-activity", 4);
    register(service, 2, 8);
    suspendScaleIn(service, true);
    Instant now = target.simulator().clock().instant();

    target.simulator().scaleServiceAt(now.plusSeconds(10), world.cluster, service, 2);
    target.simulator().scaleServiceAt(now.plusSeconds(20), world.cluster, service, 20);
    target.advance(Duration.ofSeconds(10));
    assertThat(desiredCount(service)).as("scale-in is suspended").isEqualTo(4);
    target.advance(Duration.ofSeconds(10));
    assertThat(desiredCount(service)).as("scale-out goes on, up to the maximum").isEqualTo(8);
    assertThat(target.simulator().scalingActivities()).hasSize(2).first().asString().contains("skipped");

    suspendScaleIn(service, false);
    target.simulator().scaleServiceAt(now.plusSeconds(30), world.cluster, service, 1);
    target.advance(Duration.ofSeconds(10));
    assertThat(desiredCount(service)).as("scale-in again, down to the minimum").isEqualTo(2);
  }

  @Test
  void aRetiredTaskIsReplaced() {
    target.assumeSimulator(); // Fargate retires tasks on its own schedule
    String service = world.service("svc-retire", 2);
    String group = world.targetGroup("contract-aas-retire", 0);
    world.forwardRule(group);
    String ts = world.ecs.createTaskSet(world.taskSet(service, group, 100).build()).taskSet().taskSetArn();
    target.advance(Duration.ofMinutes(2));
    assertThat(taskSets(service).get(0).runningCount()).isEqualTo(2);

    target.simulator().retireTaskAt(target.simulator().clock().instant().plusSeconds(1), ts);
    target.advance(Duration.ofSeconds(1));
    TaskSet during = taskSets(service).get(0);
    assertThat(during.runningCount()).isEqualTo(1);
    assertThat(during.pendingCount()).isEqualTo(1);
    assertThat(during.computedDesiredCount()).isEqualTo(2);
    target.advance(Duration.ofMinutes(1));
    assertThat(taskSets(service).get(0).runningCount()).isEqualTo(2);
  }

  private int desiredCount(String service) {
    return world.ecs.describeServices(r -> r.cluster(world.cluster).services(service)).services().get(0)
        .desiredCount();
  }
}
