package dev.teal.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teal.model.DeploymentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Field-by-field differences between two versions of a document's labels and spec, as written (without
 * defaults): what {@code teal apply --dry-run} prints and what the audit trail records.
 */
public final class DocumentDiff {

  private DocumentDiff() {}

  /** Changes from {@code before} to {@code after}; either side may be null (created or deleted). */
  public static List<FieldChange> between(Map<String, String> labelsBefore, DeploymentSpec before,
      Map<String, String> labelsAfter, DeploymentSpec after) {
    List<FieldChange> changes = new ArrayList<>();
    changes.addAll(diff(flatten("metadata.labels", DocumentCodec.toTree(labelsBefore == null ? Map.of() : labelsBefore)),
        flatten("metadata.labels", DocumentCodec.toTree(labelsAfter == null ? Map.of() : labelsAfter))));
    changes.addAll(specChanges(before, after));
    return changes;
  }

  /** Changes to the spec alone. */
  public static List<FieldChange> specChanges(DeploymentSpec before, DeploymentSpec after) {
    return ofTrees("spec", before == null ? null : DocumentCodec.toTree(before),
        after == null ? null : DocumentCodec.toTree(after));
  }

  /** Changes between two trees (either may be null), with paths starting at {@code prefix}. */
  public static List<FieldChange> ofTrees(String prefix, JsonNode before, JsonNode after) {
    return diff(flatten(prefix, before), flatten(prefix, after));
  }

  /** Leaves of a tree by dotted path; lists and scalars are leaves, rendered as they are written. */
  public static Map<String, String> flatten(String prefix, JsonNode tree) {
    Map<String, String> leaves = new TreeMap<>();
    collect(prefix, tree, leaves);
    return leaves;
  }

  private static void collect(String path, JsonNode node, Map<String, String> leaves) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> collect(path + "." + e.getKey(), e.getValue(), leaves));
      return;
    }
    leaves.put(path, render(node));
  }

  private static String render(JsonNode node) {
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(render(item)));
      return "[" + String.join(", ", items) + "]";
    }
    return node.toString();
  }

  private static List<FieldChange> diff(Map<String, String> before, Map<String, String> after) {
    TreeSet<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    List<FieldChange> changes = new ArrayList<>();
    for (String path : paths) {
      String from = before.get(path);
      String to = after.get(path);
      if (!Objects.equals(from, to)) {
        changes.add(new FieldChange(path, from, to));
      }
    }
    return changes;
  }
}
