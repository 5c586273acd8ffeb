package dev.teal.operator.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teal.aws.sdk.SdkEventBusGateway;
import dev.teal.history.NotificationType;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DesiredPhase;
import dev.teal.model.NotificationSpec;
import dev.teal.reconcile.cycle.CycleHarness;
import dev.teal.sandbox.SandboxClients;
import dev.teal.sandbox.events.ReceivedEvent;
import dev.teal.store.DynamoStatusHistory;
import dev.teal.store.HistoryRecordingStore;
import dev.teal.testing.SandboxExtension;
import dev.teal.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The real reconciler on the sandbox (a {@link CycleHarness} whose store records the status history), and
 * a {@link Notifier} delivering to the simulator's EventBridge (a bus of its own) and to a local webhook
 * the document subscribes to, on the harness's virtual clock.
 */
final class NotificationRig implements AutoCloseable {

  static final String BUS = "teal-events";
  static final String WEBHOOK = "team";
  static final Duration WEBHOOK_TIMEOUT = Duration.ofMillis(500);

  final SandboxExtension sandbox;
  final CycleHarness h;
  final HistoryRecordingStore recorder;
  final DynamoStatusHistory history;
  final WebhookReceiver webhook = new WebhookReceiver();
  final EventBridgeClient eventBridge;
  final AtomicInteger failures = new AtomicInteger();
  final List<Notifier> notifiers = new ArrayList<>();

  NotificationRig(SandboxExtension sandbox) {
    this.sandbox = sandbox;
    this.h = new CycleHarness(sandbox);
    this.recorder = new HistoryRecordingStore(h.store, h.clock);
    h.reconciler = h.newReconciler(UnaryOperator.identity(), UnaryOperator.identity(), s -> recorder);
    this.history = new DynamoStatusHistory(sandbox.dynamoDb(), sandbox.tableName());
    this.eventBridge = SandboxClients.eventBridge(sandbox.endpoint(), sandbox.region());
    eventBridge.createEventBus(r -> r.name(BUS));
  }

  /** A notifier as the operator builds one, started, and told about every recorded notification. */
  Notifier startNotifier() {
    return startNotifier(2, WEBHOOK_TIMEOUT);
  }

  /** As {@link #startNotifier()}, with {@code concurrency} deliveries per sink and the webhook's timeout. */
  Notifier startNotifier(int concurrency, Duration webhookTimeout) {
    List<Sink> sinks = List.of(new EventBridgeSink(new SdkEventBusGateway(eventBridge), BUS),
        new WebhookSink(new WebhookSink.Settings(WEBHOOK, SecretReference.parse(webhook.url("/hooks/team").toString()),
            WebhookSink.Format.JSON, false, Set.of(), webhookTimeout), new SecretResolver(unusedSecrets())));
    Notifier notifier = new Notifier("test", history, sinks, h.clock, () -> true,
        new Notifier.Settings(Duration.ofMillis(10), Duration.ofMinutes(1), Duration.ofSeconds(1),
            Duration.ofSeconds(10), concurrency),
        new Notifier.Listener() {
          @Override
          public void delivered(String sink, int events) {}

          @Override
          public void failed(String sink) {
            failures.incrementAndGet();
          }
        }, new Random(7));
    recorder.onNotifications(notifier::wake);
    notifier.start();
    notifiers.add(notifier);
    return notifier;
  }

  /** The harness's spec for {@code image}, stepped 25/50/100, subscribed to the test's webhook. */
  DeploymentSpec spec(String image, DesiredPhase phase) {
    return CycleHarness.withStrategy(h.spec(image, phase),
        s -> CycleHarness.steps(s, List.of(25, 50, 100), Duration.ofMinutes(1)))
        .withNotifications(new NotificationSpec(List.of(WEBHOOK)));
  }

  /** What the bus received: detail-type and, for steps, the step. */
  List<String> onTheBus() {
    return busEvents().stream().map(e -> describe(e.detailType(), e.detail().path("step").asInt(0))).toList();
  }

  List<ReceivedEvent> busEvents() {
    return sandbox.simulator().events().received().stream().filter(e -> e.bus().equals(BUS)).toList();
  }

  /** What the webhook took, the same way. */
  List<String> atTheWebhook() {
    return webhook.requests().stream().map(r -> describe(r.body().path("detail-type").asText(),
        r.body().path("detail").path("step").asInt(0))).toList();
  }

  List<String> webhookEventIds() {
    return webhook.requests().stream().map(r -> r.body().path("id").asText()).toList();
  }

  List<String> busEventIds() {
    return busEvents().stream().map(e -> e.detail().path("eventId").asText()).toList();
  }

  /** Waits (real time, bounded) until both sinks have {@code count} events and nothing is in flight. */
  void awaitDelivered(int count) {
    awaitDelivered(count, Duration.ZERO);
  }

  /**
   * As {@link #awaitDelivered(int)}, moving the virtual clock by {@code step} at each look, so that
   * deliveries waiting out a backoff are tried again.
   */
  void awaitDelivered(int count, Duration step) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
      h.clock.advance(step);
      assertThat(onTheBus()).as("on the bus").hasSizeGreaterThanOrEqualTo(count);
      assertThat(atTheWebhook()).as("at the webhook").hasSizeGreaterThanOrEqualTo(count);
      assertThat(notifiers.get(notifiers.size() - 1).idle()).as("the notifier is idle").isTrue();
    });
  }

  static String describe(String detailType, int step) {
    return step > 0 ? detailType + " " + step : detailType;
  }

  static String step(int n) {
    return describe(NotificationType.STEP.detailType(), n);
  }

  private static dev.teal.aws.SecretsGateway unusedSecrets() {
    return new dev.teal.aws.SecretsGateway() {
      @Override
      public String ssmParameter(String name) {
        throw new AssertionError("no secret is referenced");
      }

      @Override
      public String secretsManagerSecret(String secretId) {
        throw new AssertionError("no secret is referenced");
      }
    };
  }

  @Override
  public void close() {
    notifiers.forEach(n -> n.stop(Duration.ofSeconds(2)));
    webhook.close();
    eventBridge.close();
  }
}
