package dev.teal.document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Collects violations; each check is skipped when the value is absent (required() reports that). */
final class Rules {
  final List<Violation> violations = new ArrayList<>();

  void add(String path, String message) {
    violations.add(new Violation(path, message));
  }

  void all(List<Violation> more) {
    violations.addAll(more);
  }

  Rules required(String path, Object value) {
    if (value == null || (value instanceof String s && s.isEmpty())) {
      add(path, "is required");
    }
    return this;
  }

  Rules pattern(String path, String value, String pattern, String rule) {
    if (value != null && !value.isEmpty() && !Patterns.matches(pattern, value)) {
      add(path, rule + " (was " + quote(value) + ")");
    }
    return this;
  }

  void range(String path, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      add(path, "must be between " + min + " and " + max + " (was " + value + ")");
    }
  }

  void duration(String path, Duration value, Duration min, Duration max) {
    if (value == null) {
      return;
    }
    if (value.isNegative()) {
      add(path, "must not be negative (was " + GoDuration.format(value) + ")");
    } else if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      add(path, "must be between " + GoDuration.format(min) + " and " + GoDuration.format(max) + " (was "
          + GoDuration.format(value) + ")");
    }
  }

  /** A value as messages quote it: in single quotes, cut at 60 characters, or "nothing". */
  static String quote(String value) {
    if (value == null) {
      return "nothing";
    }
    return "'" + (value.length() > 60 ? value.substring(0, 60) + "…" : value) + "'";
  }
}
