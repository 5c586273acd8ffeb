/**
 * The status history: what each status write changed that a person or a notification sink cares about
 * (a {@link dev.teal.history.HistoryEntry}), derived purely from the status before and after the write.
 * The store writes an entry in the same transaction as its status; the status page draws its timeline
 * and chart from the entries, and the operator's notifier delivers their {@link
 * dev.teal.history.Notification}s. No I/O and nothing from Quarkus or the AWS SDK here.
 */
package dev.teal.history;
