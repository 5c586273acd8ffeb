package dev.teal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.sandbox.http.CallRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/** ELB's Describe* token bucket, refilled on the simulator's (virtual) clock or on one given. */
class TokenBucketTest {

  private VirtualClock clock;
  private SandboxSimulator sim;
  private ElasticLoadBalancingV2Client elb;

  @BeforeEach
  void start() {
    clock = new VirtualClock();
    sim = SandboxSimulator.start(SimulatorConfig.defaults().clock(clock)
        .listenerPorts(new SimulatorConfig.ListenerPorts.Disabled()));
    elb = SandboxClients.configure(ElasticLoadBalancingV2Client.builder(), sim.endpoint(), sim.region(),
        o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  @AfterEach
  void stop() {
    elb.close();
    sim.close();
  }

  private int successesUntilThrottled(int max) {
    for (int i = 0; i < max; i++) {
      try {
        elb.describeLoadBalancers();
      } catch (AwsServiceException e) {
        assertThat(e.isThrottlingException()).isTrue();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
        return i;
      }
    }
    return max;
  }

  @Test
  void burstsFortyThenRefillsTenPerSecondOfSimulatorTime() {
    sim.faults().describeTokenBucket(40, 10);
    assertThat(successesUntilThrottled(100)).isEqualTo(40);
    assertThat(successesUntilThrottled(100)).isZero();

    clock.advanceSeconds(1);
    assertThat(successesUntilThrottled(100)).isEqualTo(10);
    clock.advanceSeconds(60);
    assertThat(successesUntilThrottled(100)).isEqualTo(40);
    assertThat(sim.calls().filter(r -> r.outcome() == CallRecord.Outcome.ERROR)).hasSize(4)
        .extracting(CallRecord::errorCode).containsOnly("Throttling");
  }

  @Test
  void onlyDescribeCallsSpendTokensAndTheRatesAreSettable() {
    sim.faults().describeTokenBucket(2, 0.5);
    for (int i = 0; i < 5; i++) {
      int n = i;
      elb.createTargetGroup(r -> r.name("tg-" + n).protocol(ProtocolEnum.HTTP).port(80).vpcId("vpc-1"));
    }
    assertThat(successesUntilThrottled(10)).isEqualTo(2);
    clock.advanceSeconds(2);
    assertThat(successesUntilThrottled(10)).isEqualTo(1);
    assertThatThrownBy(() -> elb.describeTargetGroups()).isInstanceOf(AwsServiceException.class);

    sim.faults().disableDescribeTokenBucket();
    assertThat(successesUntilThrottled(50)).isEqualTo(50);
  }

  @Test
  void aBucketOnItsOwnClockRefillsOnThatClockAndCallsCarryRealTime() {
    VirtualClock refill = new VirtualClock();
    sim.faults().describeTokenBucket(3, 1, refill);
    assertThat(successesUntilThrottled(10)).isEqualTo(3);
    clock.advanceSeconds(60); // the world's clock moving refills nothing
    assertThat(successesUntilThrottled(10)).isZero();
    refill.advanceSeconds(2);
    assertThat(successesUntilThrottled(10)).isEqualTo(2);

    var records = sim.calls().records();
    for (int i = 1; i < records.size(); i++) {
      assertThat(records.get(i).realNanos()).isGreaterThanOrEqualTo(records.get(i - 1).realNanos());
    }
    assertThat(records.get(records.size() - 1).realNanos()).isLessThanOrEqualTo(System.nanoTime());
  }
}
