package dev.teal.document;

import static dev.teal.document.Fixtures.bytes;
import static dev.teal.document.Fixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DesiredPhase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentCodecTest {

  @Test
  void readsAMinimalDocument() {
    BlueGreenDeployment doc = DocumentCodec.read(bytes(minimal()));

    assertThat(doc.name()).isEqualTo("web");
    assertThat(doc.spec().image()).isEqualTo("nginx:1.27");
    assertThat(doc.spec().containerPort()).isEqualTo(80);
    assertThat(doc.spec().traffic().targetGroup().vpcId()).isEqualTo("vpc-0sandbox");
    assertThat(doc.spec().phase()).as("sparse: defaults are not filled in by the codec").isNull();
    assertThat(doc.status()).isNull();
  }

  @Test
  void readsDurationsPhasesAndNumbersWrittenAsStrings() {
    String yaml = minimal().replace("  image: nginx:1.27\n", "  image: nginx:1.27\n  phase: promote\n"
        + "  strategy:\n    scaleDownDelay: 1h30m\n    autoPromoteAfter: null\n").replace("vpcId: vpc-0sandbox", "vpcId: vpc-0sandbox\n      healthCheck: {matcher: 200}");

    BlueGreenDeployment doc = DocumentCodec.read(bytes(yaml));

    assertThat(doc.spec().phase()).isEqualTo(DesiredPhase.PROMOTE);
    assertThat(doc.spec().strategy().scaleDownDelay()).isEqualTo(Duration.ofMinutes(90));
    assertThat(doc.spec().strategy().autoPromoteAfter()).isNull();
    assertThat(doc.spec().traffic().targetGroup().healthCheck().matcher()).isEqualTo("200");
  }

  @Test
  void readsJsonToo() {
    String json = """
        {"apiVersion": "teal.dev/v1alpha1", "kind": "BlueGreenDeployment", "metadata": {"name": "web"},
         "spec": {"cluster": "demo", "image": "nginx:1.27", "containerPort": 80}}
        """;

    assertThat(DocumentCodec.read(bytes(json)).spec().image()).isEqualTo("nginx:1.27");
  }

  @Test
  void reportsEveryUnknownFieldWithAHint() {
    String yaml = minimal().replace("  image: nginx:1.27", "  imgae: nginx:1.27\n  colour: blue");

    assertThatThrownBy(() -> DocumentCodec.read(bytes(yaml)))
        .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("spec.imgae", "spec.colour"))
        .hasMessageContaining("spec.imgae: unknown field 'imgae'; did you mean 'image'?")
        .hasMessageContaining("spec.colour: unknown field 'colour'; known fields here: cluster, service");
  }

  @Test
  void reportsWrongTypesWithTheirPaths() {
    String yaml = minimal().replace("containerPort: 80", "containerPort: \"80\"")
        .replace("container: web", "container: [web]");

    assertThatThrownBy(() -> DocumentCodec.read(bytes(yaml)))
        .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.violations()).containsExactly(
            new Violation("spec.container", "must be a string"),
            new Violation("spec.containerPort", "must be a whole number (remove the quotes)")));
  }

  @Test
  void refusesDuplicateKeys() {
    String yaml = minimal().replace("  image: nginx:1.27", "  image: nginx:1.27\n  image: nginx:1.26");

    assertThatThrownBy(() -> DocumentCodec.read(bytes(yaml)))
        .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("spec.image"))
        .hasMessageContaining("duplicate key (lines 11 and 12)");
  }

  @Test
  void refusesAnchorsAndAliases() {
    String yaml = minimal().replace("  service: web", "  service: &svc web").replace("container: web",
        "container: *svc");

    assertThatThrownBy(() -> DocumentCodec.read(bytes(yaml)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("spec.service: YAML anchors and aliases (&svc) are not supported");
  }

  @Test
  void refusesABillionLaughsBeforeExpandingIt() {
    StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      char prev = (char) (c - 1);
      yaml.append(c).append(": &").append(c).append(" [").append(String.join(", ",
          List.of("*" + prev, "*" + prev, "*" + prev, "*" + prev, "*" + prev, "*" + prev, "*" + prev, "*" + prev,
              "*" + prev, "*" + prev))).append("]\n");
    }

    assertThatThrownBy(() -> DocumentCodec.read(bytes(yaml.toString())))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("(document): uses too many YAML aliases");
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    String deep = "a: ".repeat(40) + "x\n";
    String yaml = "apiVersion: teal.dev/v1alpha1\nmetadata: {name: web}\nspec:\n  cluster: " + "[".repeat(100)
        + "]".repeat(100) + "\n";

    assertThatThrownBy(() -> DocumentCodec.read(bytes(yaml)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("(document): is nested deeper than 32 levels");
    assertThatThrownBy(() -> DocumentCodec.read(bytes(deep))).isInstanceOf(InvalidDocumentException.class);
  }

  @Test
  void refusesMoreThanOneDocument() {
    String yaml = minimal() + "---\n" + minimal();

    assertThatThrownBy(() -> DocumentCodec.read(bytes(yaml)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("(document): the file holds more than one document (another starts at line 18);"
            + " apply one document per file");
  }

  @Test
  void refusesBytesThatAreNotUtf8() {
    byte[] latin1 = minimal().replace("web\n", "wéb\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> DocumentCodec.read(latin1))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageStartingWith("(document): is not valid UTF-8 (bad byte at offset");
  }

  @Test
  void refusesFilesOverOneMebibyteBeforeParsing() {
    byte[] huge = new byte[DocumentCodec.MAX_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');

    assertThatThrownBy(() -> DocumentCodec.read(huge))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("(document): the file is larger than 1048576 bytes (1 MiB), the limit for a document");
  }

  @Test
  void refusesAmbiguousYamlScalars() {
    String yaml = minimal().replace("containerPort: 80", "containerPort: 0x50")
        .replace("vpcId: vpc-0sandbox", "vpcId: vpc-0sandbox\n  network: {assignPublicIp: yes}");

    assertThatThrownBy(() -> DocumentCodec.read(bytes(yaml)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("spec.containerPort: '0x50' must be a plain decimal number")
        .hasMessageContaining("spec.network.assignPublicIp: 'yes' is ambiguous");
  }

  @Test
  void reportsSyntaxErrorsWithALine() {
    String yaml = minimal().replace("  image: nginx:1.27", "  image: [nginx:1.27");

    assertThatThrownBy(() -> DocumentCodec.read(bytes(yaml)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageStartingWith("(document): YAML syntax error at line");
  }

  @Test
  void keepsANonEmptyStatusForTheValidatorAndDropsAnEmptyOne() {
    assertThat(DocumentCodec.read(bytes(minimal() + "status: {}\n")).status()).isNull();
    assertThat(DocumentCodec.read(bytes(minimal() + "status: {phase: Promoted}\n")).status()).isNotNull();
    assertThat(DocumentCodec.read(bytes(minimal() + "status: {whatever: [1]}\n")).status()).isNotNull();
  }

  @Test
  void writesYamlThatReadsBackToTheSameDocument() {
    BlueGreenDeployment doc = DocumentCodec.read(bytes(minimal().replace("  image: nginx:1.27",
        "  image: nginx:1.27\n  strategy: {promotion: {steps: [10, 100], stepInterval: 90s}}")));

    String yaml = DocumentCodec.toYaml(doc);

    assertThat(yaml).contains("stepInterval: 1m30s").doesNotContain("---");
    assertThat(DocumentCodec.read(bytes(yaml))).isEqualTo(doc);
  }
}
