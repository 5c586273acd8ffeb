package dev.teal.operator.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.aws.CallBudget;
import dev.teal.operator.OperatorSettings;
import dev.teal.operator.config.TealConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon's settings as {@code teal.*} gives them, and the start-up check of the lease arithmetic. */
class SettingsTest {

  @Test
  void theDefaultsFitAMutatingCallInTheLeaseWithRoomForARenewal() {
    OperatorSettings settings = Settings.of(config(Map.of()));

    assertThat(settings.awsCallBudget()).isEqualTo(new CallBudget(Duration.ofSeconds(15), Duration.ofSeconds(5)));
    assertThat(settings.leaseTiming().duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.leaseTiming().renewInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.leaseTiming().safetyMargin()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.leaseTiming().longestCallAlwaysAdmitted()).isEqualTo(Duration.ofSeconds(20));
  }

  /** The operator refuses to start on a call timeout its lease cannot cover, naming what to change. */
  @Test
  void aCallTimeoutLongerThanTheLeaseCanCoverIsRefusedAtStartUp() {
    assertThatThrownBy(() -> Settings.of(config(Map.of("teal.lease.duration", "15s"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("teal.aws.call-timeout (PT15S) must be shorter than teal.lease.duration (PT15S)")
        .hasMessageContaining("Shorten teal.aws.call-timeout or lengthen teal.lease.duration");
    assertThatThrownBy(() -> Settings.of(config(Map.of("teal.aws.call-timeout", "25s"))))
        .hasMessageContaining("teal.aws.call-timeout (PT25S)");

    assertThat(Settings.of(config(Map.of("teal.lease.duration", "15s", "teal.aws.call-timeout", "4s",
        "teal.aws.attempt-timeout", "2s"))).awsCallBudget()).isEqualTo(new CallBudget(Duration.ofSeconds(4),
        Duration.ofSeconds(2)));
    assertThat(Settings.of(config(Map.of("teal.lease.enabled", "false", "teal.aws.call-timeout", "60s")))
        .awsCallBudget().call()).as("no lease, nothing to fit in").isEqualTo(Duration.ofSeconds(60));
  }

  private static TealConfig config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withMapping(TealConfig.class)
        .withConverter(Duration.class, 200, new DurationConverter())
        .withSources(new PropertiesConfigSource(properties, "test", 400))
        .build()
        .getConfigMapping(TealConfig.class);
  }
}
