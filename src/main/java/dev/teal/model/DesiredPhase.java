package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What the operator is asked to do with {@code spec.image}; the value people and CI flip. */
public enum DesiredPhase {
  /** Run the image as green behind the test rule; production is untouched. */
  PREVIEW,
  /** The image should serve production, through every gate. */
  PROMOTE,
  /** Production should be (or return to) the last stable image; green is torn down. */
  ROLLBACK;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static DesiredPhase fromWire(String value) {
    return Arrays.stream(values())
        .filter(p -> p.wireName().equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "must be one of preview, promote, rollback (was '" + value + "')"));
  }
}
