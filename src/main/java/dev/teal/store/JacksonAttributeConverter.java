package dev.teal.store;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teal.document.TealJackson;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An Enhanced Client converter that stores any model value as the DynamoDB form of its Jackson tree
 * (durations as {@code 90s}-style strings, instants as ISO-8601 strings).
 */
final class JacksonAttributeConverter<T> implements AttributeConverter<T> {

  private static final ObjectMapper MAPPER = TealJackson.json();
  private final ObjectMapper reader;
  private final EnhancedType<T> enhancedType;
  private final JavaType javaType;
  private final AttributeValueType attributeValueType;

  JacksonAttributeConverter(EnhancedType<T> enhancedType, JavaType javaType, AttributeValueType attributeValueType) {
    this.enhancedType = enhancedType;
    this.javaType = javaType;
    this.attributeValueType = attributeValueType;
    this.reader = MAPPER;
  }

  private JacksonAttributeConverter(JacksonAttributeConverter<T> base, ObjectMapper reader) {
    this.enhancedType = base.enhancedType;
    this.javaType = base.javaType;
    this.attributeValueType = base.attributeValueType;
    this.reader = reader;
  }

  /** The same converter reading with another mapper (e.g. {@link TealJackson#statusJson()}). */
  JacksonAttributeConverter<T> readingWith(ObjectMapper mapper) {
    return new JacksonAttributeConverter<>(this, mapper);
  }

  /** For a record type, stored as a map. */
  static <T> JacksonAttributeConverter<T> of(Class<T> type) {
    return new JacksonAttributeConverter<>(EnhancedType.of(type), MAPPER.constructType(type), AttributeValueType.M);
  }

  @Override
  public AttributeValue transformFrom(T input) {
    return AttributeTrees.toAttribute(MAPPER.valueToTree(input));
  }

  @Override
  public T transformTo(AttributeValue input) {
    try {
      return reader.treeToValue(AttributeTrees.toTree(input), javaType);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new StoreException("cannot read a stored " + javaType.getRawClass().getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }

  @Override
  public EnhancedType<T> type() {
    return enhancedType;
  }

  @Override
  public AttributeValueType attributeValueType() {
    return attributeValueType;
  }
}
