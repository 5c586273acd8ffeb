package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.CycleHarness.NAME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.cli.ExitCodes;
import dev.teal.cli.SandboxCli;
import dev.teal.model.DesiredPhase;
import dev.teal.model.OwnershipTags;
import dev.teal.model.Phase;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * Every container, and every change of the template, goes through the gates: a new revision of the
 * followed task definition family (an environment variable, a sidecar) is brought up as green and
 * promoted like a new image, and {@code teal set-image} moves a sidecar's image together with the main
 * container's.
 */
class ContainersAndTemplatesTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  /** A new revision of the demo's family: the same web container with an environment variable, and a sidecar. */
  String registerTemplateWithSidecar(CycleHarness h) {
    return h.sandbox.ecs().registerTaskDefinition(r -> r.family(h.demo.taskDefinitionFamily())
        .networkMode("awsvpc").requiresCompatibilitiesWithStrings("FARGATE").cpu("256").memory("512")
        .containerDefinitions(
            c -> c.name(h.demo.containerName()).image("nginx:1.26").essential(true)
                .environment(e -> e.name("GREETING").value("hello"))
                .portMappings(p -> p.containerPort(h.demo.containerPort())),
            c -> c.name("log-router").image("fluent-bit:3.0").essential(false)))
        .taskDefinition().taskDefinitionArn();
  }

  TaskDefinition primaryTaskDefinition(CycleHarness h) {
    String arn = h.taskSets().stream().filter(t -> "PRIMARY".equals(t.status())).findFirst().orElseThrow()
        .taskDefinition();
    return h.sandbox.observerEcs().describeTaskDefinition(r -> r.taskDefinition(arn).include(TaskDefinitionField.TAGS))
        .taskDefinition();
  }

  static Map<String, String> images(TaskDefinition definition) {
    return definition.containerDefinitions().stream()
        .collect(Collectors.toMap(ContainerDefinition::name, ContainerDefinition::image));
  }

  @Test
  void aNewRevisionOfTheFamilyAndThenASidecarsImageGoThroughTheGates() {
    CycleHarness h = new CycleHarness(sandbox);
    SandboxCli teal = new SandboxCli(sandbox, sandbox.tableName());
    h.apply(h.spec("nginx:1.26", DesiredPhase.PROMOTE));
    h.runUntilQuiet();
    long creates = h.count("ecs:CreateTaskSet");

    String template = registerTemplateWithSidecar(h);
    String plan = teal.run("plan", NAME).out();
    assertThat(plan).contains("settings changed: environment", "log-router  added, image fluent-bit:3.0");
    var promoted = h.runUntil(s -> s.phase() == Phase.PROMOTED && s.stable().template() != null
        && s.stable().template().equals(template), Duration.ofHours(1));

    assertThat(h.count("ecs:CreateTaskSet")).as("a green for the new template").isEqualTo(creates + 1);
    TaskDefinition running = primaryTaskDefinition(h);
    assertThat(running.containerDefinitions().get(0).environment()).extracting(e -> e.value()).containsExactly("hello");
    assertThat(images(running)).containsEntry("log-router", "fluent-bit:3.0");
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    assertThat(promoted.history()).last().satisfies(r -> assertThat(r.taskDefinition()).isEqualTo(template));
    h.runUntilQuiet();
    long afterTemplate = h.count("ecs:CreateTaskSet");
    h.clock.advance(Duration.ofHours(1));
    h.reconcileOnce();
    assertThat(h.count("ecs:CreateTaskSet")).as("teal's own copy, now the family's newest, leads back to the"
        + " template: nothing new").isEqualTo(afterTemplate);

    SandboxCli.Result unknown = teal.run("set-image", NAME, "web=nginx:1.27", "envoy=envoy:1.30");
    assertThat(unknown.code()).isEqualTo(ExitCodes.INVALID_DOCUMENT);
    assertThat(unknown.err()).contains("spec.images.envoy", "no container named envoy");
    assertThat(h.currentSpec().image()).as("nothing was written").isEqualTo("nginx:1.26");

    SandboxCli.Result both = teal.run("set-image", NAME, "web=nginx:1.27", "log-router=fluent-bit:3.1", "--promote");
    assertThat(both.code()).as(both.err()).isZero();
    assertThat(teal.run("plan", NAME).out()).contains("web         image nginx:1.26 -> nginx:1.27",
        "log-router  image fluent-bit:3.0 -> fluent-bit:3.1");
    h.runUntil(s -> s.phase() == Phase.PROMOTED && "nginx:1.27".equals(s.stable().image()), Duration.ofHours(1));

    TaskDefinition green = primaryTaskDefinition(h);
    assertThat(images(green)).containsOnly(Map.entry("web", "nginx:1.27"), Map.entry("log-router", "fluent-bit:3.1"));
    assertThat(green.containerDefinitions().get(0).environment()).extracting(e -> e.value()).containsExactly("hello");
    assertThat(h.sandbox.observerEcs().describeTaskDefinition(r -> r.taskDefinition(green.taskDefinitionArn())
        .include(TaskDefinitionField.TAGS)).tags()).anySatisfy(t -> {
          assertThat(t.key()).isEqualTo(OwnershipTags.TEMPLATE);
          assertThat(t.value()).isEqualTo(template);
        });
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.27");
    h.assertInvariantsHeld();
  }
}
