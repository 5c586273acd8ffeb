package dev.teal.reconcile;

import java.time.Instant;

/**
 * What CloudWatch reported for one metric gate over one window ({@link MetricQueries}): raw statistics, before any
 * verdict ({@link MetricGates} decides). A null value is a statistic CloudWatch had no datapoint for.
 *
 * @param gate the gate's name
 * @param windowStart the window's start (inclusive), a multiple of the gate's interval since the epoch
 * @param windowEnd its end (exclusive)
 * @param weight green's share of production (percent) when the window was read
 * @param green green's statistic of the gate's metric
 * @param greenPer green's Sum of the gate's {@code per} metric, when it has one
 * @param greenRequests green's RequestCount in the window (0 when none was reported)
 * @param blue blue's statistic, when the gate compares green to blue and blue has a target group
 * @param bluePer blue's Sum of {@code per}
 * @param blueRequests blue's RequestCount; null when blue was not read
 */
public record MetricReading(String gate, Instant windowStart, Instant windowEnd, int weight, Double green,
    Double greenPer, long greenRequests, Double blue, Double bluePer, Long blueRequests) {
}
