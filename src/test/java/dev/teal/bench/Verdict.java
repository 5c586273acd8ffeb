package dev.teal.bench;

/** How a measured value compares with the target. */
enum Verdict {
  MET("met"),
  MISSED("missed"),
  /** The issue asks for the value without a target (the polling fallback, the JVM's default footprint). */
  REPORTED("reported"),
  /** The benchmark could not run (e.g. the operator is not packaged); the notes say why. */
  NOT_MEASURED("not measured");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  static Verdict of(boolean met) {
    return met ? MET : MISSED;
  }
}
