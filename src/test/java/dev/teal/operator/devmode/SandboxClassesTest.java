package dev.teal.operator.devmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dev mode finds the sandbox in the test classes, and says what is wrong when it cannot. */
class SandboxClassesTest {

  @Test
  void findsTheSandboxStarterInTheTestClasses() {
    try (SandboxClasses classes = SandboxClasses.load(Path.of("target/test-classes"), getClass().getClassLoader())) {
      assertThat(classes.starter().getClass().getName()).isEqualTo("dev.teal.sandbox.devmode.SandboxStarter");
    }
  }

  @Test
  void aMissingDirectorySaysWhereTheSandboxRuns(@TempDir Path empty) {
    assertThatThrownBy(() -> SandboxClasses.load(empty.resolve("nowhere"), getClass().getClassLoader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no sandbox classes at")
        .hasMessageContaining("teal.sandbox.classes")
        .hasMessageContaining("./mvnw quarkus:dev");
  }

  @Test
  void aDirectoryWithoutTheStarterSaysSo(@TempDir Path empty) {
    // The parent must not see the test classes either, or it would answer for the empty directory.
    assertThatThrownBy(() -> SandboxClasses.load(empty, ClassLoader.getPlatformClassLoader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds no " + InProcessSandbox.Starter.class.getName());
  }
}
