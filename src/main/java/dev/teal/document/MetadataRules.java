package dev.teal.document;

import dev.teal.model.ObjectMeta;
import java.util.Map;

/** The rules of {@code metadata}: name and labels as Kubernetes spells them. */
final class MetadataRules {

  private MetadataRules() {}

  static void metadata(Rules r, ObjectMeta metadata) {
    if (metadata == null) {
      r.add("metadata", "is required (with at least a name)");
      return;
    }
    name(r, metadata.name());
    labels(r, metadata.labels());
    if (metadata.resourceVersion() != null && metadata.resourceVersion() < 1) {
      r.add("metadata.resourceVersion", "must be at least 1 when given");
    }
  }

  static void name(Rules r, String name) {
    if (name == null || name.isEmpty()) {
      r.add("metadata.name", "is required");
    } else if (name.length() > Patterns.NAME_MAX) {
      r.add("metadata.name", "must be at most " + Patterns.NAME_MAX + " characters (was " + name.length() + ")");
    } else if (!Patterns.matches(Patterns.NAME, name)) {
      r.add("metadata.name", "must contain only lower-case letters, digits and '-', and start and end with a"
          + " letter or digit (was " + Rules.quote(name) + ")");
    }
  }

  static void labels(Rules r, Map<String, String> labels) {
    if (labels == null) {
      return;
    }
    if (labels.size() > Patterns.LABELS_MAX) {
      r.add("metadata.labels", "must have at most " + Patterns.LABELS_MAX + " labels");
    }
    labels.forEach((key, value) -> {
      String path = "metadata.labels." + key;
      int slash = key.lastIndexOf('/');
      String namePart = slash < 0 ? key : key.substring(slash + 1);
      if (!Patterns.matches(Patterns.LABEL_KEY, key) || namePart.length() > Patterns.LABEL_NAME_MAX
          || (slash >= 0 && slash > Patterns.LABEL_PREFIX_MAX)) {
        r.add(path, "label keys must be an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_'"
            + " or '.', starting and ending alphanumeric");
      }
      if (value == null || value.length() > Patterns.LABEL_NAME_MAX || !Patterns.matches(Patterns.LABEL_VALUE, value)) {
        r.add(path, "label values must be at most 63 letters, digits, '-', '_' or '.', starting and ending"
            + " alphanumeric (or empty)");
      }
    });
  }
}
