package dev.teal.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the AWS Query protocol's flattened form ({@code Tags.member.1.Key=a}) into the same kind of
 * tree the JSON protocol yields, so handlers and the call log see structured parameters.
 */
public final class QueryForm {

  private QueryForm() {
  }

  public static Map<String, String> decode(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) {
      return out;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  public static ObjectNode toTree(Map<String, String> form) {
    ObjectNode root = Json.object();
    for (Map.Entry<String, String> e : form.entrySet()) {
      if (e.getKey().equals("Action") || e.getKey().equals("Version")) {
        continue;
      }
      put(root, e.getKey().split("\\."), 0, e.getValue());
    }
    return root;
  }

  private static void put(ObjectNode node, String[] parts, int i, String value) {
    String name = parts[i];
    boolean isList = i + 2 < parts.length && parts[i + 1].equals("member");
    if (!isList) {
      if (i == parts.length - 1) {
        if (!node.has(name)) {
          node.put(name, value);
        }
        return;
      }
      JsonNode child = node.get(name);
      ObjectNode obj = child instanceof ObjectNode o ? o : node.putObject(name);
      put(obj, parts, i + 1, value);
      return;
    }
    JsonNode existing = node.get(name);
    ArrayNode arr = existing instanceof ArrayNode a ? a : node.putArray(name);
    int index;
    try {
      index = Integer.parseInt(parts[i + 2]) - 1;
    } catch (NumberFormatException ex) {
      return;
    }
    if (index < 0 || index > 10_000) {
      return;
    }
    while (arr.size() <= index) {
      arr.addNull();
    }
    if (i + 2 == parts.length - 1) {
      arr.set(index, arr.textNode(value));
      return;
    }
    JsonNode element = arr.get(index);
    ObjectNode obj;
    if (element instanceof ObjectNode o) {
      obj = o;
    } else {
      obj = arr.objectNode();
      arr.set(index, obj);
    }
    put(obj, parts, i + 3, value);
  }
}
