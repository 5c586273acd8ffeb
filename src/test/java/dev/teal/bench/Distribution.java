package dev.teal.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Samples of one timing, summarised as the issue asks: median and 99th percentile, with the count. */
final class Distribution {

  private final List<Duration> sorted;

  Distribution(List<Duration> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("a distribution needs at least one sample");
    }
    List<Duration> copy = new ArrayList<>(samples);
    Collections.sort(copy);
    this.sorted = List.copyOf(copy);
  }

  int count() {
    return sorted.size();
  }

  /** Nearest rank: the smallest sample with at least {@code percent} % of the samples at or below it. */
  Duration percentile(double percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  Duration p50() {
    return percentile(50);
  }

  Duration p99() {
    return percentile(99);
  }

  Duration max() {
    return sorted.get(sorted.size() - 1);
  }

  /** e.g. {@code p50 142 ms, p99 251 ms (n=200)}. */
  String render() {
    return "p50 " + millis(p50()) + ", p99 " + millis(p99()) + " (n=" + count() + ")";
  }

  static String millis(Duration d) {
    double ms = d.toNanos() / 1e6;
    return ms >= 100 || ms <= -100 ? String.format("%.0f ms", ms) : String.format("%.1f ms", ms);
  }
}
