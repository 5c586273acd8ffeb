package dev.teal.operator.wiring;

import dev.teal.aws.ListenerEndpoints;
import dev.teal.aws.sdk.ElbListenerEndpoints;
import dev.teal.operator.Operator;
import dev.teal.operator.OperatorAssembly;
import dev.teal.operator.OperatorClients;
import dev.teal.operator.OperatorSettings;
import dev.teal.operator.config.TealConfig;
import dev.teal.reconcile.HookUrlPolicy;
import dev.teal.operator.health.TableProbe;
import dev.teal.operator.lease.MonotonicClock;
import dev.teal.operator.metrics.OperatorMetrics;
import dev.teal.store.DeploymentStore;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.HistoryRecordingStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The daemon's beans. The store, the operator (with its read model, {@link Operator#reconciles()} and
 * {@link Operator#status()}) and the metrics are beans so a later status page can inject them.
 */
@ApplicationScoped
public class OperatorProducers {

  /** How long a DynamoDB reachability answer is reused by the readiness check. */
  static final Duration PROBE_CACHE = Duration.ofSeconds(5);

  /** The one clock everything reads time from; tests replace it with the sandbox's virtual clock. */
  @Produces
  @Singleton
  @DefaultBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Elapsed time for the lease's "may I still act?"; tests replace it with one read off the virtual clock. */
  @Produces
  @Singleton
  @DefaultBean
  MonotonicClock monotonicClock() {
    return MonotonicClock.system();
  }

  @Produces
  @Singleton
  OperatorMetrics metrics(MeterRegistry registry) {
    return new OperatorMetrics(registry);
  }

  @Produces
  @Singleton
  OperatorSettings settings(TealConfig config) {
    return Settings.of(config);
  }

  /**
   * The documents, for the operator and the status page. Every status written through it is recorded in
   * the status history with its transitions (the page's timeline, the notifications).
   */
  @Produces
  @Singleton
  DeploymentStore store(DynamoDbClient dynamoDb, TealConfig config, Clock clock) {
    return new HistoryRecordingStore(new DynamoDeploymentStore(dynamoDb, config.table(), clock), clock);
  }

  /**
   * Listener URLs for analysis: the load balancer's DNS name. Dev mode's sandbox and the tests replace it
   * with the simulator's listeners.
   */
  @Produces
  @Singleton
  @DefaultBean
  ListenerEndpoints listenerEndpoints(ElasticLoadBalancingV2Client elb) {
    return new ElbListenerEndpoints(elb);
  }

  @Produces
  @Singleton
  Operator operator(OperatorSettings settings, DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, EcsClient ecs,
      ElasticLoadBalancingV2Client elb, ApplicationAutoScalingClient autoScaling, CloudWatchClient cloudWatch,
      LambdaClient lambda, DeploymentStore store, Clock clock, MonotonicClock monotonic, ListenerEndpoints endpoints,
      OperatorMetrics metrics, TealConfig config) {
    return OperatorAssembly.assemble(settings, new OperatorClients(dynamoDb, streams, ecs, elb, autoScaling, cloudWatch,
        lambda), store, clock, monotonic, endpoints, metrics, new Random(),
        HookUrlPolicy.allowing(config.hooks().allowedUrls().orElse(java.util.List.of())));
  }

  @Produces
  @Singleton
  TableProbe tableProbe(DynamoDbClient dynamoDb, TealConfig config) {
    return new TableProbe(dynamoDb, config.table(), PROBE_CACHE, System::nanoTime);
  }
}
