package dev.teal.aws.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static dev.teal.aws.sdk.AwsWireMock.assertEcsBody;
import static dev.teal.aws.sdk.AwsWireMock.assertOneEcsRequest;
import static dev.teal.aws.sdk.AwsWireMock.ecs;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.teal.aws.sdk.AwsWireMock.ecsError;
import static dev.teal.aws.sdk.AwsWireMock.ecsOk;
import static dev.teal.aws.sdk.AwsWireMock.ecsRequests;
import static dev.teal.aws.sdk.AwsWireMock.ecsReturns;
import static dev.teal.aws.sdk.EcsFixtures.BLUE_TG;
import static dev.teal.aws.sdk.EcsFixtures.CLUSTER_ARN;
import static dev.teal.aws.sdk.EcsFixtures.GREEN_TG;
import static dev.teal.aws.sdk.EcsFixtures.SERVICE_ARN;
import static dev.teal.aws.sdk.EcsFixtures.fargateTaskSet;
import static dev.teal.aws.sdk.EcsFixtures.service;
import static dev.teal.aws.sdk.EcsFixtures.taskDefinitionArn;
import static dev.teal.aws.sdk.EcsFixtures.taskSetArn;
import static dev.teal.aws.sdk.EcsFixtures.webTaskDefinition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.teal.aws.AwsCallListener;
import dev.teal.aws.AwsException;
import dev.teal.aws.AwsNotFoundException;
import dev.teal.aws.EcsGateway.CreateTaskSet;
import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.Placement;
import dev.teal.aws.TaskDefinitionInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;

class SdkEcsGatewayTest {

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

  // ---- DescribeServices -----------------------------------------------------------------------

  @Test
  void describeServiceMapsTheServiceAndEveryFieldOfItsTaskSets() {
    String blue = fargateTaskSet("ecs-svc/1111111111111111111", "1a2b3c4d", "PRIMARY", 100.0, "STEADY_STATE",
        4, 0, 4, BLUE_TG);
    String green = fargateTaskSet("ecs-svc/2222222222222222222", "5e6f7a8b", "ACTIVE", 25.0, "STABILIZING",
        0, 1, 1, GREEN_TG);
    ecsReturns(wm, "DescribeServices",
        "{\"services\": [" + service("web", "ACTIVE", blue + "," + green) + "], \"failures\": []}");

    EcsService found = ecs.describeService("prod", "web").orElseThrow();

    // With the tags: a deployment's claim on the service is one of them.
    assertOneEcsRequest(wm, "DescribeServices", "{\"cluster\": \"prod\", \"services\": [\"web\"], \"include\": [\"TAGS\"]}");
    assertThat(found.arn()).isEqualTo(SERVICE_ARN);
    assertThat(found.name()).isEqualTo("web");
    assertThat(found.clusterArn()).isEqualTo(CLUSTER_ARN);
    assertThat(found.status()).isEqualTo("ACTIVE");
    assertThat(found.deploymentController()).isEqualTo("EXTERNAL");
    assertThat(found.desiredCount()).isEqualTo(4);
    assertThat(found.taskSets()).hasSize(2);
    assertThat(found.taskSets().get(0)).isEqualTo(new EcsTaskSet("ecs-svc/1111111111111111111",
        taskSetArn("ecs-svc/1111111111111111111"), "1a2b3c4d", "PRIMARY", taskDefinitionArn("web:7"), 100.0,
        "STEADY_STATE", 4, 0, 4, List.of(BLUE_TG),
        new Placement("FARGATE", List.of(), "1.4.0", new Placement.AwsVpc(List.of("subnet-0a1b2c3d",
            "subnet-4e5f6a7b"), List.of("sg-0123456789abcdef0"), false), List.of()),
        Instant.ofEpochMilli(1_700_000_000_123L), Map.of()));
    assertThat(found.placement().launchType()).as("the service's own").isEqualTo("FARGATE");
    EcsTaskSet stabilizing = found.taskSets().get(1);
    assertThat(stabilizing.status()).isEqualTo("ACTIVE");
    assertThat(stabilizing.scalePercent()).isEqualTo(25.0);
    assertThat(stabilizing.isSteady()).isFalse();
    assertThat(stabilizing.pendingCount()).isEqualTo(1);
    assertThat(stabilizing.computedDesiredCount()).isEqualTo(1);
    assertThat(stabilizing.targetGroupArn()).isEqualTo(GREEN_TG);
  }

  @Test
  void describeServiceMapsAssignPublicIpEnabled() {
    String taskSet = fargateTaskSet("ecs-svc/1", "x", "PRIMARY", 100.0, "STEADY_STATE", 1, 0, 1, BLUE_TG)
        .replace("\"DISABLED\"", "\"ENABLED\"");
    ecsReturns(wm, "DescribeServices", "{\"services\": [" + service("web", "ACTIVE", taskSet) + "], \"failures\": []}");

    assertThat(ecs.describeService("prod", "web").orElseThrow().taskSets().get(0).placement().awsvpc().assignPublicIp())
        .isTrue();
  }

  @Test
  void describeServiceMapsACapacityProviderStrategyAndCloudMapRegistriesOfATaskSet() {
    String taskSet = fargateTaskSet("ecs-svc/1", "x", "PRIMARY", 100.0, "STEADY_STATE", 1, 0, 1, BLUE_TG)
        .replace("\"launchType\": \"FARGATE\",", "\"capacityProviderStrategy\": [{\"capacityProvider\":"
            + " \"FARGATE_SPOT\", \"weight\": 3, \"base\": 1}, {\"capacityProvider\": \"FARGATE\", \"weight\": 1}],")
        .replace("\"serviceRegistries\": []", "\"serviceRegistries\": [{\"registryArn\":"
            + " \"arn:aws:servicediscovery:us-east-1:123456789012:service/srv-abc\", \"containerName\": \"app\","
            + " \"containerPort\": 8080}]");
    ecsReturns(wm, "DescribeServices", "{\"services\": [" + service("web", "ACTIVE", taskSet) + "], \"failures\": []}");

    Placement placement = ecs.describeService("prod", "web").orElseThrow().taskSets().get(0).placement();

    assertThat(placement.launchType()).isNull();
    assertThat(placement.capacityProviderStrategy()).containsExactly(new Placement.CapacityProvider("FARGATE_SPOT", 3, 1),
        new Placement.CapacityProvider("FARGATE", 1, 0));
    assertThat(placement.serviceRegistries()).containsExactly(new Placement.ServiceRegistry(
        "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-abc", null, "app", 8080));
  }

  @Test
  void describeServiceIsEmptyWhenEcsReportsTheServiceMissing() {
    ecsReturns(wm, "DescribeServices", """
        {"services": [], "failures": [{"arn": "arn:aws:ecs:us-east-1:123456789012:service/prod/web", "reason": "MISSING"}]}""");

    assertThat(ecs.describeService("prod", "web")).isEmpty();
  }

  @Test
  void describeServiceIsEmptyWhenTheServiceIsInactive() {
    ecsReturns(wm, "DescribeServices", "{\"services\": [" + service("web", "INACTIVE", "") + "], \"failures\": []}");

    assertThat(ecs.describeService("prod", "web")).isEmpty();
  }

  @Test
  void describeServicesAsksForTenAtATimeAndLeavesOutTheMissingOnes() {
    List<String> names = IntStream.range(0, 25).mapToObj(i -> String.format("svc-%02d", i)).toList();
    // Each batch answers for its own first service only; the others are MISSING.
    for (int first : new int[] {0, 10, 20}) {
      String name = names.get(first);
      wm.stubFor(ecs("DescribeServices").withRequestBody(matchingJsonPath("$.services[0]", equalTo(name)))
          .willReturn(ecsOk("{\"services\": [" + service(name, "ACTIVE", "") + "], \"failures\": [{\"arn\": \"x\","
              + " \"reason\": \"MISSING\"}]}")));
    }

    Map<String, EcsService> found = ecs.describeServices("prod", names);

    List<LoggedRequest> requests = ecsRequests(wm, "DescribeServices");
    assertThat(requests).hasSize(3);
    assertEcsBody(requests.get(0), "{\"cluster\": \"prod\", \"services\": " + json(names.subList(0, 10)) + ", \"include\": [\"TAGS\"]}");
    assertEcsBody(requests.get(1), "{\"cluster\": \"prod\", \"services\": " + json(names.subList(10, 20)) + ", \"include\": [\"TAGS\"]}");
    assertEcsBody(requests.get(2), "{\"cluster\": \"prod\", \"services\": " + json(names.subList(20, 25)) + ", \"include\": [\"TAGS\"]}");
    assertThat(found).containsOnlyKeys("svc-00", "svc-10", "svc-20");
    assertThat(found.get("svc-10").name()).isEqualTo("svc-10");
  }

  @Test
  void describeServicesOfNoNamesCallsNothing() {
    assertThat(ecs.describeServices("prod", List.of())).isEmpty();
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void describeServiceOfAMissingClusterIsNotFound() {
    wm.stubFor(ecs("DescribeServices").willReturn(ecsError(400, "ClusterNotFoundException", "Cluster not found.")));

    assertThatThrownBy(() -> ecs.describeService("nope", "web"))
        .isInstanceOfSatisfying(AwsNotFoundException.class, e -> {
          assertThat(e.operation()).isEqualTo("ecs:DescribeServices");
          assertThat(e.errorCode()).isEqualTo("ClusterNotFoundException");
          assertThat(e.getMessage()).contains("Cluster not found.");
        });
  }

  // ---- DescribeTaskSets -----------------------------------------------------------------------

  @Test
  void describeTaskSetsWithTagsAsksForTagsAndMapsThem() {
    String taskSet = fargateTaskSet("ecs-svc/1", "1a2b3c4d", "PRIMARY", 100.0, "STEADY_STATE", 4, 0, 4, BLUE_TG);
    String tagged = taskSet.substring(0, taskSet.lastIndexOf('}'))
        + ", \"tags\": [{\"key\": \"teal.dev/managed-by\", \"value\": \"teal\"}, {\"key\": \"teal.dev/revision\","
        + " \"value\": \"1a2b3c4d\"}]}";
    ecsReturns(wm, "DescribeTaskSets", "{\"taskSets\": [" + tagged + "], \"failures\": [{\"arn\": \""
        + taskSetArn("ecs-svc/gone") + "\", \"reason\": \"MISSING\"}]}");

    List<EcsTaskSet> found = ecs.describeTaskSetsWithTags("prod", "web",
        List.of(taskSetArn("ecs-svc/1"), taskSetArn("ecs-svc/gone")));

    assertOneEcsRequest(wm, "DescribeTaskSets", "{\"cluster\": \"prod\", \"service\": \"web\", \"taskSets\": [\""
        + taskSetArn("ecs-svc/1") + "\", \"" + taskSetArn("ecs-svc/gone") + "\"], \"include\": [\"TAGS\"]}");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).tags()).containsExactly(Map.entry("teal.dev/managed-by", "teal"),
        Map.entry("teal.dev/revision", "1a2b3c4d"));
  }

  @Test
  void describeTaskSetsOfNoArnsCallsNothing() {
    // An empty taskSets list would make ECS describe every task set of the service.
    assertThat(ecs.describeTaskSetsWithTags("prod", "web", List.of())).isEmpty();
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  // ---- task definitions -------------------------------------------------------------------------

  @Test
  void describeTaskDefinitionMapsImagesAndTags() {
    ecsReturns(wm, "DescribeTaskDefinition", webTaskDefinition("web:7", "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2",
        "[{\"key\": \"team\", \"value\": \"payments\"}]"));

    TaskDefinitionInfo info = ecs.describeTaskDefinition("web").orElseThrow();

    assertOneEcsRequest(wm, "DescribeTaskDefinition", "{\"taskDefinition\": \"web\", \"include\": [\"TAGS\"]}");
    assertThat(new TaskDefinitionInfo(info.arn(), info.family(), info.revision(), info.containerImages(), info.tags(),
        info.networkMode())).isEqualTo(new TaskDefinitionInfo(taskDefinitionArn("web:7"), "web", 7,
        Map.of("app", "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2",
            "envoy", "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.27.0.0-prod"),
        Map.of("team", "payments"), "awsvpc"));
    // Every setting but the image is fingerprinted, per container and for the task, for teal plan's diff.
    assertThat(info.settings()).containsOnlyKeys(TaskDefinitionInfo.TASK, "app", "envoy");
    assertThat(info.settings().get("app")).doesNotContainKeys("image", "name").isNotEmpty();
  }

  @Test
  void describeTaskDefinitionThatEcsCannotFindIsEmpty() {
    wm.stubFor(ecs("DescribeTaskDefinition")
        .willReturn(ecsError(400, "ClientException", "Unable to describe task definition.")));

    assertThat(ecs.describeTaskDefinition("web:99")).isEmpty();
  }

  @Test
  void describeTaskDefinitionDoesNotHideOtherClientErrors() {
    wm.stubFor(ecs("DescribeTaskDefinition").willReturn(ecsError(400, "AccessDeniedException",
        "User is not authorized to perform: ecs:DescribeTaskDefinition")));

    assertThatThrownBy(() -> ecs.describeTaskDefinition("web"))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
          assertThat(e.isRetryable()).isFalse();
        });
  }

  @Test
  void findTaskDefinitionListsNewestFirstAndReturnsTheFirstCarryingAllTags() {
    ecsReturns(wm, "ListTaskDefinitions", "{\"taskDefinitionArns\": [\"" + taskDefinitionArn("web:9") + "\", \""
        + taskDefinitionArn("web:8") + "\", \"" + taskDefinitionArn("web:7") + "\"]}");
    describes("web:9", "[{\"key\": \"teal.dev/revision\", \"value\": \"other\"}, {\"key\": \"teal.dev/deployment\","
        + " \"value\": \"web\"}]");
    describes("web:8", "[{\"key\": \"teal.dev/revision\", \"value\": \"5e6f7a8b\"}, {\"key\": \"teal.dev/deployment\","
        + " \"value\": \"web\"}, {\"key\": \"team\", \"value\": \"payments\"}]");
    describes("web:7", "[{\"key\": \"teal.dev/revision\", \"value\": \"5e6f7a8b\"}, {\"key\": \"teal.dev/deployment\","
        + " \"value\": \"web\"}]");

    Optional<TaskDefinitionInfo> found = ecs.findTaskDefinition("web",
        Map.of("teal.dev/revision", "5e6f7a8b", "teal.dev/deployment", "web"), 3);

    assertOneEcsRequest(wm, "ListTaskDefinitions",
        "{\"familyPrefix\": \"web\", \"status\": \"ACTIVE\", \"sort\": \"DESC\", \"maxResults\": 3}");
    assertThat(found.map(TaskDefinitionInfo::arn)).contains(taskDefinitionArn("web:8"));
    List<LoggedRequest> described = ecsRequests(wm, "DescribeTaskDefinition");
    assertThat(described).hasSize(2); // web:9, then web:8; web:7 is never needed
    assertEcsBody(described.get(0), "{\"taskDefinition\": \"" + taskDefinitionArn("web:9") + "\", \"include\": [\"TAGS\"]}");
    assertEcsBody(described.get(1), "{\"taskDefinition\": \"" + taskDefinitionArn("web:8") + "\", \"include\": [\"TAGS\"]}");
  }

  @Test
  void findTaskDefinitionIsEmptyWhenNoneOfTheNewestCarriesTheTags() {
    ecsReturns(wm, "ListTaskDefinitions", "{\"taskDefinitionArns\": [\"" + taskDefinitionArn("web:9") + "\"]}");
    describes("web:9", "[]");

    assertThat(ecs.findTaskDefinition("web", Map.of("teal.dev/revision", "5e6f7a8b"), 1)).isEmpty();
  }

  @Test
  void findTaskDefinitionAsksForNoMoreThanListTaskDefinitionsAllows() {
    ecsReturns(wm, "ListTaskDefinitions", "{\"taskDefinitionArns\": []}");

    assertThat(ecs.findTaskDefinition("web", Map.of(), 500)).isEmpty();

    assertOneEcsRequest(wm, "ListTaskDefinitions",
        "{\"familyPrefix\": \"web\", \"status\": \"ACTIVE\", \"sort\": \"DESC\", \"maxResults\": 100}");
  }

  @Test
  void registerTaskDefinitionWithImageCopiesTheTemplateWithOneImageReplaced() {
    ecsReturns(wm, "DescribeTaskDefinition", webTaskDefinition("web:7", "registry/web:1.4.2", "[]"));
    ecsReturns(wm, "RegisterTaskDefinition", webTaskDefinition("web:8", "registry/web:1.5.0",
        "[{\"key\": \"teal.dev/revision\", \"value\": \"5e6f7a8b\"}]"));

    TaskDefinitionInfo registered = ecs.registerTaskDefinitionWithImage("web:7", "app", "registry/web:1.5.0",
        Map.of("teal.dev/revision", "5e6f7a8b"));

    assertThat(registered.arn()).isEqualTo(taskDefinitionArn("web:8"));
    assertThat(registered.networkMode()).isEqualTo("awsvpc");
    assertThat(registered.tags()).containsEntry("teal.dev/revision", "5e6f7a8b");
    assertOneEcsRequest(wm, "DescribeTaskDefinition", "{\"taskDefinition\": \"web:7\", \"include\": [\"TAGS\"]}");
    assertOneEcsRequest(wm, "RegisterTaskDefinition", """
        {
          "family": "web",
          "taskRoleArn": "arn:aws:iam::123456789012:role/web-task",
          "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
          "networkMode": "awsvpc",
          "containerDefinitions": [
            {
              "name": "app",
              "image": "registry/web:1.5.0",
              "cpu": 0,
              "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}],
              "essential": true,
              "environment": [{"name": "MODE", "value": "prod"}],
              "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/tmp/scratch", "readOnly": false}],
              "volumesFrom": [],
              "logConfiguration": {
                "logDriver": "awslogs",
                "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}
              }
            },
            {
              "name": "envoy",
              "image": "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.27.0.0-prod",
              "cpu": 0,
              "essential": true,
              "user": "1337"
            }
          ],
          "volumes": [{"name": "scratch"}],
          "placementConstraints": [],
          "requiresCompatibilities": ["FARGATE"],
          "cpu": "512",
          "memory": "1024",
          "proxyConfiguration": {
            "type": "APPMESH",
            "containerName": "envoy",
            "properties": [
              {"name": "AppPorts", "value": "8080"},
              {"name": "ProxyIngressPort", "value": "15000"},
              {"name": "ProxyEgressPort", "value": "15001"},
              {"name": "IgnoredUID", "value": "1337"}
            ]
          },
          "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
          "ephemeralStorage": {"sizeInGiB": 30},
          "tags": [{"key": "teal.dev/revision", "value": "5e6f7a8b"}]
        }""");
  }

  /**
   * Tags are the resource's, not the definition's: without include=TAGS the template's cost allocation
   * and ABAC tags are lost on the copy. Shown to catch: describing the template without TAGS (the copy
   * carried teal's tags only).
   */
  @Test
  void registerTaskDefinitionWithImageCarriesTheTemplatesTagsBesideTealsOwn() {
    ecsReturns(wm, "DescribeTaskDefinition", webTaskDefinition("web:7", "registry/web:1.4.2", """
        [{"key": "cost-center", "value": "cc-42"}, {"key": "teal.dev/revision", "value": "0ld0ld00"},
         {"key": "aws:cloudformation:stack-name", "value": "web"}, {"key": "team", "value": "payments"}]"""));
    ecsReturns(wm, "RegisterTaskDefinition", webTaskDefinition("web:8", "registry/web:1.5.0", "[]"));

    ecs.registerTaskDefinitionWithImage("web:7", "app", "registry/web:1.5.0", Map.of("teal.dev/revision", "5e6f7a8b"));

    List<LoggedRequest> registered = ecsRequests(wm, "RegisterTaskDefinition");
    assertThat(registered).hasSize(1);
    assertThat(registered.get(0).getBodyAsString())
        .contains("{\"key\":\"teal.dev/revision\",\"value\":\"5e6f7a8b\"}")
        .contains("{\"key\":\"cost-center\",\"value\":\"cc-42\"}")
        .contains("{\"key\":\"team\",\"value\":\"payments\"}")
        .doesNotContain("0ld0ld00")
        .doesNotContain("aws:cloudformation");
  }

  @Test
  void aCopyKeepsTealsTagsAndAsManyOfTheTemplatesAsFitInFifty() {
    List<software.amazon.awssdk.services.ecs.model.Tag> template = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      template.add(software.amazon.awssdk.services.ecs.model.Tag.builder().key("k" + i).value("v" + i).build());
    }
    Map<String, String> own = Map.of("teal.dev/managed-by", "teal", "teal.dev/deployment", "web",
        "teal.dev/revision", "5e6f7a8b");

    Map<String, String> tags = TaskDefinitionCopy.tags(template, own);

    assertThat(tags).hasSize(TaskDefinitionCopy.MAX_TAGS).containsAllEntriesOf(own).containsKeys("k0", "k46")
        .doesNotContainKey("k47");
  }

  @Test
  void registerTaskDefinitionForAContainerTheTemplateLacksFailsWithoutRegistering() {
    ecsReturns(wm, "DescribeTaskDefinition", webTaskDefinition("web:7", "registry/web:1.4.2", "[]"));

    assertThatThrownBy(() -> ecs.registerTaskDefinitionWithImage("web:7", "api", "registry/web:1.5.0", Map.of()))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e).isNotInstanceOf(AwsNotFoundException.class);
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.errorCode()).isEqualTo(TaskDefinitionCopy.CONTAINER_NOT_IN_TEMPLATE);
          assertThat(e.getMessage()).contains("no container named api").contains("[app, envoy]");
        });
    assertThat(ecsRequests(wm, "RegisterTaskDefinition")).isEmpty();
  }

  /**
   * A registration that took effect but answered an error must not be retried blindly: it would leave a
   * second revision. Shown to catch: removing the single-attempt override (the journal showed 3 requests).
   */
  @Test
  void registerTaskDefinitionIsNotRetriedByTheSdkButTheDescribeBeforeItIs() {
    wm.stubFor(ecs("DescribeTaskDefinition").inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(ecsError(500, "ServerException", "try again")).willSetStateTo("ok"));
    wm.stubFor(ecs("DescribeTaskDefinition").inScenario("flaky").whenScenarioStateIs("ok")
        .willReturn(okJson(webTaskDefinition("web:7", "registry/web:1.4.2", "[]"))));
    wm.stubFor(ecs("RegisterTaskDefinition").willReturn(ecsError(500, "ServerException", "it may have worked")));

    assertThatThrownBy(() -> ecs.registerTaskDefinitionWithImage("web:7", "app", "registry/web:1.5.0", Map.of()))
        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThat(ecsRequests(wm, "DescribeTaskDefinition")).hasSize(2);
    assertThat(ecsRequests(wm, "RegisterTaskDefinition")).hasSize(1);
  }

  // ---- task sets --------------------------------------------------------------------------------

  @Test
  void createTaskSetSendsEverythingAndMapsTheAnswer() {
    String id = "ecs-svc/3333333333333333333";
    ecsReturns(wm, "CreateTaskSet", "{\"taskSet\": " + fargateTaskSet(id, "5e6f7a8b", "ACTIVE", 25.0,
        "STABILIZING", 0, 0, 1, GREEN_TG) + "}");
    var tags = new LinkedHashMap<String, String>();
    tags.put("teal.dev/managed-by", "teal");
    tags.put("teal.dev/revision", "5e6f7a8b");

    EcsTaskSet created = ecs.createTaskSet(new CreateTaskSet("prod", "web", "5e6f7a8b",
        "0123456789abcdef0123456789abcdef", taskDefinitionArn("web:8"), GREEN_TG, "app", 8080, 25.0,
        new Placement("FARGATE", List.of(), "1.4.0", new Placement.AwsVpc(List.of("subnet-0a1b2c3d", "subnet-4e5f6a7b"),
            List.of("sg-0123456789abcdef0"), true), List.of()),
        tags));

    assertOneEcsRequest(wm, "CreateTaskSet", """
        {
          "service": "web",
          "cluster": "prod",
          "externalId": "5e6f7a8b",
          "taskDefinition": "%s",
          "networkConfiguration": {
            "awsvpcConfiguration": {
              "subnets": ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
              "securityGroups": ["sg-0123456789abcdef0"],
              "assignPublicIp": "ENABLED"
            }
          },
          "loadBalancers": [{"targetGroupArn": "%s", "containerName": "app", "containerPort": 8080}],
          "launchType": "FARGATE",
          "platformVersion": "1.4.0",
          "scale": {"value": 25.0, "unit": "PERCENT"},
          "clientToken": "0123456789abcdef0123456789abcdef",
          "tags": [{"key": "teal.dev/managed-by", "value": "teal"}, {"key": "teal.dev/revision", "value": "5e6f7a8b"}]
        }""".formatted(taskDefinitionArn("web:8"), GREEN_TG));
    assertThat(created.arn()).isEqualTo(taskSetArn(id));
    assertThat(created.externalId()).isEqualTo("5e6f7a8b");
    assertThat(created.scalePercent()).isEqualTo(25.0);
    assertThat(created.targetGroupArn()).isEqualTo(GREEN_TG);
  }

  @Test
  void createTaskSetWithoutAwsvpcSubnetsSendsNoNetworkConfiguration() {
    ecsReturns(wm, "CreateTaskSet", "{\"taskSet\": " + fargateTaskSet("ecs-svc/4", "x", "ACTIVE", 0.0,
        "STABILIZING", 0, 0, 0, GREEN_TG) + "}");

    ecs.createTaskSet(new CreateTaskSet("prod", "web", "x", "token", taskDefinitionArn("web:8"), GREEN_TG, "app",
        8080, 0.0, new Placement("EC2", List.of(), null, null, List.of()), Map.of()));

    assertOneEcsRequest(wm, "CreateTaskSet", """
        {
          "service": "web", "cluster": "prod", "externalId": "x", "taskDefinition": "%s",
          "loadBalancers": [{"targetGroupArn": "%s", "containerName": "app", "containerPort": 8080}],
          "launchType": "EC2",
          "scale": {"value": 0.0, "unit": "PERCENT"},
          "clientToken": "token"
        }""".formatted(taskDefinitionArn("web:8"), GREEN_TG));
  }

  /**
   * Green runs where blue runs: a capacity provider strategy is sent as such (never beside a launch type,
   * which ECS refuses), with the Cloud Map registries. Shown to catch: the old mapping that sent only the
   * launch type (the request had neither, so ECS would use the cluster's default strategy).
   */
  @Test
  void createTaskSetSendsACapacityProviderStrategyAndCloudMapRegistries() {
    ecsReturns(wm, "CreateTaskSet", "{\"taskSet\": " + fargateTaskSet("ecs-svc/5", "x", "ACTIVE", 0.0,
        "STABILIZING", 0, 0, 0, GREEN_TG) + "}");
    Placement spot = new Placement(null, List.of(new Placement.CapacityProvider("FARGATE_SPOT", 1, 0)), null,
        new Placement.AwsVpc(List.of("subnet-0a1b2c3d"), List.of(), false),
        List.of(new Placement.ServiceRegistry("arn:aws:servicediscovery:us-east-1:123456789012:service/srv-abc", null,
            "app", 8080)));

    ecs.createTaskSet(new CreateTaskSet("prod", "web", "x", "token", taskDefinitionArn("web:8"), GREEN_TG, "app",
        8080, 0.0, spot, Map.of()));

    assertOneEcsRequest(wm, "CreateTaskSet", """
        {
          "service": "web", "cluster": "prod", "externalId": "x", "taskDefinition": "%s",
          "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0a1b2c3d"], "securityGroups": [],
            "assignPublicIp": "DISABLED"}},
          "loadBalancers": [{"targetGroupArn": "%s", "containerName": "app", "containerPort": 8080}],
          "serviceRegistries": [{"registryArn": "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-abc",
            "containerName": "app", "containerPort": 8080}],
          "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1, "base": 0}],
          "scale": {"value": 0.0, "unit": "PERCENT"},
          "clientToken": "token"
        }""".formatted(taskDefinitionArn("web:8"), GREEN_TG));
  }

  @Test
  void updateTaskSetScaleSendsPercent() {
    String arn = taskSetArn("ecs-svc/2");
    ecsReturns(wm, "UpdateTaskSet", "{\"taskSet\": " + fargateTaskSet("ecs-svc/2", "x", "ACTIVE", 50.0,
        "STABILIZING", 1, 1, 2, GREEN_TG) + "}");

    ecs.updateTaskSetScale("prod", "web", arn, 50.0);

    assertOneEcsRequest(wm, "UpdateTaskSet", "{\"cluster\": \"prod\", \"service\": \"web\", \"taskSet\": \"" + arn
        + "\", \"scale\": {\"value\": 50.0, \"unit\": \"PERCENT\"}}");
  }

  @Test
  void updateServicePrimaryTaskSetNamesThePrimary() {
    String arn = taskSetArn("ecs-svc/2");
    ecsReturns(wm, "UpdateServicePrimaryTaskSet", "{\"taskSet\": " + fargateTaskSet("ecs-svc/2", "x", "PRIMARY",
        100.0, "STABILIZING", 4, 0, 4, GREEN_TG) + "}");

    ecs.updateServicePrimaryTaskSet("prod", "web", arn);

    assertOneEcsRequest(wm, "UpdateServicePrimaryTaskSet",
        "{\"cluster\": \"prod\", \"service\": \"web\", \"primaryTaskSet\": \"" + arn + "\"}");
  }

  @Test
  void deleteTaskSetSendsTheTaskSetWithForce() {
    String arn = taskSetArn("ecs-svc/1");
    ecsReturns(wm, "DeleteTaskSet", "{\"taskSet\": " + fargateTaskSet("ecs-svc/1", "x", "DRAINING", 100.0,
        "STABILIZING", 4, 0, 0, BLUE_TG) + "}");

    ecs.deleteTaskSet("prod", "web", arn);

    assertOneEcsRequest(wm, "DeleteTaskSet",
        "{\"cluster\": \"prod\", \"service\": \"web\", \"taskSet\": \"" + arn + "\", \"force\": true}");
  }

  @Test
  void deleteTaskSetThatIsAlreadyGoneSucceeds() {
    wm.stubFor(ecs("DeleteTaskSet").willReturn(ecsError(400, "TaskSetNotFoundException",
        "The specified task set does not exist.")));

    ecs.deleteTaskSet("prod", "web", taskSetArn("ecs-svc/1"));

    assertThat(ecsRequests(wm, "DeleteTaskSet")).hasSize(1);
  }

  @Test
  void deleteTaskSetOfAMissingServiceStillFails() {
    wm.stubFor(ecs("DeleteTaskSet").willReturn(ecsError(400, "ServiceNotFoundException", "Service not found.")));

    assertThatThrownBy(() -> ecs.deleteTaskSet("prod", "web", taskSetArn("ecs-svc/1")))
        .isInstanceOf(AwsNotFoundException.class);
  }

  @Test
  void tagResourceSendsEveryTag() {
    ecsReturns(wm, "TagResource", "{}");
    var tags = new LinkedHashMap<String, String>();
    tags.put("teal.dev/adopted", "true");
    tags.put("teal.dev/deployment", "web");

    ecs.tagResource(taskSetArn("ecs-svc/1"), tags);

    assertOneEcsRequest(wm, "TagResource", "{\"resourceArn\": \"" + taskSetArn("ecs-svc/1") + "\", \"tags\": ["
        + "{\"key\": \"teal.dev/adopted\", \"value\": \"true\"}, {\"key\": \"teal.dev/deployment\", \"value\": \"web\"}]}");
  }

  private static void describes(String familyRevision, String tagsJson) {
    wm.stubFor(ecs("DescribeTaskDefinition")
        .withRequestBody(matchingJsonPath("$.taskDefinition", equalTo(taskDefinitionArn(familyRevision))))
        .willReturn(ecsOk(webTaskDefinition(familyRevision, "registry/web:" + familyRevision, tagsJson))));
  }

  private static String json(List<String> names) {
    return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ", "[", "]"));
  }

}
