package dev.teal.document;

/**
 * One broken rule in a document.
 *
 * @param path the field, dotted with list indexes in brackets ({@code spec.strategy.promotion.steps[1]}),
 *     or {@link #DOCUMENT} when the problem is the file as a whole (syntax, encoding, size)
 * @param message the rule, phrased to follow the path: "must be increasing and end at 100"
 */
public record Violation(String path, String message) {

  /** The path of problems that belong to the file rather than to a field. */
  public static final String DOCUMENT = "(document)";

  public static Violation ofDocument(String message) {
    return new Violation(DOCUMENT, message);
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
