package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.List;

/**
 * The weighted production shift.
 *
 * @param steps green's production weight in percent at each step: strictly increasing, ending at 100
 * @param stepInterval how long each step holds (after its analysis passed) before the next one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"steps", "stepInterval"})
public record PromotionSpec(List<Integer> steps, Duration stepInterval) {}
