package dev.teal.sandbox.cloudwatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** A metric alarm as PutMetricAlarm configured it, and its state. */
final class MetricAlarm {

  final String name;
  final String arn;
  /** The request as sent (minus the name): an update replaces all of it. */
  ObjectNode config;
  /** Null for an alarm on metric math ({@code Metrics}): the sandbox keeps its state but does not evaluate it. */
  MetricKey metric;
  String statistic;
  int period;
  int evaluationPeriods;
  int datapointsToAlarm;
  double threshold;
  String comparison;
  String treatMissingData;
  List<String> alarmActions;
  List<String> okActions;
  List<String> insufficientDataActions;
  Instant configurationUpdatedAt;
  String stateValue = "INSUFFICIENT_DATA";
  String stateReason = "Unchecked: Initial alarm creation";
  String stateReasonData;
  Instant stateUpdatedAt;
  Instant stateTransitionedAt;

  MetricAlarm(String name, String arn) {
    this.name = name;
    this.arn = arn;
  }

  boolean breaches(double value) {
    return switch (comparison) {
      case "GreaterThanOrEqualToThreshold" -> value >= threshold;
      case "GreaterThanThreshold" -> value > threshold;
      case "LessThanThreshold" -> value < threshold;
      case "LessThanOrEqualToThreshold" -> value <= threshold;
      default -> false;
    };
  }

  String comparisonWords() {
    return switch (comparison) {
      case "GreaterThanOrEqualToThreshold" -> "greater than or equal to";
      case "GreaterThanThreshold" -> "greater than";
      case "LessThanThreshold" -> "less than";
      default -> "less than or equal to";
    };
  }
}
