package dev.teal.document;

import static dev.teal.document.Fixtures.bytes;
import static dev.teal.document.Fixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.model.BlueGreenDeployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DocumentValidatorTest {

  static Stream<Path> examples() throws Exception {
    return Files.list(Path.of("crd-examples")).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsValid(Path example) throws Exception {
    BlueGreenDeployment doc = DocumentCodec.read(Files.readAllBytes(example));

    assertThat(DocumentValidator.validate(doc)).isEmpty();
  }

  @Test
  void theExampleDirectoryHoldsTheDocumentedExamples() throws Exception {
    assertThat(examples().map(p -> p.getFileName().toString()))
        .contains("minimal.yaml", "stepped-promotion.yaml");
  }

  static Stream<Arguments> controlAndStepRules() {
    return Stream.of(
        Arguments.of("  strategy: {promotion: {steps: [10, {weight: 100, pause: {duration: 1m}}]}}",
            "spec.strategy.promotion.steps[1].pause"),
        Arguments.of("  strategy: {promotion: {steps: [{weight: 50, pause: {duration: 25h}}, 100]}}",
            "spec.strategy.promotion.steps[0].pause.duration"),
        Arguments.of("  strategy: {promotion: {canary: {canaryPercent: 10}, linear: {stepPercent: 20}}}",
            "spec.strategy.promotion.steps"),
        Arguments.of("  strategy: {promotion: {linear: {stepPercent: 2}}}", "spec.strategy.promotion.linear.stepPercent"),
        Arguments.of("  strategy: {promotion: {canary: {canaryPercent: 100}}}",
            "spec.strategy.promotion.canary.canaryPercent"),
        Arguments.of("  images: {web: nginx:1.28}", "spec.images.web"),
        Arguments.of("  images: {sidecar: envoy}", "spec.images.sidecar"),
        Arguments.of("  control: {fullPromotion: {revision: 1a2b3c4d, reason: ' '}}",
            "spec.control.fullPromotion.reason"),
        Arguments.of("  control: {resume: {revision: 1a2b3c4d}}", "spec.control.resume.step"),
        Arguments.of("  control: {retry: -1}", "spec.control.retry"),
        Arguments.of("  strategy: {gates: {alarms: [web-5xx, web-5xx]}}", "spec.strategy.gates.alarms[1]"),
        Arguments.of("  strategy: {gates: {alarms: [\"web\\t5xx\"]}}", "spec.strategy.gates.alarms[0]"),
        Arguments.of("  strategy: {gates: {alarms: [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11]}}",
            "spec.strategy.gates.alarms"),
        Arguments.of("  strategy: {failFast: {unhealthyChecks: -1}}", "spec.strategy.failFast.unhealthyChecks"),
        Arguments.of("  strategy: {failFast: {stoppedTasks: 101}}", "spec.strategy.failFast.stoppedTasks"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("controlAndStepRules")
  void theNewRulesNameTheirField(String block, String path) {
    BlueGreenDeployment doc = read(minimal().replace("  image: nginx:1.27", "  image: nginx:1.27\n" + block));

    assertThat(DocumentValidator.validate(doc)).extracting(Violation::path).containsExactly(path);
  }

  @Test
  void imagesMayStandForImageAndTheShortFormOfStepsStillReads() {
    BlueGreenDeployment doc = read(minimal().replace("  image: nginx:1.27", "  images: {web: nginx:1.27, log: fluent-bit:3.1}"
        + "\n  strategy: {promotion: {steps: [10, {weight: 50, pause: {}}, 100]}}"));

    assertThat(DocumentValidator.validate(doc)).isEmpty();
    assertThat(dev.teal.document.SpecDefaults.apply(doc.spec()).image()).isEqualTo("nginx:1.27");
    assertThat(doc.spec().strategy().promotion().weights()).containsExactly(10, 50, 100);
    assertThat(doc.spec().strategy().promotion().effectiveSteps().get(1).waitsForResume()).isTrue();
    assertThat(DocumentCodec.toYaml(doc)).contains("- 10", "weight: 50", "pause: {}");
  }

  @Test
  void listsEveryViolationAtOnce() {
    BlueGreenDeployment doc = read(minimal("Web_1", "nginx latest").replace("containerPort: 80", "containerPort: 0")
        .replace("  image: ", "  strategy: {promotion: {steps: [50, 10]}, progressDeadline: 5s}\n  image: "));

    assertThat(DocumentValidator.validate(doc)).extracting(Violation::path).containsExactly(
        "metadata.name", "spec.containerPort", "spec.image", "spec.strategy.promotion.steps",
        "spec.strategy.progressDeadline");
  }

  @Test
  void saysStepsMustBeIncreasingAndEndAt100() {
    BlueGreenDeployment doc = read(minimal().replace("  image: ",
        "  strategy: {promotion: {steps: [10, 50, 90]}}\n  image: "));

    assertThat(DocumentValidator.validate(doc)).containsExactly(new Violation("spec.strategy.promotion.steps",
        "must be increasing and end at 100 (was [10, 50, 90])"));
  }

  @Test
  void checksCrossFieldRulesAgainstDefaults() {
    BlueGreenDeployment doc = read(minimal().replace("vpcId: vpc-0sandbox",
        "vpcId: vpc-0sandbox\n      healthCheck: {intervalSeconds: 5}"));

    assertThat(DocumentValidator.validate(doc)).containsExactly(new Violation(
        "spec.traffic.targetGroup.healthCheck.timeoutSeconds", "must be less than intervalSeconds (5 >= 5)"));
  }

  @Test
  void aWebhookIsNamedNeverGivenByItsUrlWhichCarriesItsToken() {
    BlueGreenDeployment doc = read(minimal().replace("  image: ", "  notifications: {webhooks: [team-shop,"
        + " 'https://hooks.slack.com/services/T0/B0/s3cret', 'ssm:/teal/hook', Team, team-shop]}\n  image: "));

    List<Violation> violations = DocumentValidator.validate(doc);

    assertThat(violations).extracting(Violation::path).containsExactly("spec.notifications.webhooks[1]",
        "spec.notifications.webhooks[2]", "spec.notifications.webhooks[3]", "spec.notifications.webhooks[4]");
    assertThat(violations.get(0).message()).contains("not a URL or secret reference")
        .contains("never belongs in a document").doesNotContain("s3cret");
    assertThat(violations.get(3).message()).isEqualTo("names 'team-shop' twice");
  }

  @Test
  void refusesAStatusBlockByName() {
    BlueGreenDeployment doc = read(minimal() + "status: {phase: Promoted}\n");

    assertThat(DocumentValidator.validate(doc)).containsExactly(new Violation("status",
        "is written only by the operator; remove the status block from the file"));
  }

  @Test
  void acceptsNamesUpToFortyCharacters() {
    assertThat(DocumentValidator.validateName("a".repeat(40))).isEmpty();
    assertThat(DocumentValidator.validateName("a".repeat(41))).extracting(Violation::message)
        .containsExactly("must be at most 40 characters (was 41)");
    assertThat(DocumentValidator.validateName("-web")).hasSize(1);
    assertThat(DocumentValidator.validateName("#operator")).hasSize(1);
  }

  @Test
  void acceptsTheImageFormsPeopleUse() {
    for (String image : List.of("nginx:1.27", "library/nginx:1.27-alpine", "localhost:5000/web:dev",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api:2.4.1", "web@sha256:" + "a".repeat(64),
        "ghcr.io/org/app:v1.0.0@sha256:" + "0123456789abcdef".repeat(4))) {
      assertThat(DocumentValidator.validateImage("spec.image", image)).as(image).isEmpty();
    }
    for (String image : List.of("nginx", "nginx:", "NGINX:1", "nginx:1.27 ", "web@sha256:abc", "a:" + "b".repeat(300))) {
      assertThat(DocumentValidator.validateImage("spec.image", image)).as(image).hasSize(1);
    }
  }

  @Test
  void checkThrowsWithTheSameViolations() {
    BlueGreenDeployment doc = read(minimal().replace("vpc-0sandbox", "vpc_0"));

    assertThatThrownBy(() -> DocumentValidator.check(doc))
        .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.violations())
            .isEqualTo(DocumentValidator.validate(doc)))
        .hasMessageStartingWith("spec.traffic.targetGroup.vpcId: must be a VPC id");
  }

  private static BlueGreenDeployment read(String yaml) {
    return DocumentCodec.read(bytes(yaml));
  }
}
