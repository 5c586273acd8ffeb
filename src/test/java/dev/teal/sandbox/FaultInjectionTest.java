package dev.teal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.sandbox.faults.FaultKind;
import dev.teal.sandbox.http.CallRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ServerException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sts.StsClient;

/** Injected failures reach the SDK as the real thing, replay from a seed, and show in the call log. */
class FaultInjectionTest {

  private static SandboxSimulator simulator(long seed) {
    return SandboxSimulator.start(SimulatorConfig.defaults().seed(seed)
        .listenerPorts(new SimulatorConfig.ListenerPorts.Disabled()));
  }

  private static EcsClient ecsWithoutRetries(SandboxSimulator sim) {
    return SandboxClients.configure(EcsClient.builder(), sim.endpoint(), sim.region(),
        o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  private static List<String> outcomes(SandboxSimulator sim, int calls) {
    try (EcsClient ecs = ecsWithoutRetries(sim)) {
      for (int i = 0; i < calls; i++) {
        try {
          ecs.describeClusters(r -> r.clusters("default"));
        } catch (SdkException expected) {
          // the sequence of outcomes is read from the call log below
        }
      }
    }
    return sim.calls().records().stream()
        .map(r -> r.outcome() + (r.errorCode() == null ? "" : ":" + r.errorCode())).toList();
  }

  @Test
  void theSameSeedReplaysTheSameFailures() {
    List<List<String>> runs = new ArrayList<>();
    for (long seed : new long[] {7, 7, 8}) {
      try (SandboxSimulator sim = simulator(seed)) {
        sim.faults().errorRate("ecs:DescribeClusters", FaultKind.THROTTLE, 0.2)
            .errorRate("ecs:*", FaultKind.SERVER_ERROR, 0.1);
        runs.add(outcomes(sim, 60));
      }
    }
    assertThat(runs.get(0)).hasSize(60).isEqualTo(runs.get(1)).isNotEqualTo(runs.get(2));
    assertThat(runs.get(0)).contains("OK", "FAULT:THROTTLE", "FAULT:SERVER_ERROR");
  }

  @Test
  void throttlingIsRecognisedAsThrottlingAndRetriedBySdk() {
    try (SandboxSimulator sim = simulator(1);
       EcsClient ecs = SandboxClients.ecs(sim.endpoint(), sim.region());
       EcsClient once = ecsWithoutRetries(sim);
       ElasticLoadBalancingV2Client elbOnce = SandboxClients.configure(ElasticLoadBalancingV2Client.builder(),
           sim.endpoint(), sim.region(), o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
      sim.faults().failNext("ecs:DescribeClusters", 2, FaultKind.THROTTLE);
      assertThat(ecs.describeClusters(r -> r.clusters("default")).failures()).hasSize(1);
      assertThat(sim.calls().records("ecs:DescribeClusters")).extracting(CallRecord::outcome)
          .containsExactly(CallRecord.Outcome.FAULT, CallRecord.Outcome.FAULT, CallRecord.Outcome.OK);

      sim.faults().failNext("ecs:DescribeClusters", 1, FaultKind.THROTTLE);
      assertThatThrownBy(() -> once.describeClusters(r -> r.clusters("default")))
          .isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.isThrottlingException()).isTrue();
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            assertThat(e.statusCode()).isEqualTo(400);
          });

      sim.faults().failNext("elb:DescribeTargetGroups", 1, FaultKind.THROTTLE);
      assertThatThrownBy(() -> elbOnce.describeTargetGroups(r -> r.names("x")))
          .isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.isThrottlingException()).isTrue();
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
          });
    }
  }

  @Test
  void aServerErrorCanFailBeforeOrAfterTheChangeIsApplied() {
    try (SandboxSimulator sim = simulator(1); EcsClient ecs = ecsWithoutRetries(sim)) {
      sim.faults().failNext("ecs:CreateCluster", 1, FaultKind.SERVER_ERROR);
      assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("before")))
          .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
      assertThat(ecs.describeClusters(r -> r.clusters("before")).clusters()).isEmpty();

      sim.faults().applyThenFail(true).failNext("ecs:CreateCluster", 1, FaultKind.SERVER_ERROR);
      assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("after")))
          .isInstanceOf(ServerException.class);
      assertThat(ecs.describeClusters(r -> r.clusters("after")).clusters()).hasSize(1);
      assertThat(sim.calls().records("ecs:CreateCluster")).extracting(CallRecord::applied)
          .containsExactly(false, true);
    }
  }

  @Test
  void aConnectionResetIsAClientSideFailureThatTheSdkRetries() {
    try (SandboxSimulator sim = simulator(1);
       StsClient sts = SandboxClients.sts(sim.endpoint(), sim.region());
       StsClient once = SandboxClients.configure(StsClient.builder(), sim.endpoint(), sim.region(),
           o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
      sim.faults().failNext("sts:GetCallerIdentity", 1, FaultKind.CONNECTION_RESET);
      assertThatThrownBy(once::getCallerIdentity).isInstanceOf(SdkClientException.class);

      sim.faults().failNext("sts:GetCallerIdentity", 1, FaultKind.CONNECTION_RESET);
      assertThat(sts.getCallerIdentity().account()).isEqualTo("000000000000");
      assertThat(sim.calls().records("sts:GetCallerIdentity")).extracting(CallRecord::errorCode)
          .containsExactly("CONNECTION_RESET", "CONNECTION_RESET", null);
    }
  }

  @Test
  void aTimeoutHoldsTheResponseLongerThanTheClientWaits() {
    try (SandboxSimulator sim = simulator(1);
       EcsClient impatient = SandboxClients.configure(EcsClient.builder(), sim.endpoint(), sim.region(),
           o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
               .apiCallAttemptTimeout(Duration.ofMillis(300))).build()) {
      sim.faults().timeoutHold(Duration.ofSeconds(2)).failNext("ecs:ListTaskDefinitions", 1, FaultKind.TIMEOUT);
      assertThatThrownBy(() -> impatient.listTaskDefinitions(r -> r.familyPrefix("web")))
          .isInstanceOf(ApiCallAttemptTimeoutException.class);
      assertThat(impatient.listTaskDefinitions(r -> r.familyPrefix("web")).taskDefinitionArns()).isEmpty();
    }
  }

  @Test
  void addedLatencyDelaysTheAnswer() {
    try (SandboxSimulator sim = simulator(1); EcsClient ecs = ecsWithoutRetries(sim)) {
      ecs.describeClusters(r -> r.clusters("default")); // warm the connection
      sim.faults().latency("ecs:*", Duration.ofMillis(200));
      long start = System.nanoTime();
      ecs.describeClusters(r -> r.clusters("default"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
  }

  @Test
  void theAdminEndpointSetsFaultsAndCountsCalls() throws Exception {
    try (SandboxSimulator sim = simulator(1); EcsClient ecs = ecsWithoutRetries(sim)) {
      HttpClient http = HttpClient.newHttpClient();
      URI faults = sim.endpoint().resolve("/_sim/faults");
      HttpResponse<String> set = http.send(HttpRequest.newBuilder(faults).POST(HttpRequest.BodyPublishers.ofString(
          "{\"operation\":\"ecs:CreateCluster\",\"kind\":\"THROTTLE\",\"failNext\":1}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(set.statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("admin")))
          .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.isThrottlingException()).isTrue());
      ecs.createCluster(r -> r.clusterName("admin"));

      HttpResponse<String> counts = http.send(HttpRequest.newBuilder(sim.endpoint().resolve("/_sim/calls")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(counts.body()).contains("\"ecs:CreateCluster\":2");
      assertThat(sim.calls().mutating()).hasSize(2);
      assertThat(sim.calls().countService("ecs")).isEqualTo(2);
    }
  }
}
