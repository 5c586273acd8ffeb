package dev.teal.bench;

import dev.teal.aws.AwsCallListener;
import dev.teal.aws.CallBudget;
import dev.teal.aws.EventBusGateway;
import dev.teal.aws.sdk.AwsClientSettings;
import dev.teal.aws.sdk.AwsClientSettings.AwsService;
import dev.teal.aws.sdk.AwsClients;
import dev.teal.aws.sdk.SdkEventBusGateway;
import dev.teal.aws.sdk.SdkSecretsGateway;
import dev.teal.operator.Operator;
import dev.teal.operator.OperatorAssembly;
import dev.teal.operator.OperatorClients;
import dev.teal.operator.OperatorSettings;
import dev.teal.operator.config.TealConfig;
import dev.teal.operator.lease.MonotonicClock;
import dev.teal.operator.metrics.OperatorMetrics;
import dev.teal.operator.notify.Notifications;
import dev.teal.operator.notify.Notifier;
import dev.teal.operator.notify.SecretResolver;
import dev.teal.operator.wiring.NotificationProducers;
import dev.teal.operator.wiring.Settings;
import dev.teal.sandbox.SandboxClients;
import dev.teal.sandbox.VirtualClock;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.DynamoStatusHistory;
import dev.teal.store.HistoryRecordingStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The real daemon, as the Quarkus application builds it, minus Quarkus: {@link TealConfig} with its
 * defaults (and the benchmark's few overrides), {@link Settings#of}, SDK clients from {@link AwsClients}
 * configured as the daemon's producers configure them (adaptive retries, timeouts), and
 * {@link OperatorAssembly}. Around it, only observation: a {@link CallTimeline} on every client, a
 * {@link StatusLog} over the store, and {@link DescribeOrigins} on the ECS and ELB clients.
 */
final class BenchOperator implements AutoCloseable {

  private final Operator operator;
  private final Notifier notifier;
  private final OperatorSettings settings;
  private final CallTimeline calls;
  private final StatusLog statuses;
  private final DescribeOrigins describes;
  private final OperatorMetrics metrics;
  private final List<SdkClient> clients;
  private boolean stopped;

  private BenchOperator(Operator operator, Notifier notifier, OperatorSettings settings, CallTimeline calls,
      StatusLog statuses, DescribeOrigins describes, OperatorMetrics metrics, List<SdkClient> clients) {
    this.operator = operator;
    this.notifier = notifier;
    this.settings = settings;
    this.calls = calls;
    this.statuses = statuses;
    this.describes = describes;
    this.metrics = metrics;
    this.clients = clients;
  }

  /**
   * Builds and starts an operator on {@code table}.
   *
   * @param overrides {@code teal.*} properties on top of the daemon's defaults (the table is set here)
   */
  static BenchOperator start(URI awsEndpoint, URI dynamoDbEndpoint, String region, String table, Clock clock,
      Map<String, String> overrides) {
    Map<String, String> properties = new HashMap<>(overrides);
    properties.put("teal.table", table);
    properties.putIfAbsent("teal.operator-id", "bench");
    TealConfig config = config(properties);
    OperatorSettings settings = Settings.of(config);

    CallTimeline calls = new CallTimeline();
    OperatorMetrics metrics = new OperatorMetrics(new SimpleMeterRegistry());
    AwsCallListener metricsListener = metrics.awsCalls();
    AwsCallListener both = (operation, outcome, latency) -> {
      metricsListener.onCall(operation, outcome, latency);
      calls.onCall(operation, outcome, latency);
    };
    AwsClients aws = new AwsClients(clientSettings(config, awsEndpoint, dynamoDbEndpoint, region, both));
    DescribeOrigins describes = new DescribeOrigins();
    var dynamoDb = aws.newDynamoDbClient();
    var streams = aws.newDynamoDbStreamsClient();
    EcsClient ecs = aws.newEcsClient();
    ElasticLoadBalancingV2Client elb = aws.newElbClient();
    // As the daemon's store bean: every status write records its history (and its notifications).
    HistoryRecordingStore recording = new HistoryRecordingStore(new DynamoDeploymentStore(dynamoDb, table, clock), clock);
    StatusLog statuses = new StatusLog(recording);
    Operator operator = OperatorAssembly.assemble(settings, new OperatorClients(dynamoDb, streams,
            describes.wrap(EcsClient.class, ecs, "ecs"),
            describes.wrap(ElasticLoadBalancingV2Client.class, elb, "elb")),
        statuses, clock, clock instanceof VirtualClock ? MonotonicClock.of(clock) : MonotonicClock.system(),
        arn -> Optional.empty(), metrics, new Random(7));
    List<SdkClient> clients = new ArrayList<>(List.of(dynamoDb, streams, ecs, elb));
    Notifier notifier = notifier(config, aws, awsEndpoint, recording, dynamoDb, table, clock, operator, clients);
    operator.start();
    notifier.start();
    return new BenchOperator(operator, notifier, settings, calls, statuses, describes, metrics, clients);
  }

  /**
   * The notifier as the daemon's wiring builds it from {@code teal.notifications.*} (none configured: no
   * sinks, no threads), its EventBridge client on the sandbox's endpoint.
   */
  private static Notifier notifier(TealConfig config, AwsClients aws, URI awsEndpoint, HistoryRecordingStore recording,
      DynamoDbClient dynamoDb, String table, Clock clock, Operator operator, List<SdkClient> clients) {
    TealConfig.Notifications notifications = config.notifications();
    EventBusGateway events = null;
    if (notifications.eventBus().isPresent()) {
      EventBridgeClient eventBridge = new AwsClients(aws.settings().withEndpoint(AwsService.EVENTS, awsEndpoint))
          .newEventBridgeClient();
      clients.add(eventBridge);
      events = new SdkEventBusGateway(eventBridge);
    }
    SecretResolver secrets = new SecretResolver(new SdkSecretsGateway(
        () -> { throw new IllegalStateException("the benchmark references no SSM parameter"); },
        () -> { throw new IllegalStateException("the benchmark references no secret"); }));
    return Notifications.assemble("bench", notifications.eventBus(), events,
        NotificationProducers.webhooks(notifications), secrets, new DynamoStatusHistory(dynamoDb, table), recording,
        clock, operator.leadership(), new Notifier.Settings(OperatorSettings.DEFAULT_TICK,
            notifications.sweepInterval(), notifications.retryInitial(), notifications.retryMax(),
            notifications.concurrencyPerSink()), Notifier.Listener.NONE);
  }

  Notifier notifier() {
    return notifier;
  }

  /** {@code teal.*} as the daemon reads it, from {@code properties} and TealConfig's own defaults. */
  static TealConfig config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withMapping(TealConfig.class)
        .withConverter(Duration.class, 200, new DurationConverter()) // "5m", "250ms", as Quarkus reads them
        .withSources(new PropertiesConfigSource(properties, "benchmark", 400))
        .build()
        .getConfigMapping(TealConfig.class);
  }

  /** As the daemon's AwsProducers: retry mode, attempts and timeouts from the config, every call reported. */
  private static AwsClientSettings clientSettings(TealConfig config, URI awsEndpoint, URI dynamoDbEndpoint,
      String region, AwsCallListener listener) {
    CallBudget budget = Settings.callBudget(config.aws());
    return AwsClientSettings.defaults()
        .withRetries(config.aws().retryMode(), config.aws().maxAttempts())
        .withTimeouts(budget.call(), budget.attempt())
        .withListener(listener)
        .withRegion(Region.of(region))
        .withEndpoint(AwsService.ECS, awsEndpoint)
        .withEndpoint(AwsService.ELB, awsEndpoint)
        .withEndpoint(AwsService.STS, awsEndpoint)
        .withEndpoint(AwsService.DYNAMODB, dynamoDbEndpoint)
        .withEndpoint(AwsService.DYNAMODB_STREAMS, dynamoDbEndpoint)
        .withStaticCredentials(AwsClientSettings.StaticCredentials.of(SandboxClients.ACCESS_KEY_ID,
            SandboxClients.SECRET_ACCESS_KEY));
  }

  Operator operator() {
    return operator;
  }

  OperatorSettings settings() {
    return settings;
  }

  CallTimeline calls() {
    return calls;
  }

  StatusLog statuses() {
    return statuses;
  }

  DescribeOrigins describes() {
    return describes;
  }

  /** Reconciles that ended in an error (the queue backs off and retries them). */
  long failedReconciles() {
    Counter counter = metrics.registry().find(OperatorMetrics.RECONCILES)
        .tag("result", OperatorMetrics.Result.ERROR.label()).counter();
    return counter == null ? 0 : (long) counter.count();
  }

  /** Whether the operator holds the lease, has listed every document once and has nothing to do now. */
  boolean settled() {
    return operator.leadership().canAct() && operator.status().firstSyncDone() && operator.queue().settled()
        && statuses.inFlight() == 0;
  }

  void stop() {
    if (!stopped) {
      stopped = true;
      notifier.stop(Duration.ofSeconds(5));
      operator.stop();
      clients.forEach(SdkClient::close);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
