package dev.teal.operator.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The names of a {@link WorkQueue} that wait for a delay, at most one due time per name, earliest first.
 * Not thread-safe: the queue calls it with its lock held.
 */
final class Delays {

  private record Delayed(Instant due, String name) {}

  private final Map<String, Instant> dueAt = new HashMap<>();
  private final TreeSet<Delayed> byDue =
      new TreeSet<>(Comparator.comparing(Delayed::due).thenComparing(Delayed::name));

  /** Makes {@code name} due at {@code due}, unless it is already due at that time or earlier. */
  void schedule(String name, Instant due) {
    Instant current = dueAt.get(name);
    if (current != null && !current.isAfter(due)) {
      return;
    }
    remove(name);
    dueAt.put(name, due);
    byDue.add(new Delayed(due, name));
  }

  /** Forgets {@code name}'s delay, if it has one. */
  void remove(String name) {
    Instant due = dueAt.remove(name);
    if (due != null) {
      byDue.remove(new Delayed(due, name));
    }
  }

  /** Removes and returns, earliest first, the names due at {@code now} or before. */
  List<String> takeDue(Instant now) {
    List<String> due = new ArrayList<>();
    while (!byDue.isEmpty() && !byDue.first().due().isAfter(now)) {
      Delayed next = byDue.pollFirst();
      dueAt.remove(next.name());
      due.add(next.name());
    }
    return due;
  }

  /** Whether some name is due at {@code now} or before. */
  boolean anyDue(Instant now) {
    return !byDue.isEmpty() && !byDue.first().due().isAfter(now);
  }

  Instant dueAt(String name) {
    return dueAt.get(name);
  }

  int size() {
    return byDue.size();
  }

  void clear() {
    byDue.clear();
    dueAt.clear();
  }
}
