package dev.teal.operator;

import dev.teal.aws.ListenerEndpoints;
import dev.teal.aws.CallBudget;
import dev.teal.operator.lease.LeaseTiming;
import dev.teal.operator.lease.MonotonicClock;
import dev.teal.operator.metrics.OperatorMetrics;
import dev.teal.sandbox.SandboxSimulator;
import dev.teal.store.DeploymentStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** Operators built from the plain parts for tests that run several, or run one outside Quarkus. */
public final class TestOperators {

  /** The daemon's default lease duration (teal.lease.duration). */
  public static final Duration LEASE_DURATION = Duration.ofSeconds(30);

  /** The daemon's default budget of one mutating AWS call (teal.aws.call-timeout, attempt-timeout). */
  public static final CallBudget CALL_BUDGET = new CallBudget(Duration.ofSeconds(15), Duration.ofSeconds(5));

  private TestOperators() {}

  /** The daemon's defaults, with a short real-time tick and two workers. */
  public static OperatorSettings settings(String id, String table) {
    return settings(id, table, 2);
  }

  /** As {@link #settings(String, String)} with {@code workers} workers (the daemon's default is 4). */
  public static OperatorSettings settings(String id, String table, int workers) {
    return new OperatorSettings(id, table, workers, Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMillis(50), 5,
        Duration.ofSeconds(5), Duration.ofMinutes(1), 20, Duration.ofSeconds(2), 2, Duration.ofMinutes(5), 10, 20, true,
        LeaseTiming.of(LEASE_DURATION, Optional.empty(), Optional.empty()), CALL_BUDGET, Duration.ofSeconds(2),
        Duration.ofMinutes(5),
        Duration.ofMillis(500), 4, Duration.ofSeconds(20), Duration.ofMillis(20));
  }

  /** {@code settings} with another timeout per analysis request. */
  public static OperatorSettings withAnalysisRequestTimeout(OperatorSettings s, Duration timeout) {
    return new OperatorSettings(s.operatorId(), s.table(), s.workers(), s.resyncInterval(), s.pollInterval(),
        s.streamIdleWait(), s.streamFailuresBeforePolling(), s.requeuePollInterval(), s.requeueFailedInterval(),
        s.maxActionsPerReconcile(), s.backoffInitial(), s.backoffMultiplier(), s.backoffMax(),
        s.mutatingCallsPerSecond(), s.mutatingCallBurst(), s.leaseEnabled(), s.leaseTiming(), s.awsCallBudget(),
        timeout, s.analysisStepTimeout(), s.healthWatchInterval(), s.healthWatchCallsPerSecond(),
        s.shutdownTimeout(), s.tick());
  }

  public static Operator assemble(OperatorSettings settings, SandboxSimulator simulator, DynamoDbClient dynamoDb,
      DynamoDbStreamsClient streams, EcsClient ecs, ElasticLoadBalancingV2Client elb, DeploymentStore store,
      Clock clock) {
    return assemble(settings, simulator, dynamoDb, streams, ecs, elb, store, clock,
        new OperatorMetrics(new SimpleMeterRegistry()));
  }

  /** As above, counting into {@code metrics}, for tests that read the operator's own figures. */
  public static Operator assemble(OperatorSettings settings, SandboxSimulator simulator, DynamoDbClient dynamoDb,
      DynamoDbStreamsClient streams, EcsClient ecs, ElasticLoadBalancingV2Client elb, DeploymentStore store,
      Clock clock, OperatorMetrics metrics) {
    ListenerEndpoints endpoints = arn -> Optional.of(simulator.listenerUrl(arn));
    return OperatorAssembly.assemble(settings, new OperatorClients(dynamoDb, streams, ecs, elb), store, clock,
        monotonicOf(simulator, clock), endpoints, metrics, new Random(settings.operatorId().hashCode()));
  }

  /**
   * Elapsed time off the simulator's virtual clock (whatever offset {@code clock} adds to it for a skewed
   * instance), so the lease runs out as the test moves time.
   */
  static MonotonicClock monotonicOf(SandboxSimulator simulator, Clock clock) {
    return MonotonicClock.of(simulator.clock());
  }
}
