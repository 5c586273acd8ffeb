package dev.teal.aws.sdk;

import static dev.teal.aws.sdk.AwsErrors.call;

import dev.teal.aws.MetricsGateway;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/** {@link MetricsGateway} over the SDK's {@link CloudWatchClient}. */
public final class SdkMetricsGateway implements MetricsGateway {

  static final String DESCRIBE_ALARMS = "cloudwatch:DescribeAlarms";
  static final String GET_METRIC_DATA = "cloudwatch:GetMetricData";

  private final CloudWatchClient cloudWatch;

  public SdkMetricsGateway(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  @Override
  public Map<String, AlarmInfo> describeAlarms(List<String> names) {
    Map<String, AlarmInfo> found = new LinkedHashMap<>();
    for (List<String> batch : Batches.of(names.stream().distinct().toList(), MAX_ALARM_NAMES)) {
      String token = null;
      do {
        String next = token;
        // Metric alarms only: teal's gates name metric alarms, and a composite one would read as absent.
        DescribeAlarmsResponse response = call(DESCRIBE_ALARMS, () -> cloudWatch.describeAlarms(r -> r
            .alarmNames(batch).alarmTypes(AlarmType.METRIC_ALARM).maxRecords(MAX_ALARM_NAMES).nextToken(next)));
        response.metricAlarms().forEach(a -> found.put(a.alarmName(), new AlarmInfo(a.alarmName(), a.alarmArn(),
            a.stateValueAsString(), a.stateReason(), a.stateUpdatedTimestamp())));
        token = response.nextToken();
      } while (token != null && !token.isEmpty());
    }
    return found;
  }

  @Override
  public List<MetricSeries> getMetricData(List<MetricQuery> queries, Instant start, Instant end) {
    if (queries.isEmpty() || queries.size() > MAX_QUERIES) {
      throw new IllegalArgumentException("GetMetricData takes 1 to " + MAX_QUERIES + " queries, not " + queries.size());
    }
    List<MetricDataQuery> sdk = queries.stream().map(SdkMetricsGateway::query).toList();
    Map<String, MetricSeries> byId = new LinkedHashMap<>();
    String token = null;
    do {
      String next = token;
      GetMetricDataResponse response = call(GET_METRIC_DATA, () -> cloudWatch.getMetricData(r -> r
          .metricDataQueries(sdk).startTime(start).endTime(end).scanBy(ScanBy.TIMESTAMP_ASCENDING).nextToken(next)));
      for (MetricDataResult result : response.metricDataResults()) {
        byId.merge(result.id(), series(result), SdkMetricsGateway::concat);
      }
      token = response.nextToken();
    } while (token != null && !token.isEmpty());
    return List.copyOf(byId.values());
  }

  private static MetricDataQuery query(MetricQuery q) {
    MetricDataQuery.Builder b = MetricDataQuery.builder().id(q.id()).returnData(q.returnData());
    if (q.label() != null) {
      b.label(q.label());
    }
    if (q.expression() != null) {
      return b.expression(q.expression()).build();
    }
    List<Dimension> dimensions = q.dimensions().entrySet().stream()
        .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList();
    return b.metricStat(s -> s.stat(q.stat()).period(q.periodSeconds())
        .metric(m -> m.namespace(q.namespace()).metricName(q.metricName()).dimensions(dimensions))).build();
  }

  private static MetricSeries series(MetricDataResult r) {
    List<Datapoint> points = new ArrayList<>();
    for (int i = 0; i < Math.min(r.timestamps().size(), r.values().size()); i++) {
      points.add(new Datapoint(r.timestamps().get(i), r.values().get(i)));
    }
    points.sort(Comparator.comparing(Datapoint::timestamp));
    return new MetricSeries(r.id(), r.label(), points, r.statusCodeAsString(),
        r.messages().stream().map(MessageData::value).toList());
  }

  /** A result continued on the next page (PartialData until the last page says Complete). */
  private static MetricSeries concat(MetricSeries a, MetricSeries b) {
    List<Datapoint> points = new ArrayList<>(a.datapoints());
    points.addAll(b.datapoints());
    points.sort(Comparator.comparing(Datapoint::timestamp));
    List<String> messages = new ArrayList<>(a.messages());
    messages.addAll(b.messages());
    return new MetricSeries(a.id(), a.label(), points, b.statusCode(), messages);
  }
}
