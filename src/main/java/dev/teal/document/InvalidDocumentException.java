package dev.teal.document;

import java.util.List;
import java.util.stream.Collectors;

/** A document that cannot be parsed or breaks validation rules; carries every violation found. */
public class InvalidDocumentException extends RuntimeException {

  private final List<Violation> violations;

  public InvalidDocumentException(List<Violation> violations) {
    super(describe(violations));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an invalid document needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::toString).collect(Collectors.joining("\n"));
  }
}
