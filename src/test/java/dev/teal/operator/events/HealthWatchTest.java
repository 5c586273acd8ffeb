package dev.teal.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.sdk.SdkElbGateway;
import dev.teal.operator.queue.TokenBucket;
import dev.teal.reconcile.HealthWait;
import dev.teal.sandbox.DemoIds;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The health watch against the simulator's target health, on its virtual clock. */
class HealthWatchTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  final List<String> woken = new ArrayList<>();
  final AtomicBoolean active = new AtomicBoolean(true);

  HealthWatch watch(double callsPerSecond) {
    return new HealthWatch(new SdkElbGateway(sandbox.elb()), sandbox.clock(), Duration.ofMillis(500),
        new TokenBucket(callsPerSecond, (int) Math.ceil(callsPerSecond), sandbox.clock()), active::get, woken::add);
  }

  long healthDescribes() {
    return sandbox.simulator().calls().count("elb:DescribeTargetHealth");
  }

  /** Shown to catch: waking on the first poll whatever the count (the deployment was woken too early). */
  @Test
  void wakesTheDeploymentOnTheFirstPollAfterItsTargetsAreHealthyAndStopsWatching() {
    DemoIds demo = sandbox.seedDemo();
    HealthWatch watch = watch(4);
    watch.watch("web", new HealthWait(demo.targetGroupArn(), 3));

    watch.tick();
    assertThat(woken).isEmpty();
    sandbox.clock().advance(Duration.ofMillis(400));
    watch.tick();
    assertThat(healthDescribes()).as("not due again before the interval").isEqualTo(1);

    sandbox.clock().advance(Duration.ofSeconds(60)); // tasks started, 2 checks of 10 s passed
    watch.tick();

    assertThat(woken).containsExactly("web");
    assertThat(watch.size()).isZero();
    watch.tick();
    assertThat(healthDescribes()).isEqualTo(2);
  }

  @Test
  void sharesItsBudgetAcrossWatchesAndPollsNothingWithoutTheLease() {
    DemoIds demo = sandbox.seedDemo();
    HealthWatch watch = watch(2);
    for (int i = 0; i < 5; i++) {
      watch.watch("d" + i, new HealthWait(demo.targetGroupArn(), 99));
    }

    watch.tick();
    assertThat(healthDescribes()).as("a budget of 2 per second, at one instant").isEqualTo(2);
    sandbox.clock().advance(Duration.ofSeconds(1));
    watch.tick();
    assertThat(healthDescribes()).isEqualTo(4);

    active.set(false);
    sandbox.clock().advance(Duration.ofSeconds(10));
    watch.tick();
    assertThat(healthDescribes()).isEqualTo(4);
    assertThat(woken).isEmpty();
  }
}
