package dev.teal.document;

/**
 * One field that differs between two versions of a document.
 *
 * @param path the field, e.g. {@code spec.image} or {@code metadata.labels.team}; lists are compared
 *     whole ({@code spec.strategy.promotion.steps})
 * @param from the old value as written (JSON for lists), or null when the field was not set
 * @param to the new value, or null when the field is no longer set
 */
public record FieldChange(String path, String from, String to) {

  @Override
  public String toString() {
    return path + ": " + (from == null ? "(unset)" : from) + " -> " + (to == null ? "(unset)" : to);
  }
}
