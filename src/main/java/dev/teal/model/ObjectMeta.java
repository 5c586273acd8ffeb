package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Map;

/**
 * Identity and bookkeeping of a document.
 *
 * <p>{@code name} and {@code labels} are written by people. The rest is maintained by the store:
 * {@code generation} grows by one on every spec change (the operator reports the generation it has
 * acted on as {@code status.observedGeneration}), {@code resourceVersion} is the optimistic-concurrency
 * token a writer must present to change the spec.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "labels", "generation", "resourceVersion", "creationTimestamp", "updatedAt", "updatedBy"})
public record ObjectMeta(
    String name,
    Map<String, String> labels,
    Long generation,
    Long resourceVersion,
    Instant creationTimestamp,
    Instant updatedAt,
    String updatedBy) {

  public static ObjectMeta named(String name) {
    return new ObjectMeta(name, null, null, null, null, null, null);
  }
}
