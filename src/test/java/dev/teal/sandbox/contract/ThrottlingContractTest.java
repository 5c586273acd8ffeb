package dev.teal.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.sandbox.faults.FaultKind;
import dev.teal.sandbox.http.CallRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK's retry policy must see the simulator's throttling as throttling. Needs the simulator
 * (to inject it and read the call log), so it is skipped against real AWS.
 */
class ThrottlingContractTest {

  private ContractTarget target;

  @BeforeEach
  void setUp() {
    target = ContractTarget.resolve();
    target.assumeSimulator();
  }

  @AfterEach
  void tearDown() {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void ecsThrottlingIsRetriedByTheSdk() {
    target.simulator().faults().failNext("ecs:ListTaskDefinitions", 2, FaultKind.THROTTLE);
    assertThat(target.ecs().listTaskDefinitions().taskDefinitionArns()).isEmpty();
    assertThat(target.simulator().calls().records("ecs:ListTaskDefinitions"))
        .extracting(CallRecord::outcome, CallRecord::errorCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CallRecord.Outcome.FAULT, "THROTTLE"),
            org.assertj.core.groups.Tuple.tuple(CallRecord.Outcome.FAULT, "THROTTLE"),
            org.assertj.core.groups.Tuple.tuple(CallRecord.Outcome.OK, null));
  }

  @Test
  void elbThrottlingIsRetriedByTheSdk() {
    target.simulator().faults().failNext("elb:DescribeLoadBalancers", 1, FaultKind.THROTTLE);
    assertThat(target.elb().describeLoadBalancers().loadBalancers()).isEmpty();
    assertThat(target.simulator().calls().count("elb:DescribeLoadBalancers")).isEqualTo(2);
  }
}
