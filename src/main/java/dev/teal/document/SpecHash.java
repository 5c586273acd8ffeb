package dev.teal.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.model.DeploymentSpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The identity of a spec's meaning: the first 16 hex characters of the SHA-256 of its canonical JSON
 * (defaults applied, nulls dropped, keys sorted, numbers in plain form). An explicit default and an
 * omitted one hash the same; any change that matters changes the hash, whoever made it and whether or
 * not they bumped the generation. The operator reports the hash it acted on as
 * {@code status.observedSpecHash}.
 */
public final class SpecHash {

  /** Hex characters kept: 64 bits, plenty to tell one document's specs apart. */
  public static final int LENGTH = 16;

  private static final ObjectMapper CANONICAL = TealJackson.configure(JsonMapper.builder()
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build())
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private SpecHash() {}

  public static String of(DeploymentSpec spec) {
    return ofCanonicalTree(CANONICAL.valueToTree(SpecDefaults.apply(spec)));
  }

  /**
   * The identity of an attempt: the hash of {@code spec} without the control requests that do not start
   * a new one ({@code pause}, {@code resume}, {@code abort}, {@code fullPromotion}); only {@code
   * control.retry} counts. An abort blocks its revision while this stays the same, so pausing or aborting
   * does not re-arm what failed, and {@code teal retry} does. Equals {@link #of} for a spec without
   * {@code control}.
   */
  public static String ofAttempt(DeploymentSpec spec) {
    if (spec == null || spec.control() == null) {
      return of(spec);
    }
    Integer retry = spec.control().retry();
    return of(spec.withControl(new dev.teal.model.ControlSpec(null, null, null, retry, null)));
  }

  /**
   * The hash of a spec that could not be bound to the model (a direct write broke it): the raw tree,
   * canonicalised the same way but without defaults. It still changes whenever the stored spec does.
   */
  public static String ofRaw(JsonNode spec) {
    return ofCanonicalTree(spec);
  }

  private static String ofCanonicalTree(JsonNode tree) {
    try {
      byte[] json = CANONICAL.writeValueAsBytes(sorted(tree));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return HexFormat.of().formatHex(digest).substring(0, LENGTH);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot hash a spec", e);
    }
  }

  /** A copy with object keys sorted and nulls removed, at every level. */
  static JsonNode sorted(JsonNode node) {
    if (node == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      for (String name : names) {
        JsonNode value = node.get(name);
        if (!value.isNull()) {
          out.set(name, sorted(value));
        }
      }
      return out;
    }
    if (node.isArray()) {
      var out = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> out.add(sorted(item)));
      return out;
    }
    if (node.isNumber()) {
      return JsonNodeFactory.instance.numberNode(node.decimalValue().stripTrailingZeros());
    }
    return node;
  }
}
