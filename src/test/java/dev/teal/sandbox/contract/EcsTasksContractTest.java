package dev.teal.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Standalone tasks as teal's ECS-task hooks run them: RunTask, then DescribeTasks and ListTasks until the essential
 * container has exited with its code. On AWS the task really runs (busybox exiting 3, public ECR); on the simulator
 * the image's {@code exit3} marker says the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcsTasksContractTest {

  private ContractTarget target;
  private EcsClient ecs;
  private String cluster;
  private String family;

  @BeforeAll
  void setUp() {
    target = ContractTarget.resolve();
    ecs = target.ecs();
    cluster = target.name("contract-tasks");
    ecs.createCluster(r -> r.clusterName(cluster));
    target.onClose(() -> ecs.deleteCluster(r -> r.cluster(cluster)));
    family = target.name("contract-tests");
    String image = target.isSimulator() ? "busybox:exit3" : "public.ecr.aws/docker/library/busybox:stable";
    String arn = ecs.registerTaskDefinition(r -> r.family(family).networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
        .containerDefinitions(c -> c.name("tests").image(image).essential(true).command("sh", "-c", "exit 3")))
        .taskDefinition().taskDefinitionArn();
    target.onClose(() -> ecs.deregisterTaskDefinition(r -> r.taskDefinition(arn)));
  }

  @AfterAll
  void tearDown() {
    if (target != null) {
      target.close();
    }
  }

  private Task describe(String taskArn) {
    List<Task> tasks = ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks();
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  @Test
  void aTaskRunsThenStopsWithItsEssentialContainersExitCode() {
    String startedBy = target.name("contract-hook");
    Task started = ecs.runTask(r -> r.cluster(cluster).taskDefinition(family).launchType(LaunchType.FARGATE)
        .startedBy(startedBy).networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(target.subnets())
            .assignPublicIp(AssignPublicIp.ENABLED)))
        .overrides(o -> o.containerOverrides(c -> c.name("tests").environment(e -> e.name("TARGET_URL")
            .value("http://example.invalid/"))))).tasks().get(0);
    assertThat(started.desiredStatus()).isEqualTo("RUNNING");
    assertThat(started.group()).isEqualTo("family:" + family);
    assertThat(ecs.listTasks(r -> r.cluster(cluster).startedBy(startedBy)).taskArns())
        .containsExactly(started.taskArn());

    target.eventually(Duration.ofMinutes(5), Duration.ofSeconds(10),
        () -> "STOPPED".equals(describe(started.taskArn()).lastStatus()));

    Task stopped = describe(started.taskArn());
    assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
    assertThat(stopped.containers()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("tests");
      assertThat(c.exitCode()).isEqualTo(3);
    });
    assertThat(stopped.overrides().containerOverrides().get(0).environment().get(0).name()).isEqualTo("TARGET_URL");
    assertThat(ecs.listTasks(r -> r.cluster(cluster).startedBy(startedBy)).taskArns()).isEmpty();
    assertThat(ecs.listTasks(r -> r.cluster(cluster).startedBy(startedBy).desiredStatus(DesiredStatus.STOPPED))
        .taskArns()).containsExactly(started.taskArn());
  }

  @Test
  void anAwsvpcTaskNeedsANetworkConfiguration() {
    assertThatThrownBy(() -> ecs.runTask(r -> r.cluster(cluster).taskDefinition(family).launchType(LaunchType.FARGATE)))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void aTaskThatDoesNotExistIsAMissingFailure() {
    String arn = ecs.describeClusters(r -> r.clusters(cluster)).clusters().get(0).clusterArn()
        .replace(":cluster/", ":task/") + "/0123456789abcdef0123456789abcdef";
    var response = ecs.describeTasks(r -> r.cluster(cluster).tasks(arn));
    assertThat(response.tasks()).isEmpty();
    assertThat(response.failures()).singleElement().satisfies(f -> {
      assertThat(f.arn()).isEqualTo(arn);
      assertThat(f.reason()).isEqualTo("MISSING");
    });
  }
}
