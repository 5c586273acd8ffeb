package dev.teal.operator;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance last did for each deployment: the operator's side of the read model (the
 * documents themselves are the store's), for the health data and, later, the status page.
 */
public final class ReconcileLog {

  private final Map<String, ReconcileRecord> last = new ConcurrentHashMap<>();

  void record(ReconcileRecord record) {
    if ("not_found".equals(record.result())) {
      last.remove(record.deployment());
    } else {
      last.put(record.deployment(), record);
    }
  }

  public Optional<ReconcileRecord> last(String deployment) {
    return Optional.ofNullable(last.get(deployment));
  }

  /** Every deployment this instance has reconciled and that still exists, by name. */
  public Map<String, ReconcileRecord> all() {
    return new TreeMap<>(last);
  }
}
