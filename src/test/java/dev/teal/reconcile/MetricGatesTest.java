package dev.teal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.RouteRef;
import dev.teal.aws.RouteState;
import dev.teal.aws.WeightedTarget;
import dev.teal.model.MetricGateSpec;
import dev.teal.model.MetricGateSpec.BlueComparison;
import dev.teal.model.MetricGateStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The metric gates' verdicts ({@link MetricGates#evaluate}) and the windows and dimensions they read, without I/O. */
class MetricGatesTest {

  static final Instant START = Instant.parse("2030-01-01T00:03:00Z");

  static MetricGateSpec share(Double max, BlueComparison blue) {
    return new MetricGateSpec("5xx", "HTTPCode_Target_5XX_Count", null, "RequestCount", max, blue, null, 50, 2);
  }

  static MetricGateSpec p99(Double max, BlueComparison blue) {
    return new MetricGateSpec("p99", "TargetResponseTime", "p99", null, max, blue, null, 50, 1);
  }

  static MetricReading reading(Double green, Double greenPer, long greenRequests, Double blue, Double bluePer,
      Long blueRequests) {
    return new MetricReading("g", START, START.plusSeconds(60), 50, green, greenPer, greenRequests, blue, bluePer,
        blueRequests);
  }

  static Stream<Arguments> windows() {
    BlueComparison plusOne = new BlueComparison(null, 1.0);
    BlueComparison latency = new BlueComparison(1.5, 0.05);
    return Stream.of(
        Arguments.of("30 % 5xx against blue's 0 %", share(null, plusOne), reading(30.0, 100.0, 100, null, 100.0, 100L),
            MetricGateStatus.FAILED, 30.0, 1.0),
        Arguments.of("1 % against blue's 1 %, a point allowed", share(null, plusOne),
            reading(1.0, 100.0, 100, 1.0, 100.0, 100L), MetricGateStatus.PASSED, 1.0, 2.0),
        Arguments.of("green just at the bound passes", share(null, plusOne),
            reading(2.0, 100.0, 100, 1.0, 100.0, 100L), MetricGateStatus.PASSED, 2.0, 2.0),
        Arguments.of("p99 1.5 s against blue's 20 ms", p99(null, latency), reading(1.5, null, 100, 0.02, null, 100L),
            MetricGateStatus.FAILED, 1.5, 0.08),
        Arguments.of("green below minSamples", share(null, plusOne), reading(30.0, 49.0, 49, 0.0, 100.0, 100L),
            MetricGateStatus.NO_VERDICT, null, null),
        Arguments.of("blue below minSamples (a bake): no comparison", share(null, plusOne),
            reading(30.0, 100.0, 100, null, null, 0L), MetricGateStatus.NO_VERDICT, null, null),
        Arguments.of("blue below minSamples, but max still judges", share(5.0, plusOne),
            reading(30.0, 100.0, 100, null, null, 0L), MetricGateStatus.FAILED, 30.0, 5.0),
        Arguments.of("both bounds: the tighter one", share(5.0, new BlueComparison(1.0, 10.0)),
            reading(6.0, 100.0, 100, 0.0, 100.0, 100L), MetricGateStatus.FAILED, 6.0, 5.0),
        Arguments.of("no p99 datapoint: unknown, not 0", p99(1.0, null), reading(null, null, 100, null, null, null),
            MetricGateStatus.NO_VERDICT, null, null),
        Arguments.of("no 5xx datapoint is 0 %", share(5.0, null), reading(null, 100.0, 100, null, null, null),
            MetricGateStatus.PASSED, 0.0, 5.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("windows")
  void aWindowGetsTheVerdictOfItsNumbers(String name, MetricGateSpec gate, MetricReading r, String verdict,
      Double green, Double bound) {
    MetricGateStatus result = MetricGates.evaluate(gate, r, null);

    assertThat(result.verdict()).isEqualTo(verdict);
    assertThat(result.failures()).isEqualTo(MetricGateStatus.FAILED.equals(verdict) ? 1 : 0);
    assertThat(result.evaluations()).isEqualTo(1);
    assertThat(result.bound()).isEqualTo(bound);
    if (green != null) {
      assertThat(result.green()).isCloseTo(green, org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(result.windowEnd()).isEqualTo(START.plusSeconds(60));
    assertThat(result.message()).isNotBlank();
  }

  @Test
  void failuresAddUpAcrossWindowsAndAWindowWithoutAVerdictKeepsThem() {
    MetricGateSpec gate = share(null, new BlueComparison(null, 1.0));
    MetricGateStatus first = MetricGates.evaluate(gate, reading(30.0, 100.0, 100, 0.0, 100.0, 100L), null);
    MetricGateStatus thin = MetricGates.evaluate(gate, reading(30.0, 10.0, 10, 0.0, 100.0, 100L), first);
    MetricGateStatus second = MetricGates.evaluate(gate, reading(30.0, 100.0, 100, 0.0, 100.0, 100L), thin);

    assertThat(List.of(first.failures(), thin.failures(), second.failures())).containsExactly(1, 1, 2);
    assertThat(second.evaluations()).isEqualTo(3);
    assertThat(thin.message()).contains("fewer than minSamples 50", "no verdict");
    assertThat(first.message()).contains("green 30 (100 requests) above blue's 0 (100 requests) x 1 + 1 = 1");
  }

  @Test
  void windowsAreWholeIntervalsAlignedToTheEpoch() {
    assertThat(MetricQueries.windowEnd(Instant.parse("2030-01-01T00:03:59Z"), Duration.ofMinutes(1)))
        .isEqualTo(Instant.parse("2030-01-01T00:03:00Z"));
    assertThat(MetricQueries.windowEnd(Instant.parse("2030-01-01T00:03:00Z"), Duration.ofMinutes(1)))
        .isEqualTo(Instant.parse("2030-01-01T00:03:00Z"));
    assertThat(MetricQueries.windowEnd(Instant.parse("2030-01-01T00:14:10Z"), Duration.ofMinutes(5)))
        .isEqualTo(Instant.parse("2030-01-01T00:10:00Z"));
  }

  @Test
  void theDimensionsAreTheArnsResourcesAsAlbReportsThem() {
    // ELB User Guide, "Metric dimensions for Application Load Balancers": app/<name>/<id>, targetgroup/<name>/<id>.
    assertThat(MetricQueries.loadBalancerDimension("arn:aws:elasticloadbalancing:eu-west-1:123456789012:"
        + "listener-rule/app/prod/7f6e5d4c3b2a1908/1a2b3c4d5e6f7a8b/3c4d5e6f7a8b9c0d"))
        .isEqualTo("app/prod/7f6e5d4c3b2a1908");
    assertThat(MetricQueries.loadBalancerDimension("arn:aws:elasticloadbalancing:eu-west-1:123456789012:"
        + "listener/app/prod/7f6e5d4c3b2a1908/1a2b3c4d5e6f7a8b")).isEqualTo("app/prod/7f6e5d4c3b2a1908");
    assertThat(MetricQueries.targetGroupDimension("arn:aws:elasticloadbalancing:eu-west-1:123456789012:"
        + "targetgroup/web-1a2b3c4d/73e2d6bc24d8a067")).isEqualTo("targetgroup/web-1a2b3c4d/73e2d6bc24d8a067");
  }

  @Test
  void greensShareIsItsWeightOverTheRoutesTotal() {
    RouteState route = new RouteState(RouteRef.rule("arn:rule"), List.of(new WeightedTarget("blue", 75),
        new WeightedTarget("green", 25)), Optional.empty());
    assertThat(MetricQueries.share(route, "green")).isEqualTo(25);
    assertThat(MetricQueries.share(route, "other")).isZero();
  }
}
