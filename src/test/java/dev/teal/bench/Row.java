package dev.teal.bench;

import java.util.Objects;

/**
 * One line of the results table: which of the targets, the value measured, whether it is met,
 * and what bounds it (and what would move it).
 *
 * @param id the target's number in the issue, with a letter when it has several rows (1a, 1b...)
 */
record Row(String id, String target, String measured, Verdict verdict, String notes) {

  Row {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(verdict, "verdict");
    measured = measured == null ? "" : measured;
    notes = notes == null ? "" : notes;
  }

  static Row notMeasured(String id, String target, String why) {
    return new Row(id, target, "", Verdict.NOT_MEASURED, why);
  }

  /** Whether the row carries a value: what the quick-mode test checks, as it asserts no timing. */
  boolean isMeasured() {
    return verdict != Verdict.NOT_MEASURED && !measured.isBlank();
  }
}
