package dev.teal.aws.sdk;

import dev.teal.aws.EventBusGateway;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** {@link EventBusGateway} on the SDK's EventBridge client. */
public final class SdkEventBusGateway implements EventBusGateway {

  static final String PUT_EVENTS = "events:PutEvents";

  private final EventBridgeClient client;

  public SdkEventBusGateway(EventBridgeClient client) {
    this.client = client;
  }

  @Override
  public List<PutResult> putEvents(String bus, List<EventEntry> entries) {
    if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("PutEvents takes 1 to " + MAX_ENTRIES + " entries, not " + entries.size());
    }
    List<PutEventsRequestEntry> request = entries.stream().map(e -> PutEventsRequestEntry.builder()
        .eventBusName(bus).time(e.time()).source(e.source()).detailType(e.detailType()).detail(e.detail())
        .resources(e.resources()).build()).toList();
    PutEventsResponse response = AwsErrors.call(PUT_EVENTS, () -> client.putEvents(r -> r.entries(request)));
    if (response.entries().size() != entries.size()) {
      // The API promises one result per entry; without that no entry can be known to have landed.
      throw new dev.teal.aws.AwsTransientException(PUT_EVENTS, "IncompleteResponse", "EventBridge answered "
          + response.entries().size() + " results for " + entries.size() + " entries", false, null);
    }
    return response.entries().stream()
        .map(r -> new PutResult(r.eventId(), r.errorCode(), r.errorMessage())).toList();
  }
}
