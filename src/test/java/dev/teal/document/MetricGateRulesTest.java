package dev.teal.document;

import static dev.teal.document.Fixtures.bytes;
import static dev.teal.document.Fixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed metric gates ({@code spec.strategy.gates.metrics}) are refused by the validator with a message naming
 * the field, and by the JSON Schema too, before any GetMetricData is made. Fault planted once and seen failing: the
 * whole-minutes rule on {@code interval} removed (the 90s row).
 */
class MetricGateRulesTest {

  private static final String GOOD = "{name: errors, metric: HTTPCode_Target_5XX_Count, per: RequestCount,"
      + " compareToBlue: {tolerance: 1}}";

  static String withGates(String gates) {
    return minimal().replace("  image: nginx:1.27\n", "  image: nginx:1.27\n  strategy:\n    gates:\n      metrics: "
        + gates + "\n");
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("[{metric: RequestCount, max: 1}]", "spec.strategy.gates.metrics[0].name", "is required", true),
        Arguments.of("[{name: 'has space', metric: RequestCount, max: 1}]", "spec.strategy.gates.metrics[0].name",
            "letters, digits", true),
        Arguments.of("[" + GOOD + ", " + GOOD + "]", "spec.strategy.gates.metrics[1].name", "twice", false),
        Arguments.of("[{name: e, max: 1}]", "spec.strategy.gates.metrics[0].metric", "is required", true),
        Arguments.of("[{name: e, metric: HTTPCode_ELB_5XX_Count, max: 1}]", "spec.strategy.gates.metrics[0].metric",
            "per target group", true),
        Arguments.of("[{name: e, metric: TargetResponseTime, stat: p999, max: 1}]",
            "spec.strategy.gates.metrics[0].stat", "percentile", true),
        Arguments.of("[{name: e, metric: TargetResponseTime, per: RequestCount, max: 1}]",
            "spec.strategy.gates.metrics[0].per", "a share is of a count", false),
        Arguments.of("[{name: e, metric: HTTPCode_Target_5XX_Count, per: TargetResponseTime, max: 1}]",
            "spec.strategy.gates.metrics[0].per", "count metric", true),
        Arguments.of("[{name: e, metric: HTTPCode_Target_5XX_Count, per: RequestCount, stat: p99, max: 1}]",
            "spec.strategy.gates.metrics[0].stat", "Sum or left out", false),
        Arguments.of("[{name: e, metric: RequestCount}]", "spec.strategy.gates.metrics[0]", "needs a bound", true),
        Arguments.of("[{name: e, metric: RequestCount, max: -1}]", "spec.strategy.gates.metrics[0].max",
            "non-negative", true),
        Arguments.of("[{name: e, metric: RequestCount, compareToBlue: {factor: 0}}]",
            "spec.strategy.gates.metrics[0].compareToBlue.factor", "positive", true),
        Arguments.of("[{name: e, metric: RequestCount, max: 1, interval: 90s}]",
            "spec.strategy.gates.metrics[0].interval", "whole minutes", false),
        Arguments.of("[{name: e, metric: RequestCount, max: 1, interval: 2h}]",
            "spec.strategy.gates.metrics[0].interval", "must be between", false),
        Arguments.of("[{name: e, metric: RequestCount, max: 1, minSamples: 0}]",
            "spec.strategy.gates.metrics[0].minSamples", "between 1 and", true),
        Arguments.of("[{name: e, metric: RequestCount, max: 1, failureLimit: 0}]",
            "spec.strategy.gates.metrics[0].failureLimit", "between 1 and 100", true),
        Arguments.of("[{name: e, metric: RequestCount, max: '5'}]", "spec.strategy.gates.metrics[0].max",
            "must be a number", true),
        Arguments.of("[{name: e, metric: RequestCount, max: 1, treshold: 2}]",
            "spec.strategy.gates.metrics[0].treshold", "", true));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("malformed")
  void aMalformedMetricGateIsRefusedNamingTheField(String gates, String path, String message, boolean schemaToo) {
    String yaml = withGates(gates);
    List<Violation> violations = new ArrayList<>();
    try {
      violations.addAll(DocumentValidator.validate(DocumentCodec.read(bytes(yaml))));
    } catch (InvalidDocumentException e) {
      violations.addAll(e.violations());
    }
    assertThat(violations).anySatisfy(v -> {
      assertThat(v.path()).isEqualTo(path);
      assertThat(v.message()).contains(message);
    });
    if (schemaToo) { // the rest are rules between fields the schema does not express
      assertThat(SchemaTest.validate(bytes(yaml))).as("the schema refuses it too").isNotEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormed")
  void wellFormedGatesPass(String gates) {
    String yaml = withGates(gates);
    assertThat(DocumentValidator.validate(DocumentCodec.read(bytes(yaml)))).isEmpty();
    assertThat(SchemaTest.validate(bytes(yaml))).isEmpty();
  }

  static Stream<String> wellFormed() {
    return Stream.of("[" + GOOD + "]",
        "[{name: p99, metric: TargetResponseTime, stat: p99.9, compareToBlue: {factor: 1.5}, interval: 5m}]",
        "[{name: ceiling, metric: HTTPCode_Target_5XX_Count, max: 10, minSamples: 1, failureLimit: 3}]");
  }
}
