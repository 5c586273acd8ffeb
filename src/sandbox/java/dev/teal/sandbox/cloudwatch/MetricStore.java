package dev.teal.sandbox.cloudwatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every sample received, per metric. Callers hold the world lock. */
final class MetricStore {

  private final Map<MetricKey, List<Sample>> samples = new LinkedHashMap<>();

  void put(MetricKey key, Sample sample) {
    samples.computeIfAbsent(key, k -> new ArrayList<>()).add(sample);
  }

  /**
   * The statistic per period for periods starting in [{@code start}, {@code end}), keyed by period start.
   * Periods are aligned to multiples of {@code periodSeconds} since the epoch, which lines them up with the
   * hour as the GetMetricData reference recommends; periods without samples are missing, not zero.
   */
  TreeMap<Instant, Double> series(MetricKey key, String stat, int periodSeconds, Instant start, Instant end) {
    TreeMap<Instant, List<Sample>> buckets = new TreeMap<>();
    Instant from = align(start, periodSeconds);
    for (Sample s : samples.getOrDefault(key, List.of())) {
      if (s.timestamp().isBefore(from) || !s.timestamp().isBefore(end)) {
        continue;
      }
      buckets.computeIfAbsent(align(s.timestamp(), periodSeconds), k -> new ArrayList<>()).add(s);
    }
    TreeMap<Instant, Double> out = new TreeMap<>();
    buckets.forEach((t, list) -> Statistic.of(stat, list).ifPresent(v -> out.put(t, v)));
    return out;
  }

  /** The statistic over one period starting at {@code periodStart}. */
  Optional<Double> datapoint(MetricKey key, String stat, int periodSeconds, Instant periodStart) {
    Instant end = periodStart.plusSeconds(periodSeconds);
    List<Sample> in = samples.getOrDefault(key, List.of()).stream()
        .filter(s -> !s.timestamp().isBefore(periodStart) && s.timestamp().isBefore(end)).toList();
    return Statistic.of(stat, in);
  }

  static Instant align(Instant t, int periodSeconds) {
    long s = t.getEpochSecond();
    return Instant.ofEpochSecond(s - Math.floorMod(s, periodSeconds));
  }
}
