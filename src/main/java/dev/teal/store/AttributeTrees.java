package dev.teal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Jackson trees to and from DynamoDB attribute values, so the spec and status are stored as nested maps
 * that mirror the YAML exactly (which is what makes {@code SET spec.image = :i} work) while the model
 * stays free of DynamoDB annotations.
 *
 * <p>Objects become M, arrays L, strings S, numbers N, booleans BOOL, null NUL. Read back, sets (SS, NS,
 * BS) and binaries, which teal never writes but a direct writer might, become arrays and base64 text.
 */
public final class AttributeTrees {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AttributeTrees() {}

  public static AttributeValue toAttribute(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return AttributeValue.fromNul(true);
    }
    if (node.isObject()) {
      return AttributeValue.fromM(toMap(node));
    }
    if (node.isArray()) {
      List<AttributeValue> items = new ArrayList<>();
      node.forEach(item -> items.add(toAttribute(item)));
      return AttributeValue.fromL(items);
    }
    if (node.isBoolean()) {
      return AttributeValue.fromBool(node.booleanValue());
    }
    if (node.isNumber()) {
      return AttributeValue.fromN(node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asText());
    }
    return AttributeValue.fromS(node.asText());
  }

  /** An object node as an attribute map; null values are left out, as the model's serialisers do. */
  public static Map<String, AttributeValue> toMap(JsonNode object) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(field -> {
      if (!field.getValue().isNull()) {
        map.put(field.getKey(), toAttribute(field.getValue()));
      }
    });
    return map;
  }

  public static JsonNode toTree(AttributeValue value) {
    if (value == null) {
      return NODES.nullNode();
    }
    return switch (value.type()) {
      case S -> NODES.textNode(value.s());
      case N -> number(value.n());
      case BOOL -> NODES.booleanNode(value.bool());
      case NUL -> NODES.nullNode();
      case M -> toTree(value.m());
      case L -> {
        ArrayNode array = NODES.arrayNode();
        value.l().forEach(item -> array.add(toTree(item)));
        yield array;
      }
      case SS -> {
        ArrayNode array = NODES.arrayNode();
        value.ss().forEach(array::add);
        yield array;
      }
      case NS -> {
        ArrayNode array = NODES.arrayNode();
        value.ns().forEach(n -> array.add(number(n)));
        yield array;
      }
      case B -> NODES.textNode(Base64.getEncoder().encodeToString(value.b().asByteArray()));
      case BS -> {
        ArrayNode array = NODES.arrayNode();
        value.bs().forEach(b -> array.add(Base64.getEncoder().encodeToString(b.asByteArray())));
        yield array;
      }
      default -> NODES.nullNode();
    };
  }

  public static ObjectNode toTree(Map<String, AttributeValue> map) {
    ObjectNode object = NODES.objectNode();
    map.forEach((key, item) -> object.set(key, toTree(item)));
    return object;
  }

  private static JsonNode number(String text) {
    if (text.matches("-?[0-9]+")) {
      BigInteger value = new BigInteger(text);
      return value.bitLength() < 32 ? NODES.numberNode(value.intValue())
          : value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
    }
    return NODES.numberNode(new BigDecimal(text));
  }
}
