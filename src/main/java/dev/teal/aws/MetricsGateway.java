package dev.teal.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Amazon CloudWatch, as far as teal's gates use it: reading alarms by name and running GetMetricData queries.
 * Read-only; implementations translate SDK errors into {@link AwsException}s.
 */
public interface MetricsGateway {

  /** DescribeAlarms takes at most this many names per call. */
  int MAX_ALARM_NAMES = 100;
  /** GetMetricData takes at most this many queries per call. */
  int MAX_QUERIES = 500;

  /**
   * The metric alarms named, keyed by name, in batches of {@link #MAX_ALARM_NAMES}. A name with no alarm is
   * simply absent from the result: CloudWatch does not report it as an error, so the caller decides.
   */
  Map<String, AlarmInfo> describeAlarms(List<String> names);

  /**
   * GetMetricData for {@code queries} (at most {@link #MAX_QUERIES}) over [{@code start}, {@code end}), every page
   * read; results in the order of the queries that return data, datapoints oldest first.
   */
  List<MetricSeries> getMetricData(List<MetricQuery> queries, Instant start, Instant end);

  /** An alarm's state as CloudWatch reports it. {@code state} is OK, ALARM or INSUFFICIENT_DATA. */
  record AlarmInfo(String name, String arn, String state, String stateReason, Instant stateUpdatedAt) {

    public boolean inAlarm() {
      return "ALARM".equals(state);
    }
  }

  /**
   * One query: either a metric with its statistic and period, or a metric math {@code expression} over other
   * queries' ids. {@code returnData} false computes it for expressions without returning it.
   */
  record MetricQuery(String id, String namespace, String metricName, Map<String, String> dimensions, String stat,
      int periodSeconds, String expression, String label, boolean returnData) {

    public MetricQuery {
      Objects.requireNonNull(id, "id");
      dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
      if ((expression == null) == (metricName == null)) {
        throw new IllegalArgumentException("query " + id + " needs either a metric or an expression");
      }
    }

    public static MetricQuery metric(String id, String namespace, String metricName, Map<String, String> dimensions,
        String stat, int periodSeconds) {
      return new MetricQuery(id, namespace, metricName, dimensions, stat, periodSeconds, null, null, true);
    }

    public static MetricQuery expression(String id, String expression) {
      return new MetricQuery(id, null, null, Map.of(), null, 0, expression, null, true);
    }

    public MetricQuery hidden() {
      return new MetricQuery(id, namespace, metricName, dimensions, stat, periodSeconds, expression, label, false);
    }
  }

  /** One query's answer: its datapoints oldest first, and whether CloudWatch had all of them (Complete). */
  record MetricSeries(String id, String label, List<Datapoint> datapoints, String statusCode, List<String> messages) {

    public MetricSeries {
      datapoints = List.copyOf(datapoints);
      messages = messages == null ? List.of() : List.copyOf(messages);
    }

    public boolean complete() {
      return "Complete".equals(statusCode);
    }
  }

  record Datapoint(Instant timestamp, double value) {
  }
}
