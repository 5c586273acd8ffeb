package dev.teal.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.sandbox.DemoIds;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static extension shares one simulator across the class; customisers reach the config. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxExtensionTest {

  @RegisterExtension
  static SandboxExtension sandbox = SandboxExtension.create(c -> c.seed(99).taskStartDelay(Duration.ofSeconds(3)));

  @Test
  @Order(1)
  void handsOutConfiguredClientsAndTheDemoWorld() {
    DemoIds demo = sandbox.seedDemo();
    assertThat(sandbox.seedDemo()).isSameAs(demo);
    assertThat(sandbox.sts().getCallerIdentity().account()).isEqualTo("000000000000");
    assertThat(demo.productionListenerArn()).contains(":listener/app/demo-alb/");
    assertThat(demo.subnets()).hasSize(2);
    sandbox.clock().advanceSeconds(3);
    assertThat(sandbox.ecs().describeServices(r -> r.cluster("demo").services("web")).services().get(0)
        .runningCount()).isEqualTo(3);
  }

  @Test
  @Order(2)
  void theSimulatorIsSharedAcrossTheClassWhenTheFieldIsStatic() {
    assertThat(sandbox.simulator().calls().count("ecs:DescribeServices")).as("the first test's call").isEqualTo(1);
    assertThat(sandbox.simulator().calls().count("ecs:CreateService")).as("seeding is set-up, not logged").isZero();
    assertThat(sandbox.simulator().config().seed()).isEqualTo(99);
  }
}
