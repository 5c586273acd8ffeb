package dev.teal.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.model.PromotionStep;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a tree against the shape of the model records before Jackson binds it, so that every unknown
 * field and every wrong type is reported with its full path (Jackson stops at the first), and unknown
 * fields get a "did you mean" hint.
 *
 * <p>The shape is read from the records themselves (component names and generic types), so a field
 * added to the model is known here with no second list to keep in step.
 *
 * <p>Returns a normalised copy: integers written where a string is expected ({@code matcher: 200})
 * become strings; nulls are kept and mean "not set".
 */
final class DocumentShape {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DocumentShape() {}

  static JsonNode check(JsonNode node, Type type, String path, List<Violation> violations) {
    if (node == null || node.isNull()) {
      return NODES.nullNode();
    }
    Class<?> raw = rawClass(type);
    if (raw == PromotionStep.class && !node.isObject()) {
      // The short form of a step is its weight alone: steps: [10, 50, 100].
      return node.isIntegralNumber() ? checkInteger(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE, violations)
          : wrongType(path, "must be a weight (like 50) or a mapping like {weight: 50, pause: {duration: 10m}}",
              violations);
    }
    if (raw.isRecord()) {
      return checkRecord(node, raw, path, violations);
    }
    if (List.class.isAssignableFrom(raw)) {
      return checkList(node, typeArgument(type, 0), path, violations);
    }
    if (Map.class.isAssignableFrom(raw)) {
      return checkMap(node, typeArgument(type, 1), path, violations);
    }
    if (raw == String.class) {
      if (node.isTextual()) {
        return node;
      }
      if (node.isIntegralNumber()) {
        return NODES.textNode(node.asText());
      }
      return wrongType(path, "must be a string" + (node.isValueNode() ? " (quote it)" : ""), violations);
    }
    if (raw == Integer.class || raw == int.class) {
      return checkInteger(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE, violations);
    }
    if (raw == Long.class || raw == long.class) {
      return checkInteger(node, path, Long.MIN_VALUE, Long.MAX_VALUE, violations);
    }
    if (raw == Double.class || raw == double.class) {
      return node.isNumber() ? node : wrongType(path, "must be a number like 5 or 1.5"
          + (node.isTextual() ? " (not quoted)" : ""), violations);
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return node.isBoolean() ? node : wrongType(path, "must be true or false", violations);
    }
    if (raw == Duration.class) {
      if (!node.isTextual()) {
        return wrongType(path, "must be a duration written like 500ms, 90s, 2m or 1h30m"
            + (node.isNumber() ? " (a bare number has no unit)" : ""), violations);
      }
      try {
        GoDuration.parse(node.asText());
        return node;
      } catch (IllegalArgumentException e) {
        return wrongType(path, e.getMessage(), violations);
      }
    }
    if (raw == Instant.class) {
      try {
        Instant.parse(node.asText());
        return node;
      } catch (DateTimeParseException e) {
        return wrongType(path, "must be an ISO-8601 instant like 2025-01-31T12:00:00Z", violations);
      }
    }
    if (raw.isEnum()) {
      return checkEnum(node, raw, path, violations);
    }
    throw new IllegalStateException("no shape rule for " + type + " at " + path);
  }

  private static JsonNode checkRecord(JsonNode node, Class<?> record, String path, List<Violation> violations) {
    if (!node.isObject()) {
      return wrongType(path, "must be a mapping of fields, not " + describe(node), violations);
    }
    RecordComponent[] components = record.getRecordComponents();
    List<String> known = Arrays.stream(components).map(RecordComponent::getName).toList();
    ObjectNode out = NODES.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String childPath = child(path, field.getKey());
      Optional<RecordComponent> component = Arrays.stream(components)
          .filter(c -> c.getName().equals(field.getKey())).findFirst();
      if (component.isEmpty()) {
        violations.add(new Violation(childPath, unknownFieldMessage(field.getKey(), known)));
        continue;
      }
      out.set(field.getKey(), check(field.getValue(), component.get().getGenericType(), childPath, violations));
    }
    return out;
  }

  private static JsonNode checkList(JsonNode node, Type element, String path, List<Violation> violations) {
    if (!node.isArray()) {
      return wrongType(path, "must be a list, not " + describe(node), violations);
    }
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < node.size(); i++) {
      String itemPath = path + "[" + i + "]";
      if (node.get(i).isNull()) {
        violations.add(new Violation(itemPath, "must not be empty (null)"));
        continue;
      }
      out.add(check(node.get(i), element, itemPath, violations));
    }
    return out;
  }

  private static JsonNode checkMap(JsonNode node, Type value, String path, List<Violation> violations) {
    if (!node.isObject()) {
      return wrongType(path, "must be a mapping, not " + describe(node), violations);
    }
    ObjectNode out = NODES.objectNode();
    node.fields().forEachRemaining(entry -> {
      String childPath = child(path, entry.getKey());
      if (entry.getValue().isNull()) {
        violations.add(new Violation(childPath, "must have a value (write \"\" for an empty one)"));
        return;
      }
      out.set(entry.getKey(), check(entry.getValue(), value, childPath, violations));
    });
    return out;
  }

  private static JsonNode checkInteger(JsonNode node, String path, long min, long max, List<Violation> violations) {
    if (!node.isIntegralNumber()) {
      String hint = node.isTextual() ? " (remove the quotes)" : node.isNumber() ? " (no fraction)" : "";
      return wrongType(path, "must be a whole number" + hint, violations);
    }
    if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
      return wrongType(path, "is out of range (" + node.asText() + ")", violations);
    }
    return node;
  }

  private static JsonNode checkEnum(JsonNode node, Class<?> type, String path, List<Violation> violations) {
    List<String> names = Arrays.stream(type.getEnumConstants())
        .map(constant -> TealJackson.json().convertValue(constant, String.class))
        .toList();
    if (node.isTextual() && names.contains(node.asText())) {
      return node;
    }
    return wrongType(path, "must be one of " + String.join(", ", names) + " (was " + describe(node) + ")",
        violations);
  }

  /** The message for an unknown field, with a hint when a known one is close. */
  static String unknownFieldMessage(String field, List<String> known) {
    String message = "unknown field '" + field + "'";
    return closest(field, known).map(hint -> message + "; did you mean '" + hint + "'?")
        .orElse(message + "; known fields here: " + String.join(", ", known));
  }

  static Optional<String> closest(String field, List<String> known) {
    String lower = field.toLowerCase(Locale.ROOT);
    return known.stream()
        .filter(k -> k.toLowerCase(Locale.ROOT).equals(lower) || distance(k.toLowerCase(Locale.ROOT), lower)
            <= Math.max(1, Math.min(3, k.length() / 3)))
        .min(Comparator.comparingInt(k -> distance(k.toLowerCase(Locale.ROOT), lower)));
  }

  /** Levenshtein distance, with a transposition counting as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static JsonNode wrongType(String path, String message, List<Violation> violations) {
    violations.add(new Violation(path.isEmpty() ? Violation.DOCUMENT : path, message));
    return NODES.nullNode();
  }

  private static String describe(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isTextual()) {
      String text = node.asText();
      return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
    }
    return node.toString();
  }

  private static String child(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("unsupported type " + type);
  }

  private static Type typeArgument(Type type, int index) {
    return ((ParameterizedType) type).getActualTypeArguments()[index];
  }
}
