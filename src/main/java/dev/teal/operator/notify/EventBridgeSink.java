package dev.teal.operator.notify;

import dev.teal.aws.AwsException;
import dev.teal.aws.EventBusGateway;
import dev.teal.aws.EventBusGateway.EventEntry;
import dev.teal.aws.EventBusGateway.PutResult;
import java.util.List;
import java.util.Objects;

/**
 * Puts every notification on the configured event bus: {@code source} {@code teal}, {@code detail-type}
 * the transition ({@code Deployment Degraded}...), {@code detail} the documented schema. Up to ten per
 * PutEvents call, in order. EventBridge answers per entry; the entries before the first refused one are
 * delivered, that one and the rest are tried again.
 *
 * <p>PutEvents is an outbound notification, not a change to a resource teal manages, so it carries no
 * lease fence: the notifier sends only while this instance can act, and an instance that lost its lease a
 * moment ago can at worst send an event twice, which the event id lets consumers drop.
 */
public final class EventBridgeSink implements Sink {

  public static final String ID = "eventbridge";

  private final EventBusGateway events;
  private final String bus;

  public EventBridgeSink(EventBusGateway events, String bus) {
    this.events = Objects.requireNonNull(events, "events");
    this.bus = Objects.requireNonNull(bus, "bus");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean wants(NotificationEvent event) {
    return true;
  }

  @Override
  public int maxBatch() {
    return EventBusGateway.MAX_ENTRIES;
  }

  @Override
  public void deliver(List<NotificationEvent> batch) throws SinkFailure {
    List<EventEntry> entries = batch.stream().map(e -> new EventEntry(e.time(), NotificationEvent.SOURCE,
        e.type().detailType(), e.detail().toString(), List.of())).toList();
    List<PutResult> results;
    try {
      results = events.putEvents(bus, entries);
    } catch (AwsException e) {
      throw new SinkFailure("PutEvents on event bus " + bus + " failed: " + e.errorCode() + ": " + e.getMessage(), 0,
          e);
    }
    for (int i = 0; i < results.size(); i++) {
      PutResult result = results.get(i);
      if (!result.accepted()) {
        throw new SinkFailure("EventBridge refused event " + batch.get(i).eventId() + " on bus " + bus + ": "
            + result.errorCode() + ": " + result.errorMessage(), i, null);
      }
    }
  }
}
