package dev.teal.document;

import static dev.teal.document.Fixtures.bytes;
import static dev.teal.document.Fixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.BlueGreenDeployment;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code spec.strategy.bake}: read as a duration, absent means no bake, and out of range is refused by name. */
class BakeRulesTest {

  static BlueGreenDeployment withBake(String bake) {
    return DocumentCodec.read(bytes(minimal().replace("  image: nginx:1.27",
        "  image: nginx:1.27\n  strategy: {bake: " + bake + "}")));
  }

  @Test
  void aBakeIsReadAsADurationAndAbsentMeansNone() {
    BlueGreenDeployment doc = withBake("5m");

    assertThat(DocumentValidator.validate(doc)).isEmpty();
    assertThat(doc.spec().strategy().bake()).isEqualTo(Duration.ofMinutes(5));
    assertThat(SpecDefaults.apply(doc.spec()).strategy().bake()).isEqualTo(Duration.ofMinutes(5));
    assertThat(DocumentCodec.toYaml(doc)).contains("bake: 5m");
    BlueGreenDeployment none = DocumentCodec.read(bytes(minimal()));
    assertThat(SpecDefaults.apply(none.spec()).strategy().bake()).as("no default: no bake").isNull();
    assertThat(SpecDefaults.apply(none.spec()).strategy().bakeOrZero()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "-5m | must not be negative (was -5m)",
      "25h | must be between 0s and 24h (was 25h)"})
  void aNegativeOrAbsurdBakeIsRefusedNamingTheField(String bake, String message) {
    assertThat(DocumentValidator.validate(withBake(bake))).containsExactly(new Violation("spec.strategy.bake", message));
  }
}
