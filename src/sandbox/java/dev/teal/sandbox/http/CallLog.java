package dev.teal.sandbox.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Every API call the simulator answered (or refused), in arrival order. Benchmarks read it, so
 * appending is a counter bump plus one list add under a short lock.
 */
public final class CallLog {

  private final List<CallRecord> records = new ArrayList<>();
  private final Map<String, LongAdder> perOperation = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  void add(CallRecord record) {
    perOperation.computeIfAbsent(record.operation(), k -> new LongAdder()).increment();
    synchronized (records) {
      records.add(record);
    }
  }

  long nextSequence() {
    return sequence.incrementAndGet();
  }

  /** Calls of one operation ({@code "ecs:CreateTaskSet"}), whatever their outcome. */
  public long count(String operation) {
    LongAdder a = perOperation.get(operation);
    return a == null ? 0 : a.sum();
  }

  /** Calls to one service ({@code "ecs"}, {@code "elb"}, {@code "sts"}). */
  public long countService(String service) {
    String prefix = service + ":";
    return perOperation.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }

  public long total() {
    return perOperation.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public Map<String, Long> countsByOperation() {
    Map<String, Long> out = new TreeMap<>();
    perOperation.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public List<CallRecord> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  public List<CallRecord> records(String operation) {
    return filter(r -> r.operation().equals(operation));
  }

  /** Calls that would change AWS state (not Describe, List or Get), whatever their outcome. */
  public List<CallRecord> mutating() {
    return filter(CallRecord::mutating);
  }

  public List<CallRecord> filter(Predicate<CallRecord> predicate) {
    synchronized (records) {
      return records.stream().filter(predicate).toList();
    }
  }

  public void reset() {
    synchronized (records) {
      records.clear();
      perOperation.clear();
    }
  }
}
