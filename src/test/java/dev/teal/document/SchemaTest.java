package dev.teal.document;

import static dev.teal.document.Fixtures.bytes;
import static dev.teal.document.Fixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The published JSON Schema agrees with the Java side on the examples and on the core rules. */
class SchemaTest {

  static final Schema SCHEMA = load();

  static List<Error> validate(byte[] file) {
    return SCHEMA.validate(YamlTrees.read(file).toString(), InputFormat.JSON);
  }

  @ParameterizedTest
  @MethodSource("dev.teal.document.DocumentValidatorTest#examples")
  void everyExamplePassesTheSchema(Path example) throws Exception {
    assertThat(validate(Files.readAllBytes(example))).isEmpty();
  }

  static Stream<Arguments> badDocuments() {
    String m = minimal();
    return Stream.of(
        Arguments.of("unknown field", m.replace("  image:", "  imgae:"), "imgae"),
        Arguments.of("name with capitals", m.replace("name: web", "name: Web"), "/metadata/name"),
        Arguments.of("name too long", m.replace("name: web", "name: " + "w".repeat(41)), "/metadata/name"),
        Arguments.of("no test rule", m.replace("    testRule:", "    testRuleX:"), "testRule"),
        Arguments.of("both production routes", m.replace("    testRule:", "    productionListener: "
            + "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/demo/50dc6c495c0c9188/f2f7dc8efc522ab2\n"
            + "    testRule:"), "/spec/traffic"),
        Arguments.of("malformed rule ARN", m.replace("listener-rule/app/demo/50dc6c495c0c9188/f2f7",
            "listener/app/demo/50dc6c495c0c9188/f2f7"), "/spec/traffic/productionRule"),
        Arguments.of("image without tag", m.replace("nginx:1.27", "nginx"), "/spec/image"),
        Arguments.of("port out of range", m.replace("containerPort: 80", "containerPort: 70000"),
            "/spec/containerPort"),
        Arguments.of("steps not ending at 100", m.replace("  image:",
            "  strategy: {promotion: {steps: [10, 50]}}\n  image:"), "/spec/strategy/promotion/steps"),
        Arguments.of("negative duration", m.replace("  image:",
            "  strategy: {scaleDownDelay: -5m}\n  image:"), "/spec/strategy/scaleDownDelay"),
        Arguments.of("bad vpc", m.replace("vpc-0sandbox", "vpc0"), "/spec/traffic/targetGroup/vpcId"),
        Arguments.of("status block", m + "status: {phase: Promoted}\n", "/status"),
        Arguments.of("bad phase", m.replace("  image:", "  phase: promoted\n  image:"), "/spec/phase"),
        Arguments.of("webhook URL in the document", m.replace("  image:",
            "  notifications: {webhooks: ['https://hooks.slack.com/services/T/B/x']}\n  image:"),
            "/spec/notifications/webhooks/0"),
        Arguments.of("a pause on the step at 100", m.replace("  image:",
            "  strategy: {promotion: {steps: [10, {weight: 100, pause: {}}]}}\n  image:"),
            "/spec/strategy/promotion/steps"),
        Arguments.of("steps and a shorthand", m.replace("  image:",
            "  strategy: {promotion: {steps: [100], linear: {stepPercent: 10}}}\n  image:"),
            "/spec/strategy/promotion"),
        Arguments.of("full promotion without a reason", m.replace("  image:",
            "  control: {fullPromotion: {revision: 1a2b3c4d}}\n  image:"), "/spec/control/fullPromotion"),
        Arguments.of("abort naming no revision id", m.replace("  image:",
            "  control: {abort: {revision: latest}}\n  image:"), "/spec/control/abort/revision"),
        Arguments.of("an alarm named twice", m.replace("  image:",
            "  strategy: {gates: {alarms: [web-5xx, web-5xx]}}\n  image:"), "/spec/strategy/gates/alarms"),
        Arguments.of("a metric gate without a bound", m.replace("  image:",
            "  strategy: {gates: {metrics: [{name: errors, metric: HTTPCode_Target_5XX_Count}]}}\n  image:"),
            "/spec/strategy/gates/metrics/0"),
        Arguments.of("a metric gate on a metric ALB does not report per target group", m.replace("  image:",
            "  strategy: {gates: {metrics: [{name: errors, metric: HTTPCode_ELB_5XX_Count, max: 1}]}}\n  image:"),
            "/spec/strategy/gates/metrics/0/metric"),
        Arguments.of("fail fast below zero", m.replace("  image:",
            "  strategy: {failFast: {stoppedTasks: -1}}\n  image:"), "/spec/strategy/failFast/stoppedTasks"),
        Arguments.of("neither image nor images", m.replace("  image: nginx:1.27\n", ""), "image"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDocuments")
  void representativeBadDocumentsFailBothTheSchemaAndTheValidator(String name, String yaml, String where) {
    List<Error> errors = validate(bytes(yaml));
    assertThat(errors).as("schema errors").isNotEmpty();
    assertThat(errors.toString()).contains(where);

    List<Violation> violations = new ArrayList<>();
    try {
      violations.addAll(DocumentValidator.validate(DocumentCodec.read(bytes(yaml))));
    } catch (InvalidDocumentException e) {
      violations.addAll(e.violations());
    }
    assertThat(violations).as("Java violations").isNotEmpty();
  }

  @Test
  void theMinimalDocumentPassesTheSchema() {
    assertThat(validate(bytes(minimal()))).isEmpty();
  }

  @Test
  void everySchemaPatternIsOneOfTheJavaPatterns() throws Exception {
    Set<String> javaPatterns = new HashSet<>();
    for (Field field : Patterns.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        javaPatterns.add((String) field.get(null));
      }
    }
    List<String> schemaPatterns = new ArrayList<>();
    collect(SpecDefaultsTest.schema(), "pattern", schemaPatterns);

    assertThat(schemaPatterns).hasSizeGreaterThan(15);
    assertThat(javaPatterns).containsAll(schemaPatterns);
  }

  private static void collect(JsonNode node, String key, List<String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getKey().equals(key) && e.getValue().isTextual()) {
          out.add(e.getValue().asText());
        } else {
          collect(e.getValue(), key, out);
        }
      });
    } else if (node.isArray()) {
      node.forEach(item -> collect(item, key, out));
    }
  }

  private static Schema load() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    try (var in = SchemaTest.class.getResourceAsStream("/schema/blue-green-deployment.schema.json")) {
      return registry.getSchema(in, InputFormat.JSON);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
