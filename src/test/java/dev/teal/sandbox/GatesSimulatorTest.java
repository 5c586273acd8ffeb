package dev.teal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.aws.AwsTransientException;
import dev.teal.aws.sdk.SdkFunctionGateway;
import dev.teal.aws.sdk.SdkMetricsGateway;
import dev.teal.sandbox.alb.AlbRouter;
import dev.teal.sandbox.faults.FaultKind;
import dev.teal.sandbox.lambda.FunctionResult;
import dev.teal.testing.SandboxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * What the simulator gives teal's gates, through the real SDK clients: the ALB data plane's CloudWatch metrics,
 * alarms evaluated on the virtual clock, images that fail a share of requests, stop in a loop or exit with a code,
 * and Lambda functions that answer as configured.
 */
class GatesSimulatorTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  private final HttpClient http = HttpClient.newHttpClient();
  private CloudWatchClient cloudWatch;
  private LambdaClient lambda;

  @BeforeEach
  void clients() {
    cloudWatch = SandboxClients.cloudWatch(sandbox.endpoint(), sandbox.region());
    lambda = SandboxClients.lambda(sandbox.endpoint(), sandbox.region());
  }

  @AfterEach
  void close() {
    cloudWatch.close();
    lambda.close();
  }

  /** Green running {@code image} behind its own group, which takes all of production's traffic. */
  private String greenTakesProduction(DemoIds demo, String image) {
    String td = sandbox.ecs().registerTaskDefinition(r -> r.family("web").networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
        .containerDefinitions(c -> c.name("web").image(image).portMappings(p -> p.containerPort(80))))
        .taskDefinition().taskDefinitionArn();
    String tg = sandbox.elb().createTargetGroup(r -> r.name("web-green").protocol(ProtocolEnum.HTTP).port(80)
        .vpcId(demo.vpcId()).targetType(TargetTypeEnum.IP).healthCheckIntervalSeconds(10)
        .healthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
    sandbox.elb().modifyRule(r -> r.ruleArn(demo.productionRuleArn()).actions(a -> a.type(ActionTypeEnum.FORWARD)
        .forwardConfig(f -> f.targetGroups(TargetGroupTuple.builder().targetGroupArn(tg).weight(1).build()))));
    sandbox.ecs().createTaskSet(r -> r.cluster(demo.cluster()).service(demo.service()).externalId("green")
        .taskDefinition(td).launchType(LaunchType.FARGATE)
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(demo.subnets())))
        .loadBalancers(l -> l.targetGroupArn(tg).containerName("web").containerPort(80))
        .scale(s -> s.value(100.0)));
    return tg;
  }

  private int get(URI base) throws Exception {
    return http.send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static List<Dimension> dimensions(DemoIds demo, String targetGroupArn) {
    return List.of(Dimension.builder().name("LoadBalancer").value(AlbRouter.dimension(demo.loadBalancerArn())).build(),
        Dimension.builder().name("TargetGroup").value(AlbRouter.dimension(targetGroupArn)).build());
  }

  private static MetricDataQuery sum(String id, String metric, List<Dimension> dimensions) {
    return MetricDataQuery.builder().id(id).metricStat(s -> s.stat("Sum").period(60)
        .metric(m -> m.namespace("AWS/ApplicationELB").metricName(metric).dimensions(dimensions))).build();
  }

  @Test
  void aGreenThatFailsAQuarterOfRequestsStaysHealthyAndItsTargetGroupReportsTheShare() throws Exception {
    DemoIds demo = sandbox.seedDemo();
    String green = greenTakesProduction(demo, "web:errors25");
    sandbox.clock().advanceSeconds(40);
    assertThat(sandbox.simulator().targets(green)).hasSize(3).allMatch(t -> t.state().equals("healthy"));
    URI production = sandbox.simulator().listenerUrl(demo.productionListenerArn());
    int failed = 0;
    for (int i = 0; i < 40; i++) {
      failed += get(production) == 500 ? 1 : 0;
    }
    assertThat(failed).isEqualTo(10);

    Instant now = sandbox.clock().instant();
    List<Dimension> dims = dimensions(demo, green);
    // The formats AWS documents for the dimensions, written out rather than derived from the code under test.
    assertThat(dims).extracting(Dimension::value).satisfiesExactly(
        lb -> assertThat(lb).matches("app/demo-alb/[0-9a-f]{16}"),
        tg -> assertThat(tg).matches("targetgroup/web-green/[0-9a-f]{16}"));
    GetMetricDataResponse data = cloudWatch.getMetricData(r -> r.startTime(now.minusSeconds(600))
        .endTime(now.plusSeconds(60)).metricDataQueries(sum("requests", "RequestCount", dims),
            sum("errors", "HTTPCode_Target_5XX_Count", dims),
            MetricDataQuery.builder().id("share").expression("100 * FILL(errors, 0) / requests").build(),
            MetricDataQuery.builder().id("p99").metricStat(s -> s.stat("p99").period(60)
                .metric(m -> m.namespace("AWS/ApplicationELB").metricName("TargetResponseTime").dimensions(dims)))
                .build()));

    assertThat(data.metricDataResults()).extracting(d -> d.id()).containsExactly("requests", "errors", "share", "p99");
    assertThat(data.metricDataResults().get(0).values()).containsExactly(40.0);
    assertThat(data.metricDataResults().get(1).values()).containsExactly(10.0);
    assertThat(data.metricDataResults().get(2).values()).containsExactly(25.0);
    assertThat(data.metricDataResults().get(3).values()).containsExactly(0.02);
    assertThat(data.metricDataResults().get(0).timestamps().get(0).getEpochSecond() % 60).isZero();

    GetMetricDataResponse blue = cloudWatch.getMetricData(r -> r.startTime(now.minusSeconds(600))
        .endTime(now.plusSeconds(60)).metricDataQueries(sum("requests", "RequestCount",
            dimensions(demo, demo.targetGroupArn()))));
    assertThat(blue.metricDataResults().get(0).values()).as("blue served none of it").isEmpty();
  }

  @Test
  void aSlowGreensP99ResponseTimeStandsOutAgainstBluesWhenBothServe() throws Exception {
    DemoIds demo = sandbox.seedDemo();
    String green = greenTakesProduction(demo, "web:slow");
    sandbox.elb().modifyRule(r -> r.ruleArn(demo.productionRuleArn()).actions(a -> a.type(ActionTypeEnum.FORWARD)
        .forwardConfig(f -> f.targetGroups(
            TargetGroupTuple.builder().targetGroupArn(demo.targetGroupArn()).weight(1).build(),
            TargetGroupTuple.builder().targetGroupArn(green).weight(1).build()))));
    sandbox.clock().advanceSeconds(40);
    URI production = sandbox.simulator().listenerUrl(demo.productionListenerArn());
    for (int i = 0; i < 20; i++) {
      assertThat(get(production)).isEqualTo(200);
    }
    Instant now = sandbox.clock().instant();

    GetMetricDataResponse data = cloudWatch.getMetricData(r -> r.startTime(now.minusSeconds(600))
        .endTime(now.plusSeconds(60)).metricDataQueries(
            p99("blue", dimensions(demo, demo.targetGroupArn())), p99("green", dimensions(demo, green))));

    assertThat(data.metricDataResults().get(0).values()).containsExactly(0.02);
    assertThat(data.metricDataResults().get(1).values()).containsExactly(1.5);
  }

  private static MetricDataQuery p99(String id, List<Dimension> dimensions) {
    return MetricDataQuery.builder().id(id).metricStat(s -> s.stat("p99").period(60)
        .metric(m -> m.namespace("AWS/ApplicationELB").metricName("TargetResponseTime").dimensions(dimensions))).build();
  }

  @Test
  void anAlarmOnGreensErrorsFiresAtTheNextEvaluationAndSetAlarmStateLastsUntilTheNext() throws Exception {
    DemoIds demo = sandbox.seedDemo();
    String green = greenTakesProduction(demo, "web:errors");
    cloudWatch.putMetricAlarm(r -> r.alarmName("web-green-5xx").namespace("AWS/ApplicationELB")
        .metricName("HTTPCode_Target_5XX_Count").dimensions(dimensions(demo, green)).statistic(Statistic.SUM)
        .period(60).evaluationPeriods(1).threshold(0.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
        .treatMissingData("notBreaching"));
    assertThat(alarm("web-green-5xx").stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
    assertThat(alarm("web-green-5xx").stateReason()).isEqualTo("Unchecked: Initial alarm creation");

    sandbox.clock().advanceSeconds(60);
    assertThat(alarm("web-green-5xx").stateValue()).as("no 5xx datapoint is notBreaching").isEqualTo(StateValue.OK);

    cloudWatch.setAlarmState(r -> r.alarmName("web-green-5xx").stateValue(StateValue.ALARM)
        .stateReason("testing the rollback"));
    MetricAlarm set = alarm("web-green-5xx");
    assertThat(set.stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(set.stateReason()).isEqualTo("testing the rollback");
    sandbox.clock().advanceSeconds(10);
    assertThat(alarm("web-green-5xx").stateValue()).as("back to its actual state").isEqualTo(StateValue.OK);

    URI production = sandbox.simulator().listenerUrl(demo.productionListenerArn());
    assertThat(get(production)).isEqualTo(500);
    sandbox.clock().advance(Duration.ofSeconds(60 - sandbox.clock().instant().getEpochSecond() % 60));
    MetricAlarm fired = alarm("web-green-5xx");
    assertThat(fired.stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(fired.stateReason()).startsWith("Threshold Crossed: 1 out of the last 1 datapoints [1.0]");

    assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("no-such-alarm")).metricAlarms()).isEmpty();
  }

  private MetricAlarm alarm(String name) {
    List<MetricAlarm> alarms = cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms();
    assertThat(alarms).hasSize(1);
    return alarms.get(0);
  }

  @Test
  void aCrashLoopingImageLeavesStoppedTasksWithTheirReasonAndExitCode() {
    DemoIds demo = sandbox.seedDemo();
    greenTakesProduction(demo, "web:crashloop");
    sandbox.clock().advanceSeconds(60);

    List<String> stopped = sandbox.ecs().listTasks(r -> r.cluster(demo.cluster()).serviceName(demo.service())
        .desiredStatus(DesiredStatus.STOPPED)).taskArns();
    assertThat(stopped).isNotEmpty();
    List<Task> tasks = sandbox.ecs().describeTasks(r -> r.cluster(demo.cluster()).tasks(stopped)).tasks();
    assertThat(tasks).allSatisfy(t -> {
      assertThat(t.lastStatus()).isEqualTo("STOPPED");
      assertThat(t.stopCodeAsString()).isEqualTo("EssentialContainerExited");
      assertThat(t.stoppedReason()).isEqualTo("Essential container in task exited");
      assertThat(t.containers().get(0).exitCode()).isEqualTo(1);
      assertThat(t.group()).isEqualTo("service:web");
    });
    assertThat(sandbox.ecs().listTasks(r -> r.cluster(demo.cluster()).serviceName(demo.service())).taskArns())
        .as("blue's three and green's replacements").hasSizeGreaterThanOrEqualTo(3);

    sandbox.clock().advance(Duration.ofHours(1).plusSeconds(60));
    assertThat(sandbox.ecs().describeTasks(r -> r.cluster(demo.cluster()).tasks(stopped.get(0))).failures())
        .as("gone an hour after it stopped").hasSize(1);
  }

  @Test
  void anImageThatCannotBePulledStopsBeforeRunningWithCannotPullContainerError() {
    DemoIds demo = sandbox.seedDemo();
    greenTakesProduction(demo, "registry.example/web:nopull");
    sandbox.clock().advanceSeconds(15);

    List<String> stopped = sandbox.ecs().listTasks(r -> r.cluster(demo.cluster()).serviceName(demo.service())
        .desiredStatus(DesiredStatus.STOPPED)).taskArns();
    Task task = sandbox.ecs().describeTasks(r -> r.cluster(demo.cluster()).tasks(stopped)).tasks().get(0);
    assertThat(task.stopCodeAsString()).isEqualTo("TaskFailedToStart");
    assertThat(task.stoppedReason()).startsWith("CannotPullContainerError:");
    assertThat(task.containers().get(0).reason()).startsWith("CannotPullContainerError:");
    assertThat(task.containers().get(0).exitCode()).isNull();
    assertThat(task.startedAt()).isNull();
  }

  @Test
  void aStandaloneTaskRunsThenExitsWithTheCodeItsImageNames() {
    DemoIds demo = sandbox.seedDemo();
    sandbox.ecs().registerTaskDefinition(r -> r.family("web-tests").networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
        .containerDefinitions(c -> c.name("tests").image("web-tests:exit3").essential(true)));
    Task started = sandbox.ecs().runTask(r -> r.cluster(demo.cluster()).taskDefinition("web-tests")
        .launchType(LaunchType.FARGATE).startedBy("teal").clientToken("hook-1")
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(demo.subnets())))
        .overrides(o -> o.containerOverrides(c -> c.name("tests").environment(e -> e.name("TARGET_URL")
            .value("http://test.example/"))))).tasks().get(0);
    assertThat(started.lastStatus()).isEqualTo("PENDING");
    assertThat(started.group()).isEqualTo("family:web-tests");
    assertThat(sandbox.ecs().runTask(r -> r.cluster(demo.cluster()).taskDefinition("web-tests")
        .launchType(LaunchType.FARGATE).clientToken("hook-1")
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(demo.subnets())))).tasks().get(0).taskArn())
        .as("the same client token starts nothing new").isEqualTo(started.taskArn());

    sandbox.clock().advanceSeconds(15);
    Task running = sandbox.ecs().describeTasks(r -> r.cluster(demo.cluster()).tasks(started.taskArn())).tasks().get(0);
    assertThat(running.lastStatus()).isEqualTo("RUNNING");
    assertThat(running.overrides().containerOverrides().get(0).environment().get(0).value())
        .isEqualTo("http://test.example/");

    sandbox.clock().advanceSeconds(30);
    Task done = sandbox.ecs().describeTasks(r -> r.cluster(demo.cluster()).tasks(started.taskArn())).tasks().get(0);
    assertThat(done.lastStatus()).isEqualTo("STOPPED");
    assertThat(done.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    assertThat(done.containers().get(0).exitCode()).isEqualTo(3);
    assertThat(sandbox.ecs().listTasks(r -> r.cluster(demo.cluster()).startedBy("teal")
        .desiredStatus(DesiredStatus.STOPPED)).taskArns()).containsExactly(started.taskArn());
  }

  @Test
  void theDemosAlarmWatchesTheLoadBalancerAndItsTestRunnerExitsZero() throws Exception {
    DemoIds demo = sandbox.seedDemo();
    DemoGates gates = sandbox.seedGates();
    assertThat(alarm(gates.alarmName()).dimensions()).singleElement()
        .satisfies(d -> assertThat(d.value()).isEqualTo(AlbRouter.dimension(demo.loadBalancerArn())));
    greenTakesProduction(demo, "web:errors50");
    sandbox.clock().advanceSeconds(40);
    URI production = sandbox.simulator().listenerUrl(demo.productionListenerArn());
    for (int i = 0; i < 12; i++) {
      get(production);
    }
    sandbox.clock().advance(Duration.ofSeconds(60 - sandbox.clock().instant().getEpochSecond() % 60));
    assertThat(alarm(gates.alarmName()).stateValue()).as("6 errors in the minute").isEqualTo(StateValue.ALARM);

    String task = sandbox.ecs().runTask(r -> r.cluster(demo.cluster()).taskDefinition(gates.testTaskFamily())
        .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(demo.subnets()))))
        .tasks().get(0).taskArn();
    sandbox.clock().advanceSeconds(60);
    Task done = sandbox.ecs().describeTasks(r -> r.cluster(demo.cluster()).tasks(task)).tasks().get(0);
    assertThat(done.lastStatus()).isEqualTo("STOPPED");
    assertThat(done.containers().get(0).exitCode()).isZero();
  }

  @Test
  void faultsReachTheGatesGatewaysAsAwsShapedErrors() throws Exception {
    sandbox.simulator().faults().failNext("cloudwatch:DescribeAlarms", 5, FaultKind.THROTTLE);
    sandbox.simulator().faults().failNext("lambda:Invoke", 5, FaultKind.SERVER_ERROR);
    sandbox.simulator().lambda().define("hook", FunctionResult.success("{}"));

    assertThatThrownBy(() -> new SdkMetricsGateway(cloudWatch).describeAlarms(List.of("web-5xx")))
        .isInstanceOfSatisfying(AwsTransientException.class, e -> assertThat(e.isThrottling()).isTrue());
    assertThatThrownBy(() -> new SdkFunctionGateway(lambda).invoke("hook", "{}"))
        .isInstanceOfSatisfying(AwsTransientException.class, e -> assertThat(e.errorCode()).isEqualTo("ServiceException"));
  }

  @Test
  void aPersonDefinesAFunctionOverTheAdminEndpoint() throws Exception {
    HttpResponse<String> defined = http.send(HttpRequest.newBuilder(sandbox.endpoint().resolve("/_sim/lambda"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"function\":\"web-smoke\",\"errorMessage\":\"red\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(defined.statusCode()).isEqualTo(200);

    InvokeResponse failed = lambda.invoke(r -> r.functionName("web-smoke").payload(SdkBytes.fromUtf8String("{}")));
    assertThat(failed.functionError()).isEqualTo("Unhandled");
    String log = http.send(HttpRequest.newBuilder(sandbox.endpoint().resolve("/_sim/lambda")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(log).contains("\"function\":\"web-smoke\"");
  }

  @Test
  void lambdaFunctionsAnswerAsConfigured() {
    sandbox.simulator().lambda().define("hook-ok", FunctionResult.success("{\"hookStatus\":\"SUCCEEDED\"}"))
        .define("hook-bad", FunctionResult.error("AssertionError", "smoke test failed"));

    InvokeResponse ok = lambda.invoke(r -> r.functionName("hook-ok").payload(SdkBytes.fromUtf8String("{\"a\":1}")));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.functionError()).isNull();
    assertThat(ok.executedVersion()).isEqualTo("$LATEST");
    assertThat(ok.payload().asUtf8String()).isEqualTo("{\"hookStatus\":\"SUCCEEDED\"}");

    InvokeResponse bad = lambda.invoke(r -> r.functionName(sandbox.simulator().lambda().arn("hook-bad"))
        .payload(SdkBytes.fromUtf8String("{}")));
    assertThat(bad.statusCode()).isEqualTo(200);
    assertThat(bad.functionError()).isEqualTo("Unhandled");
    assertThat(bad.payload().asString(StandardCharsets.UTF_8)).contains("\"errorMessage\":\"smoke test failed\"");

    assertThat(lambda.invoke(r -> r.functionName("hook-ok").invocationType(InvocationType.EVENT)).statusCode())
        .isEqualTo(202);
    assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("nope")))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Function not found");
    assertThat(sandbox.simulator().lambda().invocations("hook-ok")).extracting(i -> i.payload())
        .containsExactly("{\"a\":1}", "");
  }
}
