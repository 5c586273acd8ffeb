package dev.teal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.document.Fixtures;
import dev.teal.model.MetricGateSpec;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's metric gate walkthrough, as far as the CLI goes: the document from {@code teal get -o yaml} without its
 * status ({@code sed '/^status:/,$d'}), with the gate line the README shows added under {@code spec.strategy}, is
 * accepted by {@code teal apply}.
 */
class MetricGateWalkthroughTest {

  @RegisterExtension
  static SandboxExtension sandbox = SandboxExtension.create();

  static SandboxCli teal;

  @BeforeAll
  static void createTable() {
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    teal = new SandboxCli(sandbox, sandbox.tableName());
  }

  @Test
  void theReadmesEditOfTheDocumentFromGetIsAccepted() {
    String doc = Fixtures.minimal("web", "nginx:1.26").replace("  image: nginx:1.26\n",
        "  image: nginx:1.26\n  strategy:\n    promotion:\n      steps: [25, 50, 100]\n      stepInterval: 30s\n");
    assertThat(teal.runWithInput(Fixtures.bytes(doc), "apply", "-f", "-").code()).isZero();
    String yaml = teal.run("get", "web", "-o", "yaml").out();

    String stripped = yaml.lines().takeWhile(l -> !l.startsWith("status:"))
        .reduce("", (a, l) -> a + l + "\n");
    String edited = stripped.replace("      stepInterval: 30s\n", "      stepInterval: 2m\n")
        .replaceFirst("(?m)^  strategy:\n", "  strategy:\n    gates:\n      metrics:\n        - {name: 5xx-share,"
            + " metric: HTTPCode_Target_5XX_Count, per: RequestCount, compareToBlue: {tolerance: 1}, minSamples: 10}\n");
    SandboxCli.Result applied = teal.runWithInput(edited.getBytes(StandardCharsets.UTF_8), "apply", "-f", "-");

    assertThat(applied.code()).as(applied.err() + "\n" + edited).isZero();
    MetricGateSpec gate = teal.store().get("web").orElseThrow().spec().strategy().metricGates().get(0);
    assertThat(gate.name()).isEqualTo("5xx-share");
    assertThat(gate.compareToBlue().tolerance()).isEqualTo(1.0);
    assertThat(gate.minSamples()).isEqualTo(10);
  }
}
