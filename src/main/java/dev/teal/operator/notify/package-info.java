/**
 * Notifications: delivers the transitions the store recorded with each status write ({@link
 * dev.teal.history.HistoryEntry}) to EventBridge and to webhooks, at least once, in order per deployment
 * and sink, on threads of its own. Nothing here runs inside a reconcile, and a slow or dead sink holds up
 * only its own deliveries. Plain Java: the Quarkus wiring builds a {@link dev.teal.operator.notify.Notifier}
 * from {@code teal.notifications.*}; docs/notifications.md describes the events.
 */
package dev.teal.operator.notify;
