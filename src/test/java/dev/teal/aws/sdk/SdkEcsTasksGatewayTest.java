package dev.teal.aws.sdk;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.teal.aws.sdk.AwsWireMock.assertOneEcsRequest;
import static dev.teal.aws.sdk.AwsWireMock.ecs;
import static dev.teal.aws.sdk.AwsWireMock.ecsError;
import static dev.teal.aws.sdk.AwsWireMock.ecsOk;
import static dev.teal.aws.sdk.AwsWireMock.ecsRequests;
import static dev.teal.aws.sdk.AwsWireMock.ecsReturns;
import static dev.teal.aws.sdk.EcsFixtures.ACCOUNT;
import static dev.teal.aws.sdk.EcsFixtures.CLUSTER_ARN;
import static dev.teal.aws.sdk.EcsFixtures.taskDefinitionArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.teal.aws.AwsCallListener;
import dev.teal.aws.AwsException;
import dev.teal.aws.AwsTransientException;
import dev.teal.aws.EcsGateway.RunTask;
import dev.teal.aws.EcsTask;
import dev.teal.aws.Placement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;

/** RunTask, DescribeTasks and ListTasks through the ECS gateway, on WireMock (JSON 1.1). */
class SdkEcsTasksGatewayTest {

  @RegisterExtension
  static WireMockExtension wm = AwsWireMock.server();

  private EcsClient client;
  private SdkEcsGateway ecs;

  @BeforeEach
  void setUp() {
    client = new AwsClients(AwsWireMock.settings(wm, AwsCallListener.NONE)).newEcsClient();
    ecs = new SdkEcsGateway(client);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  static String taskArn(String id) {
    return "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/prod/" + id;
  }

  /** A stopped task whose essential container exited {@code exitCode}, as DescribeTasks returns it. */
  static String stoppedTask(String id, int exitCode) {
    return """
        {"taskArn": "%s", "clusterArn": "%s", "taskDefinitionArn": "%s", "lastStatus": "STOPPED",
         "desiredStatus": "STOPPED", "group": "family:web-tests", "startedBy": "teal", "launchType": "FARGATE",
         "stopCode": "EssentialContainerExited", "stoppedReason": "Essential container in task exited",
         "createdAt": 1700000000.0, "startedAt": 1700000010.5, "stoppedAt": 1700000042.0,
         "containers": [
           {"containerArn": "arn:aws:ecs:us-east-1:%s:container/prod/%s/tests", "name": "tests",
            "image": "web-tests:1", "lastStatus": "STOPPED", "exitCode": %d},
           {"containerArn": "arn:aws:ecs:us-east-1:%s:container/prod/%s/proxy", "name": "proxy",
            "image": "envoy:1", "lastStatus": "STOPPED", "reason": "CannotPullContainerError: not found"}
         ],
         "overrides": {"containerOverrides": []}}""".formatted(taskArn(id), CLUSTER_ARN,
        taskDefinitionArn("web-tests:3"), ACCOUNT, id, exitCode, ACCOUNT, id);
  }

  @Test
  void runTaskSendsTheTestRunnerWithItsEnvironmentTokenAndNetwork() throws Exception {
    ecsReturns(wm, "RunTask", "{\"tasks\": [" + stoppedTask("a1", 0).replace("\"STOPPED\"", "\"PENDING\"")
        + "], \"failures\": []}");
    Placement placement = new Placement("FARGATE", List.of(), "1.4.0",
        new Placement.AwsVpc(List.of("subnet-0a1b2c3d"), List.of("sg-0123456789abcdef0"), false), List.of());

    List<EcsTask> started = ecs.runTask(new RunTask("prod", "web-tests:3", 1, "teal", "web-7-hook-test", "tests",
        Map.of("TARGET_URL", "http://test.example:8080/"), placement, Map.of("teal:deployment", "web")));

    assertOneEcsRequest(wm, "RunTask", """
        {"cluster": "prod", "taskDefinition": "web-tests:3", "count": 1, "startedBy": "teal",
         "clientToken": "web-7-hook-test", "launchType": "FARGATE", "platformVersion": "1.4.0",
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0a1b2c3d"],
           "securityGroups": ["sg-0123456789abcdef0"], "assignPublicIp": "DISABLED"}},
         "overrides": {"containerOverrides": [{"name": "tests",
           "environment": [{"name": "TARGET_URL", "value": "http://test.example:8080/"}]}]},
         "tags": [{"key": "teal:deployment", "value": "web"}]}""");
    assertThat(started).extracting(EcsTask::arn).containsExactly(taskArn("a1"));
    assertThat(started.get(0).lastStatus()).isEqualTo("PENDING");
  }

  @Test
  void runTaskThatStartedNothingNamesECSsReason() {
    ecsReturns(wm, "RunTask", "{\"tasks\": [], \"failures\": [{\"arn\": \"arn:aws:ecs:us-east-1:" + ACCOUNT
        + ":container-instance/prod/x\", \"reason\": \"RESOURCE:MEMORY\"}]}");

    assertThatThrownBy(() -> ecs.runTask(new RunTask("prod", "web-tests", 1, null, null, null, Map.of(),
        Placement.NONE, Map.of()))).isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.operation()).isEqualTo("ecs:RunTask");
          assertThat(e.getMessage()).contains("RESOURCE:MEMORY");
        });
  }

  @Test
  void describeTasksMapsStopCodeReasonAndEachContainersExitCode() {
    ecsReturns(wm, "DescribeTasks", "{\"tasks\": [" + stoppedTask("a1", 3) + "], \"failures\": [{\"arn\": \""
        + taskArn("gone") + "\", \"reason\": \"MISSING\"}]}");

    List<EcsTask> tasks = ecs.describeTasks("prod", List.of(taskArn("a1"), taskArn("gone")));

    assertOneEcsRequest(wm, "DescribeTasks", "{\"cluster\": \"prod\", \"tasks\": [\"" + taskArn("a1") + "\", \""
        + taskArn("gone") + "\"]}");
    assertThat(tasks).containsExactly(new EcsTask(taskArn("a1"), taskDefinitionArn("web-tests:3"), "STOPPED",
        "STOPPED", "family:web-tests", "teal", "EssentialContainerExited", "Essential container in task exited",
        Instant.ofEpochSecond(1_700_000_000), Instant.ofEpochMilli(1_700_000_010_500L),
        Instant.ofEpochSecond(1_700_000_042), List.of(new EcsTask.Container("tests", 3, null),
            new EcsTask.Container("proxy", null, "CannotPullContainerError: not found"))));
    assertThat(tasks.get(0).stopped()).isTrue();
  }

  @Test
  void describeTasksAsksInBatchesOfAHundred() throws Exception {
    ecsReturns(wm, "DescribeTasks", "{\"tasks\": [], \"failures\": []}");
    List<String> arns = IntStream.range(0, 150).mapToObj(i -> taskArn("t" + i)).collect(Collectors.toList());

    assertThat(ecs.describeTasks("prod", arns)).isEmpty();

    var requests = ecsRequests(wm, "DescribeTasks");
    assertThat(requests).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(requests.get(0).getBodyAsString()).path("tasks")).hasSize(100);
    assertThat(json.readTree(requests.get(1).getBodyAsString()).path("tasks")).hasSize(50);
  }

  @Test
  void listTasksReadsEveryPageOfATaskSetsStoppedTasks() throws Exception {
    wm.stubFor(ecs("ListTasks").inScenario("pages").whenScenarioStateIs(STARTED).willSetStateTo("second")
        .willReturn(ecsOk("{\"taskArns\": [\"" + taskArn("a") + "\"], \"nextToken\": \"t2\"}")));
    wm.stubFor(ecs("ListTasks").inScenario("pages").whenScenarioStateIs("second")
        .willReturn(ecsOk("{\"taskArns\": [\"" + taskArn("b") + "\"]}")));

    assertThat(ecs.listTasks("prod", "ecs-svc/2222222222222222222", "STOPPED"))
        .containsExactly(taskArn("a"), taskArn("b"));

    var requests = ecsRequests(wm, "ListTasks");
    assertThat(requests).hasSize(2);
    AwsWireMock.assertEcsBody(requests.get(0), "{\"cluster\": \"prod\", \"startedBy\": \"ecs-svc/2222222222222222222\","
        + " \"desiredStatus\": \"STOPPED\", \"maxResults\": 100}");
    AwsWireMock.assertEcsBody(requests.get(1), "{\"cluster\": \"prod\", \"startedBy\": \"ecs-svc/2222222222222222222\","
        + " \"desiredStatus\": \"STOPPED\", \"maxResults\": 100, \"nextToken\": \"t2\"}");
  }

  @Test
  void throttledDescribeTasksIsTransientAndAMissingClusterIsNotFound() {
    wm.stubFor(ecs("DescribeTasks").willReturn(ecsError(400, "ThrottlingException", "Rate exceeded")));
    assertThatThrownBy(() -> ecs.describeTasks("prod", List.of(taskArn("a"))))
        .isInstanceOf(AwsTransientException.class);

    wm.resetAll();
    wm.stubFor(ecs("RunTask").willReturn(ecsError(400, "ClusterNotFoundException", "Cluster not found.")));
    assertThatThrownBy(() -> ecs.runTask(new RunTask("nope", "web-tests", 1, null, null, null, Map.of(),
        Placement.NONE, Map.of()))).isInstanceOf(dev.teal.aws.AwsNotFoundException.class);
  }
}
