package dev.teal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
      "0, PT0S",
      "0s, PT0S",
      "500ms, PT0.5S",
      "90s, PT1M30S",
      "2m, PT2M",
      "1h30m, PT1H30M",
      "1.5h, PT1H30M",
      "168h, PT168H",
      "1m0.5s, PT1M0.5S",
      "250us, PT0.00025S",
      "-30s, PT-30S",
  })
  void parsesGoStyleDurations(String text, String iso) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @CsvSource({
      "PT0S, 0s",
      "PT0.5S, 500ms",
      "PT1M30S, 1m30s",
      "PT2M, 2m",
      "PT1H30M, 1h30m",
      "PT168H, 168h",
      "PT1.25S, 1.25s",
      "PT0.00025S, 250us",
      "PT0.000000001S, 1ns",
      "PT-30S, -30s",
  })
  void formatsInTheShortestComposedForm(String iso, String text) {
    assertThat(GoDuration.format(Duration.parse(iso))).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "2 m", "m", "1d", "1h30", "PT1M", "1.m", "--1s", "1s ", "1H"})
  void refusesWhatIsNotADuration(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a duration like");
  }

  @Test
  void refusesDurationsTooLargeToRepresent() {
    assertThatThrownBy(() -> GoDuration.parse("99999999999999999999h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void roundTripsThroughFormat() {
    for (String text : new String[] {"1h2m3s", "45m", "10m", "2m", "1s", "30m", "24h", "750ms"}) {
      assertThat(GoDuration.format(GoDuration.parse(text))).isEqualTo(text);
    }
  }
}
