package dev.teal.operator.notify;

import dev.teal.aws.EventBusGateway;
import dev.teal.history.NotificationType;
import dev.teal.operator.lease.Leadership;
import dev.teal.store.HistoryRecordingStore;
import dev.teal.store.StatusHistory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Builds a {@link Notifier} from plain parts, without CDI: the Quarkus wiring calls it with the
 * configuration, a test or a benchmark with its own sinks, and connects it to the store that records the
 * notifications so it hears about them at once.
 */
public final class Notifications {

  private Notifications() {}

  /**
   * @param eventBus the event bus to put every notification on, if any
   * @param events the EventBridge gateway (unused without an event bus)
   * @param webhooks the configured webhooks
   * @param recorder the store that records the notifications, to hear of each at once; null leaves the
   *     notifier to find them on its sweeps
   */
  public static Notifier assemble(String name, Optional<String> eventBus, EventBusGateway events,
      List<WebhookSink.Settings> webhooks, SecretResolver secrets, StatusHistory history,
      HistoryRecordingStore recorder, Clock clock, Leadership leadership, Notifier.Settings settings,
      Notifier.Listener listener) {
    List<Sink> sinks = new ArrayList<>();
    eventBus.ifPresent(bus -> sinks.add(new EventBridgeSink(events, bus)));
    webhooks.forEach(webhook -> sinks.add(new WebhookSink(webhook, secrets)));
    Notifier notifier = new Notifier(name, history, sinks, clock, leadership::canAct, settings, listener,
        new Random());
    if (recorder != null) {
      recorder.onNotifications(notifier::wake);
    }
    return notifier;
  }

  /** The detail-types a webhook's {@code types} names, checked: a typo would silence a webhook. */
  public static List<NotificationType> types(List<String> detailTypes) {
    return detailTypes.stream().map(NotificationType::fromDetailType).toList();
  }
}
