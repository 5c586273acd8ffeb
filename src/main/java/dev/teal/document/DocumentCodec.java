package dev.teal.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes BlueGreenDeployment documents.
 *
 * <p>{@link #read(byte[])} is the strict path for files people write: YAML or JSON, one document, at
 * most 1 MiB, UTF-8, no anchors, aliases, custom tags or duplicate keys, nesting at most 32 deep, every
 * field known (with a "did you mean" hint) and of the right type. It reports every problem it finds
 * at once, each naming its field path; it does not apply the semantic rules, which are
 * {@link DocumentValidator}'s.
 */
public final class DocumentCodec {

  /** The largest file {@link #read} accepts, in bytes (1 MiB). */
  public static final int MAX_BYTES = YamlTrees.MAX_BYTES;

  /** The deepest nesting {@link #read} accepts. */
  public static final int MAX_DEPTH = YamlTrees.MAX_DEPTH;

  private DocumentCodec() {}

  /**
   * Parses a file strictly.
   *
   * <p>A non-empty {@code status} block is kept (leniently bound) so that the validator can refuse it
   * by name; {@code status: {}} and {@code status: null} carry nothing and are dropped.
   *
   * @throws InvalidDocumentException listing every parse and shape problem
   */
  public static BlueGreenDeployment read(byte[] bytes) {
    JsonNode tree = YamlTrees.read(bytes);
    List<Violation> violations = new ArrayList<>();
    if (!tree.isObject()) {
      throw new InvalidDocumentException(List.of(Violation.ofDocument(
          "must be a mapping with apiVersion, kind, metadata and spec")));
    }
    ObjectNode object = ((ObjectNode) tree).deepCopy();
    JsonNode status = object.remove("status");
    JsonNode checked = DocumentShape.check(object, BlueGreenDeployment.class, "", violations);
    if (!violations.isEmpty()) {
      throw new InvalidDocumentException(violations);
    }
    BlueGreenDeployment document = bind(checked, BlueGreenDeployment.class, "");
    if (status != null && !status.isNull() && !(status.isObject() && status.isEmpty())) {
      document = document.withStatus(lenientStatus(status));
    }
    return document;
  }

  /**
   * Binds a spec read from the store (or anywhere already trusted to be JSON-shaped), reporting what
   * is wrong with it instead of throwing: a direct write can put anything there.
   *
   * @return the spec, or null when it cannot be bound even leniently, with the shape problems found
   *     (paths start with {@code spec.})
   */
  public static Decoded<DeploymentSpec> decodeSpec(JsonNode tree) {
    List<Violation> violations = new ArrayList<>();
    if (tree == null || tree.isNull()) {
      return new Decoded<>(null, List.of(new Violation("spec", "is required")));
    }
    JsonNode checked = DocumentShape.check(tree, DeploymentSpec.class, "spec", violations);
    if (violations.isEmpty()) {
      return new Decoded<>(bind(checked, DeploymentSpec.class, "spec"), List.of());
    }
    try {
      return new Decoded<>(TealJackson.json().treeToValue(tree, DeploymentSpec.class), violations);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return new Decoded<>(null, violations);
    }
  }

  /** The document as YAML, as {@code teal get -o yaml} prints it. */
  public static String toYaml(Object document) {
    try {
      return TealJackson.yaml().writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document as indented JSON. */
  public static String toJson(Object document) {
    try {
      return TealJackson.json().writerWithDefaultPrettyPrinter().writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON tree of any model object, with durations as strings and instants as ISO-8601. */
  public static JsonNode toTree(Object value) {
    return TealJackson.json().valueToTree(value);
  }

  private static DeploymentStatus lenientStatus(JsonNode status) {
    try {
      DeploymentStatus bound = TealJackson.statusJson().treeToValue(status, DeploymentStatus.class);
      return bound == null ? DeploymentStatus.empty() : bound;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return DeploymentStatus.empty();
    }
  }

  private static <T> T bind(JsonNode tree, Class<T> type, String prefix) {
    try {
      return TealJackson.json().treeToValue(tree, type);
    } catch (JsonMappingException e) {
      String path = e.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining());
      String full = (prefix + path).replaceFirst("^\\.", "");
      throw new InvalidDocumentException(List.of(new Violation(full.isEmpty() ? Violation.DOCUMENT : full,
          e.getOriginalMessage())));
    } catch (JsonProcessingException e) {
      throw new InvalidDocumentException(List.of(Violation.ofDocument(e.getOriginalMessage())));
    }
  }

  /**
   * A value bound from an untrusted tree, with the problems found on the way.
   *
   * @param value the bound value, or null when it could not be bound at all
   * @param violations shape problems; empty when the tree was clean
   */
  public record Decoded<T>(T value, List<Violation> violations) {
    public boolean clean() {
      return violations.isEmpty();
    }
  }
}
