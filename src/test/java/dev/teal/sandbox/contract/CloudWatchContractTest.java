package dev.teal.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** CloudWatch alarms and metric data as teal's gates read them, through the real SDK client (Query protocol). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudWatchContractTest {

  private ContractTarget target;
  private CloudWatchClient cloudWatch;
  private String namespace;

  @BeforeAll
  void setUp() {
    target = ContractTarget.resolve();
    cloudWatch = target.cloudWatch();
    namespace = "TealContract/" + target.name("gates");
  }

  @AfterAll
  void tearDown() {
    if (target != null) {
      target.close();
    }
  }

  private String alarm(String base) {
    String name = target.name(base);
    cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace(namespace).metricName("Errors").statistic(Statistic.SUM)
        .period(60).evaluationPeriods(1).threshold(0.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
        .treatMissingData("notBreaching"));
    target.onClose(() -> cloudWatch.deleteAlarms(r -> r.alarmNames(name)));
    return name;
  }

  private List<MetricAlarm> describe(String name) {
    return cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms();
  }

  @Test
  void aNewAlarmStartsWithInsufficientDataAndIsFoundByName() {
    String name = alarm("contract-new");

    List<MetricAlarm> alarms = describe(name);
    assertThat(alarms).hasSize(1);
    MetricAlarm alarm = alarms.get(0);
    assertThat(alarm.alarmArn()).startsWith("arn:aws:cloudwatch:").endsWith(":alarm:" + name);
    assertThat(alarm.namespace()).isEqualTo(namespace);
    assertThat(alarm.evaluationPeriods()).isEqualTo(1);
    if (target.isSimulator()) {
      // On AWS the first evaluation may already have run by the time we look.
      assertThat(alarm.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
      assertThat(alarm.stateReason()).isEqualTo("Unchecked: Initial alarm creation");
    }
  }

  @Test
  void anAlarmThatDoesNotExistIsAbsentNotAnError() {
    assertThat(describe(target.name("contract-no-such-alarm"))).isEmpty();
  }

  @Test
  void setAlarmStateShowsTheStateAndReasonAtOnce() {
    String name = alarm("contract-set");

    cloudWatch.setAlarmState(r -> r.alarmName(name).stateValue(StateValue.ALARM).stateReason("contract test"));

    MetricAlarm alarm = describe(name).get(0);
    // AWS may have re-evaluated already ("often within seconds"); the simulator waits for its recheck.
    if (alarm.stateValue() == StateValue.ALARM || target.isSimulator()) {
      assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
      assertThat(alarm.stateReason()).isEqualTo("contract test");
    }
    target.eventually(Duration.ofMinutes(3), Duration.ofSeconds(10),
        () -> describe(name).get(0).stateValue() == StateValue.OK);
  }

  /**
   * SetAlarmState's reference lists {@code ResourceNotFound} (HTTP 404). The SDK's CloudWatch model gives that Query
   * code to DashboardNotFoundErrorException, so the code, not the class, is what to check.
   */
  @Test
  void setAlarmStateOnAnAlarmThatDoesNotExistIsResourceNotFound() {
    assertThatThrownBy(() -> cloudWatch.setAlarmState(r -> r.alarmName(target.name("contract-missing"))
        .stateValue(StateValue.ALARM).stateReason("x"))).isInstanceOfSatisfying(CloudWatchException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
        });
  }

  @Test
  void namespacesOfAwsServicesCannotBeWrittenTo() {
    assertThatThrownBy(() -> cloudWatch.putMetricData(r -> r.namespace("AWS/ApplicationELB")
        .metricData(d -> d.metricName("RequestCount").value(1.0)))).isInstanceOf(InvalidParameterValueException.class);
  }

  @Test
  void alarmNamesAndAPrefixCannotBeCombined() {
    assertThatThrownBy(() -> cloudWatch.describeAlarms(r -> r.alarmNames("a").alarmNamePrefix("a")))
        .isInstanceOfSatisfying(CloudWatchException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
  }

  @Test
  void metricDataComesBackAsThePeriodsStatisticWithMetricMathOverIt() {
    Instant minute = (target.isSimulator() ? target.simulator().clock().instant() : Instant.now())
        .truncatedTo(ChronoUnit.MINUTES);
    cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(
        d -> d.metricName("Requests").timestamp(minute.plusSeconds(5)).values(1.0, 1.0).counts(10.0, 30.0),
        d -> d.metricName("Errors").timestamp(minute.plusSeconds(6)).value(10.0)));

    target.eventually(Duration.ofMinutes(5), Duration.ofSeconds(15), () -> {
      List<MetricDataResult> results = cloudWatch.getMetricData(r -> r.startTime(minute)
          .endTime(minute.plusSeconds(60)).metricDataQueries(
              q -> q.id("requests").metricStat(s -> s.stat("SampleCount").period(60)
                  .metric(m -> m.namespace(namespace).metricName("Requests"))).returnData(false),
              q -> q.id("errors").metricStat(s -> s.stat("Sum").period(60)
                  .metric(m -> m.namespace(namespace).metricName("Errors"))).returnData(false),
              q -> q.id("share").expression("100 * errors / requests"))).metricDataResults();
      if (results.isEmpty() || results.get(0).values().isEmpty()) {
        return false;
      }
      assertThat(results).hasSize(1);
      assertThat(results.get(0).id()).isEqualTo("share");
      assertThat(results.get(0).timestamps()).containsExactly(minute);
      assertThat(results.get(0).values()).containsExactly(25.0);
      return true;
    });
  }
}
