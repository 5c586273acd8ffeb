package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.CycleHarness.NAME;
import static dev.teal.reconcile.cycle.CycleHarness.steps;
import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.cli.SandboxCli;
import dev.teal.model.DesiredPhase;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code teal plan} says what the operator then does: at each point of a cycle, the actions the plan
 * lists as observed (from the live state) are the mutating calls the next reconcile makes, in order and
 * on the same targets; and planning changes nothing in AWS.
 */
class PlanMatchesOperatorTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  /** A numbered action line of the plan: its call and its target. */
  static final Pattern STEP = Pattern.compile("^\\s+\\d+\\. (\\S+)\\s+(.*)$");

  record Planned(String call, String target) {}

  /** The actions of the plan's observed section ("Now ..."), up to its first wait. */
  static List<Planned> observed(String plan) {
    List<Planned> out = new ArrayList<>();
    boolean now = false;
    for (String line : plan.lines().toList()) {
      if (line.startsWith("Now (observed")) {
        now = true;
        continue;
      }
      if (now && (line.startsWith("Status then") || line.startsWith("Predicted"))) {
        break;
      }
      Matcher m = STEP.matcher(line);
      if (now && m.matches() && !m.group(1).startsWith("http:")) {
        out.add(new Planned(m.group(1).replace("elbv2:", "elb:"), m.group(2)));
      }
    }
    return out;
  }

  /** Plans, reconciles once, and checks that the reconcile made exactly the planned calls. */
  static void planThenReconcile(CycleHarness h, SandboxCli teal, int expectedActions) {
    int before = h.mutatingCalls().size();
    SandboxCli.Result plan = teal.run("plan", NAME);
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(h.mutatingCalls()).as("teal plan changes nothing in AWS").hasSize(before);
    List<Planned> planned = observed(plan.out());
    assertThat(planned).as(plan.out()).hasSize(expectedActions);

    h.reconcileOnce();

    Set<String> plannedCalls = planned.stream().map(Planned::call).collect(Collectors.toSet());
    List<String> made = h.mutatingCalls().subList(before, h.mutatingCalls().size()).stream()
        .map(CallRecord::operation).filter(plannedCalls::contains).toList();
    assertThat(made).as("what the reconcile called, of the kinds of call the plan named\n" + plan.out())
        .containsExactlyElementsOf(planned.stream().map(Planned::call).toList());
  }

  @Test
  void atEachPointOfACycleThePlanIsWhatTheNextReconcileDoes() {
    CycleHarness h = new CycleHarness(sandbox);
    SandboxCli teal = new SandboxCli(sandbox, sandbox.tableName());
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    planThenReconcile(h, teal, 4); // claims of the service and both routes, then the adoption's tag
    h.runUntilQuiet();

    h.apply(withStrategy(h.spec("nginx:1.27", DesiredPhase.PROMOTE), s -> steps(s, List.of(50, 100),
        Duration.ofMinutes(1))));
    SandboxCli.Result bringUp = teal.run("plan", NAME);
    assertThat(observed(bringUp.out())).extracting(Planned::call).containsExactly("ecs:RegisterTaskDefinition",
        "elb:CreateTargetGroup", "elb:ModifyRule", "ecs:CreateTaskSet");
    assertThat(bringUp.out()).contains("web  image nginx:1.26 -> nginx:1.27", "Predicted (not observed",
        "Status at the end (predicted): Promoted: nginx:1.27 serves production");
    planThenReconcile(h, teal, 4);

    h.runUntil(s -> s.previewReadyAt() != null || s.promotion() != null, Duration.ofMinutes(10));
    h.clock.advance(Duration.ofSeconds(30));
    planThenReconcile(h, teal, observed(teal.run("plan", NAME).out()).size());

    h.runUntil(s -> s.promotion() != null && s.promotion().weight() == 50, Duration.ofMinutes(10));
    h.clock.advance(Duration.ofMinutes(1));
    planThenReconcile(h, teal, 2); // the last step, then green made primary
    h.assertInvariantsHeld();
  }

  /**
   * A service that auto scales: the plan, like the operator, first suspends its dynamic scale-in. Planted
   * once (teal plan observing without Application Auto Scaling): the plan began with RegisterTaskDefinition.
   */
  @Test
  void forAServiceThatAutoScalesThePlanSuspendsScaleInFirst() {
    CycleHarness h = new CycleHarness(sandbox);
    SandboxCli teal = new SandboxCli(sandbox, sandbox.tableName());
    sandbox.observerAutoScaling().registerScalableTarget(r -> r.serviceNamespace("ecs")
        .resourceId("service/" + h.demo.cluster() + "/" + h.demo.service())
        .scalableDimension("ecs:service:DesiredCount").minCapacity(1).maxCapacity(10));
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();

    h.apply(h.spec("nginx:1.27", DesiredPhase.PREVIEW));
    SandboxCli.Result plan = teal.run("plan", NAME);
    assertThat(observed(plan.out())).extracting(Planned::call).startsWith(
        "application-autoscaling:RegisterScalableTarget", "ecs:RegisterTaskDefinition");
    assertThat(plan.out()).contains("dynamic scale-in suspended");
    planThenReconcile(h, teal, observed(plan.out()).size());
    h.assertInvariantsHeld();
  }
}
