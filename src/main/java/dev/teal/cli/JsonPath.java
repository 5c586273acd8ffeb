package dev.teal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of kubectl's JSONPath templates that {@code teal get -o jsonpath=...} reads: text with
 * {@code {expression}}s in it, where an expression is a path of {@code .field}, {@code [n]} and
 * {@code [*]} (every item of a list, every value of a mapping), from the document, or from {@code
 * {"items": [...]}} when several are listed. Several results are joined with a space; text outside braces
 * is printed as written, with {@code \n} and {@code \t} read as a new line and a tab.
 */
final class JsonPath {

  private static final Pattern EXPRESSION = Pattern.compile("\\{([^}]*)}");
  private static final Pattern STEP = Pattern.compile("\\.([A-Za-z0-9_/-]+)|\\[(\\*|[0-9]+)]");

  private JsonPath() {}

  static String render(String template, JsonNode root) {
    StringBuilder out = new StringBuilder();
    Matcher m = EXPRESSION.matcher(template);
    int at = 0;
    while (m.find()) {
      out.append(literal(template.substring(at, m.start())));
      out.append(String.join(" ", evaluate(m.group(1).trim(), root).stream().map(JsonPath::text).toList()));
      at = m.end();
    }
    out.append(literal(template.substring(at)));
    return out.toString();
  }

  static List<JsonNode> evaluate(String expression, JsonNode root) {
    String path = expression.startsWith("$") ? expression.substring(1) : expression;
    if (path.equals(".") || path.isEmpty()) {
      return List.of(root);
    }
    List<JsonNode> nodes = List.of(root);
    Matcher m = STEP.matcher(path);
    int at = 0;
    while (m.find()) {
      if (m.start() != at) {
        break;
      }
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : nodes) {
        if (m.group(1) != null) {
          addIfPresent(next, node.get(m.group(1)));
        } else if (m.group(2).equals("*")) {
          node.elements().forEachRemaining(next::add);
        } else if (node.isArray()) {
          addIfPresent(next, node.get(Integer.parseInt(m.group(2))));
        }
      }
      nodes = next;
      at = m.end();
    }
    if (at != path.length()) {
      throw new TealCli.UsageException("jsonpath: cannot read '" + expression + "' from '" + path.substring(at)
          + "' on; teal reads .field, [n] and [*] (see docs/cli.md)");
    }
    return nodes;
  }

  private static void addIfPresent(List<JsonNode> out, JsonNode node) {
    if (node != null && !node.isNull() && !node.isMissingNode()) {
      out.add(node);
    }
  }

  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private static String literal(String text) {
    return text.replace("\\n", "\n").replace("\\t", "\t");
  }
}
