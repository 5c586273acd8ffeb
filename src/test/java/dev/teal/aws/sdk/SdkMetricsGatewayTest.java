package dev.teal.aws.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.teal.aws.AwsCallListener;
import dev.teal.aws.AwsException;
import dev.teal.aws.AwsTransientException;
import dev.teal.aws.MetricsGateway.AlarmInfo;
import dev.teal.aws.MetricsGateway.Datapoint;
import dev.teal.aws.MetricsGateway.MetricQuery;
import dev.teal.aws.MetricsGateway.MetricSeries;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * The CloudWatch gateway's contract with AWS, on WireMock: CloudWatch speaks the Query protocol in the SDK
 * (form-encoded POST, {@code Version=2010-08-01}, XML answers), so the tests read the form parameters sent and
 * answer as CloudWatch does.
 */
class SdkMetricsGatewayTest {

  static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

  @RegisterExtension
  static WireMockExtension wm = AwsWireMock.server();

  private CloudWatchClient client;
  private SdkMetricsGateway metrics;

  @BeforeEach
  void setUp() {
    client = new AwsClients(AwsWireMock.settings(wm, AwsCallListener.NONE)).newCloudWatchClient();
    metrics = new SdkMetricsGateway(client);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  static ResponseDefinitionBuilder ok(String action, String result) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("<" + action
        + "Response xmlns=\"" + NAMESPACE + "\"><" + action + "Result>" + result + "</" + action + "Result>"
        + "<ResponseMetadata><RequestId>1b2c3d4e-0000-4000-8000-000000000001</RequestId></ResponseMetadata></"
        + action + "Response>");
  }

  static ResponseDefinitionBuilder error(int status, String code, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody("<ErrorResponse xmlns=\""
        + NAMESPACE + "\"><Error><Type>" + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + code
        + "</Code><Message>" + message + "</Message></Error><RequestId>1b2c3d4e-0000-4000-8000-000000000002"
        + "</RequestId></ErrorResponse>");
  }

  static String alarm(String name, String state, String reason) {
    return "<member><AlarmName>" + name + "</AlarmName><AlarmArn>arn:aws:cloudwatch:us-east-1:000000000000:alarm:"
        + name + "</AlarmArn><StateValue>" + state + "</StateValue><StateReason>" + reason + "</StateReason>"
        + "<StateUpdatedTimestamp>2030-01-01T00:05:00.000Z</StateUpdatedTimestamp><MetricName>HTTPCode_Target_5XX_Count"
        + "</MetricName><Namespace>AWS/ApplicationELB</Namespace><Statistic>Sum</Statistic><Period>60</Period>"
        + "<EvaluationPeriods>1</EvaluationPeriods><Threshold>0.0</Threshold>"
        + "<ComparisonOperator>GreaterThanThreshold</ComparisonOperator></member>";
  }

  private static List<Map<String, String>> requests(String action) {
    return wm.findAll(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo(action))).stream()
        .map(AwsWireMock::form).toList();
  }

  @Test
  void describeAlarmsAsksForTheNamedMetricAlarmsAndReadsTheirState() {
    wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeAlarms")).willReturn(ok("DescribeAlarms",
        "<MetricAlarms>" + alarm("web-5xx", "ALARM", "Threshold Crossed: 1 datapoint [3.0]") + alarm("web-latency", "OK",
            "fine") + "</MetricAlarms><CompositeAlarms/>")));

    Map<String, AlarmInfo> alarms = metrics.describeAlarms(List.of("web-5xx", "web-latency", "web-missing"));

    assertThat(requests("DescribeAlarms")).containsExactly(Map.of("Action", "DescribeAlarms", "Version", "2010-08-01",
        "AlarmNames.member.1", "web-5xx", "AlarmNames.member.2", "web-latency", "AlarmNames.member.3", "web-missing",
        "AlarmTypes.member.1", "MetricAlarm", "MaxRecords", "100"));
    assertThat(alarms).containsOnlyKeys("web-5xx", "web-latency");
    assertThat(alarms.get("web-5xx")).isEqualTo(new AlarmInfo("web-5xx",
        "arn:aws:cloudwatch:us-east-1:000000000000:alarm:web-5xx", "ALARM", "Threshold Crossed: 1 datapoint [3.0]",
        Instant.parse("2030-01-01T00:05:00Z")));
    assertThat(alarms.get("web-5xx").inAlarm()).isTrue();
    assertThat(alarms.get("web-latency").inAlarm()).isFalse();
  }

  @Test
  void describeAlarmsAsksInBatchesOfAHundredAndFollowsNextToken() {
    wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeAlarms"))
        .inScenario("pages").whenScenarioStateIs(STARTED).willSetStateTo("second")
        .willReturn(ok("DescribeAlarms", "<MetricAlarms>" + alarm("a0", "OK", "ok") + "</MetricAlarms>"
            + "<NextToken>page-2</NextToken>")));
    wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeAlarms"))
        .inScenario("pages").whenScenarioStateIs("second").willSetStateTo("third")
        .willReturn(ok("DescribeAlarms", "<MetricAlarms>" + alarm("a1", "OK", "ok") + "</MetricAlarms>")));
    wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeAlarms"))
        .inScenario("pages").whenScenarioStateIs("third")
        .willReturn(ok("DescribeAlarms", "<MetricAlarms>" + alarm("a100", "ALARM", "no") + "</MetricAlarms>")));
    List<String> names = IntStream.range(0, 101).mapToObj(i -> "a" + i).collect(Collectors.toList());

    assertThat(metrics.describeAlarms(names)).containsOnlyKeys("a0", "a1", "a100");

    List<Map<String, String>> sent = requests("DescribeAlarms");
    assertThat(sent).hasSize(3);
    assertThat(sent.get(0)).containsEntry("AlarmNames.member.100", "a99").doesNotContainKey("AlarmNames.member.101")
        .doesNotContainKey("NextToken");
    assertThat(sent.get(1)).containsEntry("NextToken", "page-2").containsEntry("AlarmNames.member.1", "a0");
    assertThat(sent.get(2)).containsEntry("AlarmNames.member.1", "a100").doesNotContainKey("AlarmNames.member.2");
  }

  @Test
  void getMetricDataSendsEachQueryAndReadsDatapointsOldestFirstAcrossPages() {
    wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("GetMetricData"))
        .inScenario("pages").whenScenarioStateIs(STARTED).willSetStateTo("second")
        .willReturn(ok("GetMetricData", "<MetricDataResults><member><Id>share</Id><Label>share</Label>"
            + "<Timestamps><member>2030-01-01T00:02:00Z</member><member>2030-01-01T00:01:00Z</member></Timestamps>"
            + "<Values><member>25.0</member><member>20.0</member></Values><StatusCode>PartialData</StatusCode>"
            + "</member></MetricDataResults><NextToken>more</NextToken><Messages/>")));
    wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("GetMetricData"))
        .inScenario("pages").whenScenarioStateIs("second")
        .willReturn(ok("GetMetricData", "<MetricDataResults><member><Id>share</Id><Label>share</Label>"
            + "<Timestamps><member>2030-01-01T00:00:00Z</member></Timestamps><Values><member>10.0</member></Values>"
            + "<StatusCode>Complete</StatusCode></member></MetricDataResults><Messages/>")));
    Map<String, String> green = Map.of("LoadBalancer", "app/demo-alb/50dc6c495c0c9188",
        "TargetGroup", "targetgroup/web-green/943f017f100becff");

    List<MetricSeries> series = metrics.getMetricData(List.of(
        MetricQuery.metric("errors", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", green, "Sum", 60).hidden(),
        MetricQuery.metric("requests", "AWS/ApplicationELB", "RequestCount", green, "Sum", 60).hidden(),
        MetricQuery.expression("share", "100 * FILL(errors, 0) / requests")),
        Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:05:00Z"));

    assertThat(series).containsExactly(new MetricSeries("share", "share", List.of(
        new Datapoint(Instant.parse("2030-01-01T00:00:00Z"), 10.0),
        new Datapoint(Instant.parse("2030-01-01T00:01:00Z"), 20.0),
        new Datapoint(Instant.parse("2030-01-01T00:02:00Z"), 25.0)), "Complete", List.of()));
    List<Map<String, String>> sent = requests("GetMetricData");
    assertThat(sent).hasSize(2);
    Map<String, String> first = sent.get(0);
    assertThat(first).containsEntry("Version", "2010-08-01")
        .containsEntry("StartTime", "2030-01-01T00:00:00Z").containsEntry("EndTime", "2030-01-01T00:05:00Z")
        .containsEntry("ScanBy", "TimestampAscending")
        .containsEntry("MetricDataQueries.member.1.Id", "errors")
        .containsEntry("MetricDataQueries.member.1.ReturnData", "false")
        .containsEntry("MetricDataQueries.member.1.MetricStat.Stat", "Sum")
        .containsEntry("MetricDataQueries.member.1.MetricStat.Period", "60")
        .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.Namespace", "AWS/ApplicationELB")
        .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.MetricName", "HTTPCode_Target_5XX_Count")
        .containsEntry("MetricDataQueries.member.3.Expression", "100 * FILL(errors, 0) / requests")
        .containsEntry("MetricDataQueries.member.3.ReturnData", "true");
    assertThat(first.entrySet().stream().filter(e -> e.getKey().startsWith("MetricDataQueries.member.1.MetricStat"
        + ".Metric.Dimensions")).map(Map.Entry::getValue)).containsExactlyInAnyOrder("LoadBalancer",
            "app/demo-alb/50dc6c495c0c9188", "TargetGroup", "targetgroup/web-green/943f017f100becff");
    assertThat(sent.get(1)).containsEntry("NextToken", "more");
  }

  @Test
  void throttlingAndServerErrorsAreTransientAndBadInputIsNot() {
    wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeAlarms"))
        .willReturn(error(400, "Throttling", "Rate exceeded")));
    assertThatThrownBy(() -> metrics.describeAlarms(List.of("a"))).isInstanceOfSatisfying(AwsTransientException.class,
        e -> {
          assertThat(e.isThrottling()).isTrue();
          assertThat(e.operation()).isEqualTo("cloudwatch:DescribeAlarms");
        });

    wm.resetAll();
    wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeAlarms"))
        .willReturn(error(500, "InternalServiceError", "oops")));
    assertThatThrownBy(() -> metrics.describeAlarms(List.of("a"))).isInstanceOf(AwsTransientException.class);

    wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("GetMetricData"))
        .willReturn(error(400, "InvalidParameterValue", "The value x for parameter MetricDataQueries is invalid.")));
    assertThatThrownBy(() -> metrics.getMetricData(List.of(MetricQuery.expression("x", "FOO(y)")),
        Instant.EPOCH, Instant.EPOCH.plusSeconds(60)))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.errorCode()).isEqualTo("InvalidParameterValue");
          assertThat(e.operation()).isEqualTo("cloudwatch:GetMetricData");
        });
  }

  @Test
  void aQueryNeedsAMetricOrAnExpressionAndACallOneToFiveHundredQueries() {
    assertThatThrownBy(() -> new MetricQuery("q", null, null, Map.of(), null, 0, null, null, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics.getMetricData(List.of(), Instant.EPOCH, Instant.EPOCH.plusSeconds(60)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
