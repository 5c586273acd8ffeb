package dev.teal.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teal.model.AnalysisSpec;
import dev.teal.model.CanaryShift;
import dev.teal.model.LinearShift;
import dev.teal.model.PromotionSpec;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DesiredPhase;
import dev.teal.model.HttpAnalysisSpec;
import dev.teal.model.FailFastSpec;
import dev.teal.model.StrategySpec;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecDefaultsTest {

  private static final DeploymentSpec SPARSE = new DeploymentSpec("demo", "web", "web", "web", 8080, "nginx:1.27",
      null, null, null, new StrategySpec(null, null, null, null, null,
          new AnalysisSpec(new HttpAnalysisSpec("/healthz", null, null, null))));

  @Test
  void theSchemaDefaultsAreTheJavaDefaults() throws Exception {
    Map<String, JsonNode> schemaDefaults = new LinkedHashMap<>();
    collectDefaults(schema().get("properties"), "", schemaDefaults);

    Map<String, JsonNode> javaDefaults = new LinkedHashMap<>();
    SpecDefaults.DEFAULTS.forEach((path, value) -> javaDefaults.put(path, TealJackson.json().valueToTree(value)));

    assertThat(schemaDefaults).isEqualTo(javaDefaults);
  }

  @Test
  void applyFillsEveryDocumentedDefault() {
    // The shorthands' defaults fill a shorthand that is given (and then steps have no default).
    Map<String, String> plain = DocumentDiff.flatten("spec", DocumentCodec.toTree(SpecDefaults.apply(SPARSE)));
    Map<String, String> linear = DocumentDiff.flatten("spec", DocumentCodec.toTree(SpecDefaults.apply(
        withPromotion(new PromotionSpec(null, null, new LinearShift(null, null), null)))));
    Map<String, String> canary = DocumentDiff.flatten("spec", DocumentCodec.toTree(SpecDefaults.apply(
        withPromotion(new PromotionSpec(null, null, null, new CanaryShift(null, null))))));

    // Fail fast's defaults fill a failFast that is given; an absent one stays absent (the spec hash stays).
    StrategySpec s = SPARSE.strategy();
    Map<String, String> failFast = DocumentDiff.flatten("spec", DocumentCodec.toTree(SpecDefaults.apply(
        SPARSE.withStrategy(new StrategySpec(s.previewScale(), s.promotion(), s.autoPromoteAfter(), s.scaleDownDelay(),
            s.progressDeadline(), s.analysis(), s.gates(), new FailFastSpec(null, null))))));

    SpecDefaults.DEFAULTS.forEach((path, value) -> {
      Map<String, String> applied = path.contains(".linear.") ? linear : path.contains(".canary.") ? canary
          : path.contains(".failFast.") ? failFast : plain;
      assertThat(applied.get(path)).as(path)
          .isEqualTo(DocumentDiff.flatten(path, TealJackson.json().valueToTree(value)).get(path));
    });
    assertThat(linear).as("a shorthand stands for the steps").doesNotContainKey("spec.strategy.promotion.steps");
    assertThat(plain.keySet()).as("no failFast written into a spec without one")
        .noneMatch(k -> k.startsWith("spec.strategy.failFast"));
  }

  private static DeploymentSpec withPromotion(PromotionSpec promotion) {
    StrategySpec s = SPARSE.strategy();
    return SPARSE.withStrategy(new StrategySpec(s.previewScale(), promotion, s.autoPromoteAfter(), s.scaleDownDelay(),
        s.progressDeadline(), s.analysis()));
  }

  @Test
  void theTargetGroupPortDefaultsToTheContainerPort() {
    assertThat(SpecDefaults.apply(SPARSE).traffic().targetGroup().port()).isEqualTo(8080);
  }

  @Test
  void applyKeepsWhatTheUserWroteAndLeavesOptionalBlocksAlone() {
    DeploymentSpec written = SPARSE.withPhase(DesiredPhase.ROLLBACK).withStrategy(
        new StrategySpec(40, null, Duration.ofMinutes(5), null, null, null));

    DeploymentSpec applied = SpecDefaults.apply(written);

    assertThat(applied.phase()).isEqualTo(DesiredPhase.ROLLBACK);
    assertThat(applied.strategy().previewScale()).isEqualTo(40);
    assertThat(applied.strategy().autoPromoteAfter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(applied.strategy().analysis()).isNull();
    assertThat(applied.network()).isNull();
    assertThat(SpecDefaults.apply(applied)).as("idempotent").isEqualTo(applied);
  }

  static JsonNode schema() throws Exception {
    try (InputStream in = SpecDefaultsTest.class.getResourceAsStream("/schema/blue-green-deployment.schema.json")) {
      return TealJackson.json().readTree(in);
    }
  }

  private static void collectDefaults(JsonNode properties, String path, Map<String, JsonNode> out) {
    properties.fields().forEachRemaining(field -> {
      String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      if (field.getValue().has("default")) {
        out.put(fieldPath, field.getValue().get("default"));
      }
      if (field.getValue().has("properties")) {
        collectDefaults(field.getValue().get("properties"), fieldPath, out);
      }
    });
  }
}
