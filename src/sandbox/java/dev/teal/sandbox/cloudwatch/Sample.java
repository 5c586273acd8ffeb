package dev.teal.sandbox.cloudwatch;

import java.time.Instant;

/**
 * One PutMetricData datum (or one ALB request): a single value, or a statistic set. {@code values} is null
 * for a statistic set, which has no percentiles (CloudWatch User Guide, "Percentiles": percentiles are not
 * available for data published as statistic sets).
 */
record Sample(Instant timestamp, double sum, double count, double min, double max, double[] values) {

  static Sample of(Instant timestamp, double value) {
    return new Sample(timestamp, value, 1, value, value, new double[] {value});
  }

  static Sample repeated(Instant timestamp, double value, double count) {
    double[] values = new double[(int) Math.min(count, 10_000)];
    java.util.Arrays.fill(values, value);
    return new Sample(timestamp, value * count, count, value, value, values);
  }
}
