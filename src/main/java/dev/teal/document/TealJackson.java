package dev.teal.document;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Duration;

/**
 * Jackson setup shared by everything that reads or writes documents: durations as Go-style strings,
 * instants as ISO-8601 strings, records through their canonical constructors.
 *
 * <p>The mappers here are for trusted input (the store, the status API). Files people write go through
 * {@link DocumentCodec}, which adds the strict checks (unknown fields, duplicate keys, limits).
 */
public final class TealJackson {

  private static final ObjectMapper JSON = configure(JsonMapper.builder().build());

  /** For statuses: absent or null lists read as empty lists, so readers need no null checks. */
  private static final ObjectMapper STATUS_JSON = emptyLists(configure(JsonMapper.builder().build()));

  private TealJackson() {}

  /**
   * A JSON mapper for reading what the operator wrote: like {@link #json()}, but lists that are absent
   * or null (the status records drop empty lists when written) read back as empty lists. Not for specs,
   * where an absent list means "use the default".
   */
  public static ObjectMapper statusJson() {
    return STATUS_JSON;
  }

  private static ObjectMapper emptyLists(ObjectMapper mapper) {
    mapper.configOverride(java.util.List.class)
        .setSetterInfo(com.fasterxml.jackson.annotation.JsonSetter.Value.forValueNulls(
            com.fasterxml.jackson.annotation.Nulls.AS_EMPTY));
    return mapper;
  }

  /** The module that reads and writes {@link Duration} as {@code 90s}, {@code 2m}, {@code 1h30m}. */
  public static Module module() {
    SimpleModule module = new SimpleModule("teal-durations");
    module.addSerializer(Duration.class, new DurationSerializer());
    module.addDeserializer(Duration.class, new DurationDeserializer());
    return module;
  }

  /** A JSON mapper with the teal module; shared and thread-safe. */
  public static ObjectMapper json() {
    return JSON;
  }

  /** A YAML mapper with the teal module, writing block style without a document start marker. */
  public static ObjectMapper yaml() {
    return YamlHolder.YAML;
  }

  /** Built on first use: commands that never print YAML do not pay for loading it. */
  private static final class YamlHolder {
    static final ObjectMapper YAML = configure(YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build())
        .build());
  }

  /** Applies teal's settings to a mapper, e.g. one a framework hands out. */
  public static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .registerModule(new JavaTimeModule())
        .registerModule(module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, false);
  }

  static final class DurationSerializer extends JsonSerializer<Duration> {
    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(GoDuration.format(value));
    }
  }

  static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
      }
      try {
        return GoDuration.parse(p.getText());
      } catch (IllegalArgumentException e) {
        return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getText(), e.getMessage());
      }
    }
  }
}
