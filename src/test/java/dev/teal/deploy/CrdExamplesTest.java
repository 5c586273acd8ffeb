package dev.teal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples a platform team starts from are all there and each says when to use it. (That every
 * file in crd-examples/ is valid under the JSON Schema and the validator is checked for each file found
 * by {@code DocumentValidatorTest} and {@code SchemaTest}, so a new example is covered by adding it.)
 * Fault planted once and seen failing: the comment of auto-promotion.yaml without "use it".
 */
class CrdExamplesTest {

  static final List<String> EXPECTED = List.of("minimal.yaml", "stepped-promotion.yaml", "auto-promotion.yaml",
      "analysis.yaml", "existing-service-adoption.yaml", "first-deployment.yaml", "step-pauses.yaml", "linear.yaml",
      "canary.yaml", "sidecars.yaml", "paused-rollout.yaml", "alarm-gate.yaml", "fail-fast.yaml", "bake.yaml",
      "metric-gate.yaml", "hook-ecs-task.yaml", "hook-webhook.yaml", "hook-lambda.yaml");

  static Stream<Path> examples() throws Exception {
    return Files.list(Path.of("crd-examples")).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @Test
  void everyDocumentedExampleIsThere() throws Exception {
    assertThat(examples().map(p -> p.getFileName().toString())).containsAll(EXPECTED);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void eachStartsWithACommentSayingWhenToUseIt(Path example) throws Exception {
    List<String> lines = Files.readAllLines(example);
    String comment = String.join(" ", lines.stream().takeWhile(l -> l.startsWith("#")).toList()).toLowerCase();

    assertThat(lines.get(0)).startsWith("# " + example.getFileName() + ": ");
    assertThat(comment).contains("use it");
  }
}
