package dev.teal.operator.wiring;

import dev.teal.aws.EventBusGateway;
import dev.teal.aws.sdk.AwsClients;
import dev.teal.aws.sdk.SdkEventBusGateway;
import dev.teal.aws.sdk.SdkSecretsGateway;
import dev.teal.operator.Operator;
import dev.teal.operator.OperatorSettings;
import dev.teal.operator.config.TealConfig;
import dev.teal.operator.metrics.OperatorMetrics;
import dev.teal.operator.notify.Notifications;
import dev.teal.operator.notify.Notifier;
import dev.teal.operator.notify.SecretReference;
import dev.teal.operator.notify.SecretResolver;
import dev.teal.operator.notify.WebhookSink;
import dev.teal.store.DeploymentStore;
import dev.teal.store.DynamoStatusHistory;
import dev.teal.store.HistoryRecordingStore;
import dev.teal.store.StatusHistory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The status history and the notifier, from {@code teal.notifications.*}: the notifier starts after the
 * operator and stops before it, and sends only while the operator holds the lease. Its SDK clients are
 * built only for what is configured (no event bus, no EventBridge client).
 */
@ApplicationScoped
public class NotificationProducers {

  @Inject
  TealConfig config;

  private final List<SdkClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Produces
  @Singleton
  StatusHistory statusHistory(DynamoDbClient dynamoDb) {
    return new DynamoStatusHistory(dynamoDb, config.table());
  }

  @Produces
  @Singleton
  Notifier notifier(DeploymentStore store, StatusHistory history, AwsClients aws, Clock clock, Operator operator,
      OperatorMetrics metrics) {
    TealConfig.Notifications notifications = config.notifications();
    EventBusGateway events = notifications.eventBus().isPresent()
        ? new SdkEventBusGateway(track(aws.newEventBridgeClient())) : null;
    AtomicReference<SsmClient> ssm = new AtomicReference<>();
    AtomicReference<SecretsManagerClient> secretsManager = new AtomicReference<>();
    SecretResolver secrets = new SecretResolver(new SdkSecretsGateway(
        () -> ssm.updateAndGet(c -> c != null ? c : track(aws.newSsmClient())),
        () -> secretsManager.updateAndGet(c -> c != null ? c : track(aws.newSecretsManagerClient()))));
    return Notifications.assemble("teal-" + operator.operatorId(), notifications.eventBus(), events,
        webhooks(notifications), secrets, history,
        store instanceof HistoryRecordingStore recording ? recording : null, clock, operator.leadership(),
        new Notifier.Settings(OperatorSettings.DEFAULT_TICK, notifications.sweepInterval(),
            notifications.retryInitial(), notifications.retryMax(), notifications.concurrencyPerSink()),
        new Notifier.Listener() {
          @Override
          public void delivered(String sink, int count) {
            metrics.notificationsDelivered(sink, count);
          }

          @Override
          public void failed(String sink) {
            metrics.notificationFailed(sink);
          }
        });
  }

  /** The configured webhooks, by name; public so the benchmark builds its notifier as the daemon does. */
  public static List<WebhookSink.Settings> webhooks(TealConfig.Notifications notifications) {
    return notifications.webhooks().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> new WebhookSink.Settings(e.getKey(), SecretReference.parse(e.getValue().url()),
            e.getValue().format(), e.getValue().allDeployments(),
            new HashSet<>(Notifications.types(e.getValue().types().orElse(List.of()))), e.getValue().timeout()))
        .toList();
  }

  void start(@Observes @Priority(StartupOrder.NOTIFIER) StartupEvent event, Notifier notifier) {
    notifier.start();
  }

  void stop(@Observes @Priority(StartupOrder.STOP_NOTIFIER) ShutdownEvent event, Notifier notifier) {
    notifier.stop(Duration.ofSeconds(5));
    clients.forEach(SdkClient::close);
  }

  private <C extends SdkClient> C track(C client) {
    clients.add(client);
    return client;
  }
}
