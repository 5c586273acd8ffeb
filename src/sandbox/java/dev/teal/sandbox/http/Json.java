package dev.teal.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/** One shared mapper; the simulator never binds to POJOs, it only reads and writes trees. */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** ECS's JSON protocol sends timestamps as epoch seconds; a plain decimal keeps exponents out. */
  public static BigDecimal epochSeconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli(), 3);
  }
}
