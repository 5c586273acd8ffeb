package dev.teal.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns the bytes of a file into a Jackson tree, refusing everything a deployment document has no use
 * for and an attacker or a slip could abuse: more than {@link #MAX_BYTES}, bytes that are not UTF-8,
 * several documents, anchors and aliases (no billion laughs, no silently shared values), custom tags,
 * duplicate keys, non-string keys, nesting deeper than {@link #MAX_DEPTH}, and integers that YAML 1.1
 * would read as octal or hex.
 *
 * <p>SnakeYAML's composer is used (not Jackson's streaming YAML parser) because it gives nodes with
 * positions and resolved tags, and it enforces the depth and alias limits itself.
 */
final class YamlTrees {

  /** The largest file accepted: 1 MiB. A deployment document is a few hundred bytes. */
  static final int MAX_BYTES = 1024 * 1024;

  /** The deepest nesting accepted; the schema itself is six levels deep. */
  static final int MAX_DEPTH = 32;

  private static final Pattern DECIMAL_INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
  private static final Pattern DECIMAL_FLOAT = Pattern.compile("[-+]?([0-9]+)?\\.?[0-9]*([eE][-+]?[0-9]+)?");
  private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP,
      Tag.SEQ, Tag.TIMESTAMP);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlTrees() {}

  /** Reads one YAML (or JSON) document, or throws with every problem found at the file level. */
  static JsonNode read(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw invalid(Violation.ofDocument("the file is larger than " + MAX_BYTES
          + " bytes (1 MiB), the limit for a document"));
    }
    String text = decodeUtf8(bytes);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    Node root;
    try {
      Iterator<Node> documents = yaml().composeAll(new StringReader(text)).iterator();
      if (!documents.hasNext()) {
        throw invalid(Violation.ofDocument("the file is empty; it must hold one BlueGreenDeployment"));
      }
      root = documents.next();
      if (documents.hasNext()) {
        Node second = documents.next();
        throw invalid(Violation.ofDocument("the file holds more than one document (another starts at line "
            + line(second.getStartMark()) + "); apply one document per file"));
      }
    } catch (MarkedYAMLException e) {
      throw invalid(Violation.ofDocument(syntaxMessage(e)));
    } catch (ReaderException e) {
      throw invalid(Violation.ofDocument("contains a character YAML does not allow (code point "
          + String.format("U+%04X", e.getCodePoint()) + " at character " + e.getPosition() + ")"));
    } catch (YAMLException e) {
      throw invalid(Violation.ofDocument(limitMessage(e)));
    }
    if (root == null) {
      throw invalid(Violation.ofDocument("the file is empty; it must hold one BlueGreenDeployment"));
    }
    List<Violation> violations = new ArrayList<>();
    JsonNode tree = convert(root, "", violations);
    if (!violations.isEmpty()) {
      throw new InvalidDocumentException(violations);
    }
    return tree;
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    options.setProcessComments(false);
    return new Yaml(options);
  }

  private static String decodeUtf8(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw invalid(Violation.ofDocument("is not valid UTF-8 (bad byte at offset " + in.position()
          + "); save the file as UTF-8"));
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }

  private static JsonNode convert(Node node, String path, List<Violation> violations) {
    if (node.getAnchor() != null) {
      violations.add(new Violation(label(path), "YAML anchors and aliases (&" + node.getAnchor()
          + ") are not supported in teal documents; write the value out (line " + line(node.getStartMark()) + ")"));
      return NODES.nullNode();
    }
    if (!PLAIN_TAGS.contains(node.getTag())) {
      violations.add(new Violation(label(path), "YAML tag " + node.getTag().getValue()
          + " is not supported (line " + line(node.getStartMark()) + ")"));
      return NODES.nullNode();
    }
    if (node instanceof MappingNode mapping) {
      return convertMapping(mapping, path, violations);
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = NODES.arrayNode();
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        array.add(convert(items.get(i), path + "[" + i + "]", violations));
      }
      return array;
    }
    return convertScalar((ScalarNode) node, path, violations);
  }

  private static ObjectNode convertMapping(MappingNode mapping, String path, List<Violation> violations) {
    ObjectNode object = NODES.objectNode();
    Map<String, Integer> seenAt = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey) || keyNode.getAnchor() != null) {
        violations.add(new Violation(label(path), "keys must be plain strings (line "
            + line(keyNode.getStartMark()) + ")"));
        continue;
      }
      String key = scalarKey.getValue();
      String childPath = path.isEmpty() ? key : path + "." + key;
      Integer firstLine = seenAt.putIfAbsent(key, line(keyNode.getStartMark()));
      if (firstLine != null) {
        violations.add(new Violation(childPath, "duplicate key (lines " + firstLine + " and "
            + line(keyNode.getStartMark()) + "); keep one"));
        continue;
      }
      object.set(key, convert(tuple.getValueNode(), childPath, violations));
    }
    return object;
  }

  private static JsonNode convertScalar(ScalarNode scalar, String path, List<Violation> violations) {
    String text = scalar.getValue();
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.NULL)) {
      return NODES.nullNode();
    }
    if (tag.equals(Tag.BOOL)) {
      String lower = text.toLowerCase(java.util.Locale.ROOT);
      if (lower.equals("true") || lower.equals("false")) {
        return NODES.booleanNode(lower.equals("true"));
      }
      violations.add(new Violation(label(path), "'" + text + "' is ambiguous in YAML; write true or false,"
          + " or quote it if you mean a string (line " + line(scalar.getStartMark()) + ")"));
      return NODES.nullNode();
    }
    if (tag.equals(Tag.INT)) {
      if (!DECIMAL_INTEGER.matcher(text).matches()) {
        violations.add(new Violation(label(path), "'" + text + "' must be a plain decimal number"
            + " (YAML reads this as octal, hex or sexagesimal), or quoted if you mean a string (line "
            + line(scalar.getStartMark()) + ")"));
        return NODES.nullNode();
      }
      BigInteger value = new BigInteger(text);
      return value.bitLength() < 32 ? NODES.numberNode(value.intValue())
          : value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
    }
    if (tag.equals(Tag.FLOAT)) {
      if (!DECIMAL_FLOAT.matcher(text).matches()) {
        violations.add(new Violation(label(path), "'" + text + "' is not a finite decimal number (line "
            + line(scalar.getStartMark()) + ")"));
        return NODES.nullNode();
      }
      return NODES.numberNode(new BigDecimal(text));
    }
    return NODES.textNode(text);
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
    if (problem != null && problem.contains("aliases")) {
      return limitMessage(e);
    }
    String where = mark == null ? "" : " at line " + line(mark) + ", column " + (mark.getColumn() + 1);
    return "YAML syntax error" + where + ": " + (problem == null ? e.getMessage() : problem.strip());
  }

  private static String limitMessage(YAMLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("aliases")) {
      return "uses too many YAML aliases; anchors and aliases are not supported in teal documents";
    }
    if (message.contains("Nesting Depth")) {
      return "is nested deeper than " + MAX_DEPTH + " levels";
    }
    if (message.contains("code points")) {
      return "is larger than the limit of " + MAX_BYTES + " characters";
    }
    return "cannot be read as YAML: " + message.lines().findFirst().orElse(message);
  }

  private static int line(Mark mark) {
    return mark == null ? 0 : mark.getLine() + 1;
  }

  private static String label(String path) {
    return path.isEmpty() ? Violation.DOCUMENT : path;
  }

  private static InvalidDocumentException invalid(Violation violation) {
    return new InvalidDocumentException(List.of(violation));
  }
}
