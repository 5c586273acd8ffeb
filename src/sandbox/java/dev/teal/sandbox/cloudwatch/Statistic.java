package dev.teal.sandbox.cloudwatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics CloudWatch computes over the samples of one period: SampleCount, Average, Sum, Minimum,
 * Maximum, and percentiles {@code pNN} or {@code pNN.NN} (CloudWatch User Guide, "Statistics definitions").
 */
final class Statistic {

  private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(\\.\\d{1,2})?|100)");
  static final List<String> SIMPLE = List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");

  private Statistic() {
  }

  static boolean valid(String stat) {
    return SIMPLE.contains(stat) || PERCENTILE.matcher(stat.toLowerCase(Locale.ROOT)).matches();
  }

  /** The statistic over {@code samples}; empty when there are none (a missing datapoint). */
  static Optional<Double> of(String stat, List<Sample> samples) {
    if (samples.isEmpty()) {
      return Optional.empty();
    }
    switch (stat) {
      case "SampleCount" -> {
        return Optional.of(samples.stream().mapToDouble(Sample::count).sum());
      }
      case "Sum" -> {
        return Optional.of(samples.stream().mapToDouble(Sample::sum).sum());
      }
      case "Average" -> {
        double count = samples.stream().mapToDouble(Sample::count).sum();
        return Optional.of(samples.stream().mapToDouble(Sample::sum).sum() / count);
      }
      case "Minimum" -> {
        return Optional.of(samples.stream().mapToDouble(Sample::min).min().orElseThrow());
      }
      case "Maximum" -> {
        return Optional.of(samples.stream().mapToDouble(Sample::max).max().orElseThrow());
      }
      default -> {
        Matcher m = PERCENTILE.matcher(stat.toLowerCase(Locale.ROOT));
        if (!m.matches() || samples.stream().anyMatch(s -> s.values() == null)) {
          return Optional.empty();
        }
        List<Double> all = new ArrayList<>();
        samples.forEach(s -> Arrays.stream(s.values()).forEach(all::add));
        all.sort(Double::compare);
        double p = Double.parseDouble(m.group(1));
        // Nearest rank: the smallest value with at least p % of the values at or below it.
        int rank = (int) Math.ceil(p / 100.0 * all.size());
        return Optional.of(all.get(Math.max(0, Math.min(all.size() - 1, rank - 1))));
      }
    }
  }
}
