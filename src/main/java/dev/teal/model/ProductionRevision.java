package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Map;

/**
 * A revision that served production, as kept in {@code status.history} (newest last, bounded), so
 * {@code teal undo} can set the spec back to it.
 *
 * @param number increases by one with every revision that reaches production ({@code teal undo
 *     --to-revision N})
 * @param revision the revision id
 * @param image the image of {@code spec.container}
 * @param images every container image teal set ({@code spec.images}); null when only {@code image}
 * @param taskDefinition the task definition it was made from: the template revision teal copied, or the
 *     adopted task set's own
 * @param since when it began to serve production
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"number", "revision", "image", "images", "taskDefinition", "since"})
public record ProductionRevision(int number, String revision, String image, Map<String, String> images,
    String taskDefinition, Instant since) {}
