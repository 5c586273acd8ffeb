package dev.teal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.document.Fixtures;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.model.TrafficStatus;
import dev.teal.store.StatusWriteGuard;
import dev.teal.store.StoredDeployment;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code teal status --watch} through the real command path. The test plays the operator: each time
 * the watch sleeps (the virtual clock advances a second), the next scripted status is written through
 * the store's guarded status write, exactly as the operator would.
 */
class StatusCommandTest {

  @RegisterExtension
  static SandboxExtension sandbox = SandboxExtension.create();

  static SandboxCli teal;
  final Deque<Phase> script = new ArrayDeque<>();

  @BeforeAll
  static void createTable() {
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    teal = new SandboxCli(sandbox, sandbox.tableName());
  }

  @BeforeEach
  void operator() {
    teal.sleeps = 0;
    teal.onSleep = () -> {
      if (!script.isEmpty()) {
        report(current, script.poll(), null);
      }
    };
  }

  String current;

  @Test
  void exitsZeroOnceTheCurrentSpecIsReachedPrintingEachChange() {
    current = create("watched");
    script.addAll(List.of(Phase.PENDING, Phase.PROGRESSING, Phase.PROGRESSING, Phase.PREVIEWING));

    SandboxCli.Result result = teal.run("status", "watched", "--watch", "--timeout", "1m");

    assertThat(result.code()).as(result.err()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).filteredOn(l -> l.matches("\\d{4}-.*")).extracting(l -> l.substring(22)).containsExactly(
        "-  waiting for the operator  production -",
        "Pending  pending  production 100",
        "Progressing  progressing  production 100",
        "Previewing  previewing  production 100");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("watched is Previewing with nginx:1.27 (generation 1)");
    assertThat(teal.sleeps).isEqualTo(4);
  }

  @Test
  void exitsSevenWithTheReasonWhenDegraded() {
    current = create("degrades");
    teal.onSleep = () -> report("degrades", Phase.DEGRADED, new Condition("Degraded", Condition.TRUE,
        "ProgressDeadlineExceeded", "green was not healthy within 10m", null));

    SandboxCli.Result result = teal.run("status", "degrades", "--watch");

    assertThat(result.code()).isEqualTo(ExitCodes.DEGRADED_OR_FAILED);
    assertThat(result.err()).isEqualTo("error: degrades did not reach the desired state: Degraded: degraded:"
        + " condition Degraded=True reason ProgressDeadlineExceeded: green was not healthy within 10m\n");
  }

  @Test
  void exitsEightOnTimeout() {
    current = create("slow");
    teal.onSleep = () -> { };

    SandboxCli.Result result = teal.run("status", "slow", "-w", "--timeout", "30s");

    assertThat(result.code()).isEqualTo(ExitCodes.TIMED_OUT);
    assertThat(result.err()).startsWith("error: timed out after 30s watching slow: waiting for the operator");
    assertThat(teal.sleeps).isEqualTo(30);
  }

  @Test
  void aStatusForThePreviousImageDoesNotEndTheWatch() {
    current = create("moving");
    report("moving", Phase.PREVIEWING, null);
    teal.run("set-image", "moving", "nginx:1.28");
    script.addAll(List.of(Phase.PROGRESSING, Phase.PREVIEWING));

    SandboxCli.Result result = teal.run("status", "moving", "--watch", "--timeout", "1m");

    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("Previewing  previewing (for an earlier spec)  production 100")
        .endsWith("moving is Previewing with nginx:1.28 (generation 2)\n");
    assertThat(teal.sleeps).isEqualTo(2);
  }

  @Test
  void noticesADirectWriteThatKeptTheGeneration() {
    current = create("direct");
    report("direct", Phase.PREVIEWING, null);
    sandbox.dynamoDb().updateItem(r -> r.tableName(sandbox.tableName())
        .key(Map.of("name", AttributeValue.fromS("direct"), "sk", AttributeValue.fromS("deployment")))
        .updateExpression("SET spec.image = :i")
        .expressionAttributeValues(Map.of(":i", AttributeValue.fromS("nginx:1.28"))));
    script.add(Phase.PREVIEWING);

    SandboxCli.Result result = teal.run("status", "direct", "--watch", "--timeout", "10s");

    assertThat(result.code()).isZero();
    assertThat(teal.sleeps).as("the old Previewing did not count").isEqualTo(1);
    assertThat(result.out()).endsWith("direct is Previewing with nginx:1.28 (generation 1)\n");
  }

  @Test
  void withoutWatchPrintsASummary() {
    current = create("summary");
    report("summary", Phase.PREVIEWING, null);

    SandboxCli.Result result = teal.run("status", "summary");

    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("summary: phase preview, image nginx:1.27 (generation 1, spec hash ")
        .contains("  status:   Previewing: previewing (for the current spec)\n")
        .contains("  stable:   nginx:1.26\n  preview:  nginx:1.27\n  traffic:  production 100 (stable/preview)\n");
    assertThat(teal.run("status", "nope").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  private static String create(String name) {
    SandboxCli.Result result = teal.runWithInput(Fixtures.bytes(Fixtures.minimal(name, "nginx:1.27")), "apply", "-f", "-");
    assertThat(result.code()).as(result.err()).isZero();
    return name;
  }

  /** What the operator would write: a status for the spec it just read. */
  private static void report(String name, Phase phase, Condition condition) {
    StoredDeployment read = teal.store().get(name).orElseThrow();
    teal.store().updateStatus(name, StatusWriteGuard.of(read), new DeploymentStatus(phase, phase.wireName().toLowerCase(),
        read.generation(), read.specHash(), RevisionStatus.of("r1", "nginx:1.26"), RevisionStatus.of("r2",
        read.spec().image()), null, List.of(), new TrafficStatus(List.of(new RouteWeight("r1", "nginx:1.26", "tg1", 100)),
        List.of()), null, null, null, null, null, null, condition == null ? List.of() : List.of(condition), List.of()));
  }
}
