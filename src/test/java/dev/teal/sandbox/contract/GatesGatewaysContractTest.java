package dev.teal.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.aws.AwsException;
import dev.teal.aws.EcsGateway.RunTask;
import dev.teal.aws.EcsTask;
import dev.teal.aws.FunctionGateway.InvokeResult;
import dev.teal.aws.MetricsGateway.AlarmInfo;
import dev.teal.aws.MetricsGateway.MetricQuery;
import dev.teal.aws.MetricsGateway.MetricSeries;
import dev.teal.aws.Placement;
import dev.teal.aws.sdk.SdkEcsGateway;
import dev.teal.aws.sdk.SdkFunctionGateway;
import dev.teal.aws.sdk.SdkMetricsGateway;
import dev.teal.sandbox.lambda.FunctionResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * teal's own gateways for the gates (not just the SDK) against the contract target: what the planner will read
 * about alarms, metrics, hook functions and test-runner tasks.
 */
class GatesGatewaysContractTest {

  @Test
  void alarmsAreReadByNameAndAMissingOneIsAbsent() {
    try (ContractTarget target = ContractTarget.resolve()) {
      String name = target.name("contract-gw-alarm");
      target.cloudWatch().putMetricAlarm(r -> r.alarmName(name).namespace("TealContract/gw").metricName("Errors")
          .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(0.0)
          .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
      target.onClose(() -> target.cloudWatch().deleteAlarms(r -> r.alarmNames(name)));

      Map<String, AlarmInfo> alarms = new SdkMetricsGateway(target.cloudWatch())
          .describeAlarms(List.of(name, target.name("contract-gw-missing")));

      assertThat(alarms).containsOnlyKeys(name);
      assertThat(alarms.get(name).arn()).endsWith(":alarm:" + name);
      assertThat(alarms.get(name).state()).isIn("OK", "ALARM", "INSUFFICIENT_DATA");
    }
  }

  @Test
  void metricQueriesComeBackOldestFirst() {
    try (ContractTarget target = ContractTarget.resolve()) {
      String namespace = "TealContract/" + target.name("gw");
      Instant minute = (target.isSimulator() ? target.simulator().clock().instant() : Instant.now())
          .truncatedTo(ChronoUnit.MINUTES).minusSeconds(120);
      target.cloudWatch().putMetricData(r -> r.namespace(namespace).metricData(
          d -> d.metricName("Requests").timestamp(minute).value(4.0),
          d -> d.metricName("Requests").timestamp(minute.plusSeconds(60)).value(8.0)));
      SdkMetricsGateway metrics = new SdkMetricsGateway(target.cloudWatch());

      target.eventually(Duration.ofMinutes(5), Duration.ofSeconds(15), () -> {
        List<MetricSeries> series = metrics.getMetricData(List.of(
            MetricQuery.metric("requests", namespace, "Requests", Map.of(), "Sum", 60).hidden(),
            MetricQuery.expression("doubled", "requests * 2")), minute, minute.plusSeconds(120));
        if (series.isEmpty() || series.get(0).datapoints().size() < 2) {
          return false;
        }
        assertThat(series).singleElement().satisfies(s -> {
          assertThat(s.id()).isEqualTo("doubled");
          assertThat(s.datapoints()).extracting(p -> p.value()).containsExactly(8.0, 16.0);
          assertThat(s.complete()).isTrue();
        });
        return true;
      });
    }
  }

  @Test
  void aHookFunctionsAnswerAndAMissingFunction() {
    try (ContractTarget target = ContractTarget.resolve()) {
      SdkFunctionGateway functions = new SdkFunctionGateway(target.lambda());
      assertThatThrownBy(() -> functions.invoke(target.name("contract-gw-nope"), "{}"))
          .isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException");
            assertThat(e.isRetryable()).isFalse();
          });
      if (target.isSimulator()) {
        target.simulator().lambda().define("gw-hook", FunctionResult.error("Error", "tests failed"));
        InvokeResult result = functions.invoke("gw-hook", "{\"idempotencyKey\":\"k\"}");
        assertThat(result.succeeded()).isFalse();
        assertThat(result.functionError()).isEqualTo("Unhandled");
      }
    }
  }

  @Test
  void aTestRunnerTaskIsStartedOnceAndWatchedUntilItsExitCode() {
    try (ContractTarget target = ContractTarget.resolve()) {
      var ecsClient = target.ecs();
      String cluster = target.name("contract-gw-tasks");
      ecsClient.createCluster(r -> r.clusterName(cluster));
      target.onClose(() -> ecsClient.deleteCluster(r -> r.cluster(cluster)));
      String family = target.name("contract-gw-tests");
      String image = target.isSimulator() ? "busybox:exit0" : "public.ecr.aws/docker/library/busybox:stable";
      String td = ecsClient.registerTaskDefinition(r -> r.family(family).networkMode(NetworkMode.AWSVPC)
          .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
          .containerDefinitions(c -> c.name("tests").image(image).essential(true).command("true")))
          .taskDefinition().taskDefinitionArn();
      target.onClose(() -> ecsClient.deregisterTaskDefinition(r -> r.taskDefinition(td)));
      SdkEcsGateway ecs = new SdkEcsGateway(ecsClient);
      Placement placement = new Placement("FARGATE", List.of(), null,
          new Placement.AwsVpc(target.subnets(), List.of(), true), List.of());
      RunTask run = new RunTask(cluster, family, 1, "teal", target.name("gw-hook-1"), "tests",
          Map.of("TARGET_URL", "http://example.invalid/"), placement, Map.of());

      List<EcsTask> first = ecs.runTask(run);
      List<EcsTask> again = ecs.runTask(run);

      assertThat(again).extracting(EcsTask::arn).as("the same client token").containsExactlyElementsOf(
          first.stream().map(EcsTask::arn).toList());
      String arn = first.get(0).arn();
      target.eventually(Duration.ofMinutes(5), Duration.ofSeconds(10),
          () -> ecs.describeTasks(cluster, List.of(arn)).get(0).stopped());
      EcsTask done = ecs.describeTasks(cluster, List.of(arn)).get(0);
      assertThat(done.stopCode()).isEqualTo("EssentialContainerExited");
      assertThat(done.containers()).singleElement().satisfies(c -> assertThat(c.exitCode()).isZero());
      assertThat(ecs.listTasks(cluster, "teal", "STOPPED")).containsExactly(arn);
    }
  }
}
