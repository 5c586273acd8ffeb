package dev.teal.operator.notify;

import java.util.List;

/**
 * Somewhere notifications go. The {@link Notifier} hands a sink one deployment's notifications at a time,
 * oldest first, and moves that deployment's cursor for the sink past what the sink took.
 */
public interface Sink {

  /**
   * The sink's stable name in the delivery records ({@code eventbridge}, {@code webhook:<name>}): renaming
   * it makes a new sink, which starts with what is recorded from then on.
   */
  String id();

  /** Whether this sink takes {@code event} at all (its subscriptions and filters). */
  boolean wants(NotificationEvent event);

  /** How many events one {@link #deliver} call may carry. */
  int maxBatch();

  /**
   * Delivers {@code events} (at most {@link #maxBatch()}, one deployment's, in order).
   *
   * @throws SinkFailure when not all of them were taken; it says how many, counted from the first, were
   */
  void deliver(List<NotificationEvent> events) throws SinkFailure;

  /** Why a delivery did not complete, and how many of the events (a prefix) it did deliver. */
  final class SinkFailure extends Exception {

    private final int delivered;

    public SinkFailure(String message, int delivered, Throwable cause) {
      super(message, cause, false, false);
      this.delivered = delivered;
    }

    public SinkFailure(String message) {
      this(message, 0, null);
    }

    public int delivered() {
      return delivered;
    }
  }
}
