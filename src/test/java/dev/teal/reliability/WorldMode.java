package dev.teal.reliability;

import dev.teal.reconcile.cycle.CycleHarness;
import dev.teal.sandbox.SandboxSimulator;
import dev.teal.sandbox.faults.FaultInjector;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * How the world behaves around a reliability run, on top of faults and crashes.
 *
 * <ul>
 *   <li>{@link #PLAIN}: every change is visible at once, nobody else changes the service.</li>
 *   <li>{@link #EVENTUALLY_CONSISTENT}: the simulator's "not visible yet" mode on the answers teal has to
 *       live with (ModifyRule/ModifyListener not knowing a new target group, CreateTaskSet not seeing a rule
 *       change, DeleteTargetGroup still seeing a rule that stopped), each with a seeded lag of up to
 *       {@link #LAG}.</li>
 *   <li>{@link #AUTOSCALING}: the service has a scalable target; while production shifts to green,
 *       a policy scales out, then asks to scale in (which must wait: teal suspends scale-in), and Fargate
 *       retires one of green's tasks.</li>
 * </ul>
 */
enum WorldMode {
  PLAIN, EVENTUALLY_CONSISTENT, AUTOSCALING;

  static final Duration LAG = Duration.ofSeconds(6);
  static final int SCALE_OUT_TO = 5;
  /** A shortfall in production this long is the world churning, not teal's doing (see CycleHarness). */
  static final Duration CHURN_GRACE = Duration.ofMinutes(3);

  /** Sets the world up before the harness starts. */
  void prepare(SandboxExtension sandbox) {
    switch (this) {
      case PLAIN -> { }
      case EVENTUALLY_CONSISTENT -> {
        sandbox.seedDemo(); // the world as it was before teal came: no lag in setting it up
        FaultInjector faults = sandbox.simulator().faults();
        for (String op : new String[] {"elb:ModifyRule", "elb:ModifyListener", "elb:DeleteTargetGroup",
            "ecs:CreateTaskSet"}) {
          faults.notVisibleFor(op, LAG);
        }
      }
      case AUTOSCALING -> {
        var demo = sandbox.seedDemo();
        sandbox.observerAutoScaling().registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
            .resourceId("service/" + demo.cluster() + "/" + demo.service())
            .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(10));
      }
    }
  }

  /** Tunes the harness: churn makes short shortfalls in production normal. */
  CycleHarness harness(CycleHarness h) {
    return this == AUTOSCALING ? h.tolerateChurn(CHURN_GRACE) : h;
  }

  /**
   * Once production starts shifting to green: a scale-out, a scale-in request (suspended by teal, so it must
   * not happen), and one of green's tasks retired by Fargate.
   */
  void duringPromotion(CycleHarness h) {
    if (this != AUTOSCALING) {
      return;
    }
    SandboxSimulator sim = h.sandbox.simulator();
    Instant now = h.clock.instant();
    sim.scaleServiceAt(now.plusSeconds(15), h.demo.cluster(), h.demo.service(), SCALE_OUT_TO);
    sim.scaleServiceAt(now.plusSeconds(40), h.demo.cluster(), h.demo.service(), 2);
    String green = h.status().preview() == null ? null : h.status().preview().taskSet();
    if (green != null) {
      sim.retireTaskAt(now.plusSeconds(50), green);
    }
  }
}
