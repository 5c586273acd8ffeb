package dev.teal.sandbox.time;

import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The simulated world's pending events. Nothing runs in the background: before each request the
 * simulator calls {@link #catchUp(Instant)}, which replays every event due by then in time order,
 * each at its own instant. Virtual time is therefore exact and a run is deterministic.
 * Not thread-safe; callers hold the world lock.
 */
public final class Scheduler {

  private record Event(Instant at, long seq, Consumer<Instant> action) {
  }

  private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> {
    int c = a.at.compareTo(b.at);
    return c != 0 ? c : Long.compare(a.seq, b.seq);
  });
  private long seq;
  private Instant now;

  public Scheduler(Instant start) {
    this.now = start;
  }

  /** The world's current instant: during catch-up, the time of the event being applied. */
  public Instant now() {
    return now;
  }

  public void at(Instant when, Consumer<Instant> action) {
    queue.add(new Event(when.isBefore(now) ? now : when, seq++, action));
  }

  public void catchUp(Instant target) {
    while (!queue.isEmpty() && !queue.peek().at.isAfter(target)) {
      Event e = queue.poll();
      now = e.at;
      e.action.accept(e.at);
    }
    if (target.isAfter(now)) {
      now = target;
    }
  }
}
