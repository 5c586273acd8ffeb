package dev.teal.store;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Labels as a map of strings. Tolerant on read: an empty map can come back from a Streams image as an
 * attribute with no type set, which the Enhanced Client's own map converter rejects.
 */
final class LabelsConverter implements AttributeConverter<Map<String, String>> {

  @Override
  public AttributeValue transformFrom(Map<String, String> input) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    input.forEach((key, value) -> map.put(key, AttributeValue.fromS(value)));
    return AttributeValue.fromM(map);
  }

  @Override
  public Map<String, String> transformTo(AttributeValue input) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (input != null && input.hasM()) {
      input.m().forEach((key, value) -> labels.put(key, value.s() != null ? value.s() : String.valueOf(value.n())));
    }
    return labels;
  }

  @Override
  public EnhancedType<Map<String, String>> type() {
    return EnhancedType.mapOf(String.class, String.class);
  }

  @Override
  public AttributeValueType attributeValueType() {
    return AttributeValueType.M;
  }
}
