package dev.teal.sandbox.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teal.sandbox.http.AwsError;
import dev.teal.sandbox.http.Params;
import dev.teal.sandbox.http.ProtocolHandler;
import dev.teal.sandbox.http.XmlWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch over the Query protocol (API version 2010-08-01): the SDK for Java 2.40.2's CloudWatch client is
 * built on {@code AwsQueryProtocolFactory} (its DefaultCloudWatchClient), so it sends form-encoded requests and
 * reads XML answers in the {@code http://monitoring.amazonaws.com/doc/2010-08-01/} namespace.
 */
public final class CloudWatchQueryHandler implements ProtocolHandler {

  public static final String VERSION = "2010-08-01";
  static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

  private final CloudWatchSimulator cloudWatch;

  public CloudWatchQueryHandler(CloudWatchSimulator cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  @Override
  public String service() {
    return "cloudwatch";
  }

  @Override
  public Params params(JsonNode tree) {
    return new Params(tree, CloudWatchErrors::missing);
  }

  @Override
  public String contentType() {
    return "text/xml";
  }

  @Override
  public AwsError throttling() {
    return AwsError.client("Throttling", "Rate exceeded");
  }

  @Override
  public AwsError serverError() {
    return new AwsError(500, "InternalServiceError", "Request Processing has failed due to some unknown error.",
        false);
  }

  @Override
  public String errorBody(AwsError error, String requestId) {
    return XmlWriter.queryError(NAMESPACE, error, requestId);
  }

  @Override
  public String handle(String op, Params p, String requestId) {
    XmlWriter w = new XmlWriter().startNs(op + "Response", NAMESPACE);
    switch (op) {
      case "PutMetricAlarm" -> cloudWatch.putMetricAlarm(p);
      case "SetAlarmState" -> cloudWatch.setAlarmState(p);
      case "PutMetricData" -> cloudWatch.putMetricData(p);
      case "DeleteAlarms" -> cloudWatch.deleteAlarms(p);
      case "DescribeAlarms" -> {
        CloudWatchSimulator.AlarmPage page = cloudWatch.describeAlarms(p);
        w.start(op + "Result").start("MetricAlarms");
        page.alarms().forEach(a -> alarm(w, a));
        w.end().start("CompositeAlarms").end();
        w.elem("NextToken", page.nextToken());
        w.end();
      }
      case "GetMetricData" -> {
        List<CloudWatchSimulator.Result> results = cloudWatch.getMetricData(p);
        w.start(op + "Result").start("MetricDataResults");
        for (CloudWatchSimulator.Result r : results) {
          w.start("member").elem("Id", r.id()).elem("Label", r.label());
          w.start("Timestamps");
          r.timestamps().forEach(t -> w.elem("member", t));
          w.end().start("Values");
          r.values().forEach(v -> w.elem("member", v));
          w.end().elem("StatusCode", r.statusCode());
          w.start("Messages");
          if (r.message() != null) {
            w.start("member").elem("Code", "InternalError").elem("Value", r.message()).end();
          }
          w.end().end();
        }
        w.end().start("Messages").end().end();
      }
      default -> throw AwsError.client("InvalidAction", "The sandbox does not model CloudWatch " + op + ".");
    }
    return w.start("ResponseMetadata").elem("RequestId", requestId).end().end().toString();
  }

  private static void alarm(XmlWriter w, MetricAlarm a) {
    w.start("member")
        .elem("AlarmName", a.name)
        .elem("AlarmArn", a.arn)
        .elem("AlarmDescription", a.config.path("AlarmDescription").isMissingNode() ? null
            : a.config.path("AlarmDescription").asText())
        .elem("AlarmConfigurationUpdatedTimestamp", a.configurationUpdatedAt)
        .elem("ActionsEnabled", a.config.path("ActionsEnabled").asText("true"));
    strings(w, "OKActions", a.okActions);
    strings(w, "AlarmActions", a.alarmActions);
    strings(w, "InsufficientDataActions", a.insufficientDataActions);
    w.elem("StateValue", a.stateValue)
        .elem("StateReason", a.stateReason)
        .elem("StateReasonData", a.stateReasonData)
        .elem("StateUpdatedTimestamp", a.stateUpdatedAt)
        .elem("StateTransitionedTimestamp", a.stateTransitionedAt);
    if (a.metric != null) {
      w.elem("MetricName", a.metric.name()).elem("Namespace", a.metric.namespace());
      if (a.statistic.startsWith("p")) {
        w.elem("ExtendedStatistic", a.statistic);
      } else {
        w.elem("Statistic", a.statistic);
      }
      w.start("Dimensions");
      for (Map.Entry<String, String> d : a.metric.dimensions().entrySet()) {
        w.start("member").elem("Name", d.getKey()).elem("Value", d.getValue()).end();
      }
      w.end().elem("Period", a.period);
    }
    w.elem("EvaluationPeriods", a.evaluationPeriods)
        .elem("DatapointsToAlarm", a.datapointsToAlarm)
        .elem("Threshold", a.threshold)
        .elem("ComparisonOperator", a.comparison)
        .elem("TreatMissingData", a.treatMissingData)
        .end();
  }

  private static void strings(XmlWriter w, String name, List<String> values) {
    w.start(name);
    values.forEach(v -> w.elem("member", v));
    w.end();
  }

  static String iso(Instant t) {
    return XmlWriter.iso(t);
  }
}
