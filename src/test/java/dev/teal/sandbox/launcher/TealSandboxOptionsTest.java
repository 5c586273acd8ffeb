package dev.teal.sandbox.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** teal-sandbox's command line; the launcher itself runs from its archive in ReleaseArchivesIT. */
class TealSandboxOptionsTest {

  @Test
  void defaultsAreDevModesPortsAndTheDemo() {
    TealSandbox.Options options = TealSandbox.Options.parse(List.of());
    assertThat(options.demo()).isTrue();
    assertThat(options.operator()).isFalse();
    assertThat(options.apiPort()).isEqualTo(4566);
    assertThat(options.dynamoDbPort()).isEqualTo(8000);
    assertThat(options.listenerOffset()).isEqualTo(10000);
    assertThat(options.operatorPort()).isEqualTo(8080);
    assertThat(options.table()).isEqualTo("teal-deployments");
    assertThat(options.envFile()).isNull();
  }

  @Test
  void everyOptionIsRead() {
    TealSandbox.Options options = TealSandbox.Options.parse(List.of("--empty", "--operator", "--env-file", "s.env",
        "--table", "t1", "--region", "eu-west-1", "--api-port", "0", "--dynamodb-port", "0", "--listener-offset",
        "auto", "--operator-port", "0", "--seed", "7"));
    assertThat(options).isEqualTo(new TealSandbox.Options(false, true, Path.of("s.env"), "t1", "eu-west-1", 0, 0,
        null, 0, 7));
  }

  @Test
  void mistakesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> TealSandbox.Options.parse(List.of("--api-port", "http"))).hasMessageContaining("--api-port");
    assertThatThrownBy(() -> TealSandbox.Options.parse(List.of("--api-port", "70000"))).hasMessageContaining("0-65535");
    assertThatThrownBy(() -> TealSandbox.Options.parse(List.of("--env-file"))).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> TealSandbox.Options.parse(List.of("--demo-world"))).hasMessageContaining("unknown option");
  }
}
