package dev.teal.reconcile;

/**
 * Thrown by a planning unit when teal cannot act on this deployment (the service is missing, a name is
 * taken, ...). {@link Planner} turns it into phase Failed with {@code reason} and the message.
 */
final class CannotAct extends RuntimeException {
  final String reason;

  CannotAct(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }
}
