package dev.teal.aws;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Amazon EventBridge, as far as teal uses it: putting its notifications on one event bus. */
public interface EventBusGateway {

  /** PutEvents takes at most this many entries per call. */
  int MAX_ENTRIES = 10;

  /**
   * Puts {@code entries} (at most {@link #MAX_ENTRIES}) on {@code bus}, in order.
   *
   * @param bus the event bus's name or ARN
   * @return one result per entry, in the same order: EventBridge accepts or refuses each on its own
   * @throws AwsException when the call as a whole fails ({@link AwsTransientException} when a retry may help)
   */
  List<PutResult> putEvents(String bus, List<EventEntry> entries);

  /**
   * One event to put.
   *
   * @param detail a JSON object, as text
   * @param resources ARNs the event is about (may be empty)
   */
  record EventEntry(Instant time, String source, String detailType, String detail, List<String> resources) {

    public EventEntry {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(detailType, "detailType");
      Objects.requireNonNull(detail, "detail");
      resources = resources == null ? List.of() : List.copyOf(resources);
    }
  }

  /**
   * EventBridge's answer for one entry: its event id, or why it was refused. EventBridge lists
   * {@code InternalFailure} and {@code ThrottlingException} as worth retrying.
   */
  record PutResult(String eventId, String errorCode, String errorMessage) {

    public boolean accepted() {
      return errorCode == null;
    }

    public boolean retryable() {
      return "InternalFailure".equals(errorCode) || "ThrottlingException".equals(errorCode);
    }
  }
}
