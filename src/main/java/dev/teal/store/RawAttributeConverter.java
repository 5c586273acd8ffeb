package dev.teal.store;

import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Passes an attribute through untouched. The spec is kept raw on read because a direct write may have
 * put anything there, and the status guard must compare against exactly what was stored.
 */
final class RawAttributeConverter implements AttributeConverter<AttributeValue> {

  @Override
  public AttributeValue transformFrom(AttributeValue input) {
    return input;
  }

  @Override
  public AttributeValue transformTo(AttributeValue input) {
    return input;
  }

  @Override
  public EnhancedType<AttributeValue> type() {
    return EnhancedType.of(AttributeValue.class);
  }

  @Override
  public AttributeValueType attributeValueType() {
    return AttributeValueType.M;
  }
}
