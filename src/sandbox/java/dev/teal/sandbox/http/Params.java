package dev.teal.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read access to a parsed request (JSON body or Query form turned into the same tree), raising the
 * protocol's own validation error when something required is missing or malformed.
 */
public final class Params {

  private final JsonNode root;
  private final Function<String, AwsError> invalid;

  public Params(JsonNode root, Function<String, AwsError> invalid) {
    this.root = root == null ? MissingNode.getInstance() : root;
    this.invalid = invalid;
  }

  public boolean has(String name) {
    JsonNode n = root.get(name);
    return n != null && !n.isNull() && !n.isMissingNode();
  }

  public Optional<String> str(String name) {
    JsonNode n = root.get(name);
    return n == null || n.isNull() || n.isContainerNode() ? Optional.empty() : Optional.of(n.asText());
  }

  public String reqStr(String name) {
    return str(name).filter(s -> !s.isEmpty())
        .orElseThrow(() -> invalid.apply("The request must contain the parameter " + name + "."));
  }

  public Optional<Integer> integer(String name) {
    Optional<String> s = str(name);
    if (s.isEmpty() || s.get().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(s.get().trim()));
    } catch (NumberFormatException e) {
      throw invalid.apply("Parameter " + name + " must be a number, got '" + s.get() + "'.");
    }
  }

  public Optional<Double> number(String name) {
    Optional<String> s = str(name);
    if (s.isEmpty() || s.get().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Double.parseDouble(s.get().trim()));
    } catch (NumberFormatException e) {
      throw invalid.apply("Parameter " + name + " must be a number, got '" + s.get() + "'.");
    }
  }

  public boolean bool(String name, boolean dflt) {
    return str(name).map(Boolean::parseBoolean).orElse(dflt);
  }

  public Params obj(String name) {
    JsonNode n = root.get(name);
    return new Params(n != null && n.isObject() ? n : MissingNode.getInstance(), invalid);
  }

  /** Query requests send an explicitly empty list as an empty string, so that reads as no items. */
  public List<Params> list(String name) {
    JsonNode n = root.get(name);
    List<Params> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(e -> out.add(new Params(e, invalid)));
    }
    return out;
  }

  public List<String> strings(String name) {
    JsonNode n = root.get(name);
    List<String> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(e -> {
        if (e != null && !e.isNull()) {
          out.add(e.asText());
        }
      });
    }
    return out;
  }

  public ObjectNode asObjectOrEmpty() {
    return root.isObject() ? ((ObjectNode) root).deepCopy() : Json.MAPPER.createObjectNode();
  }
}
