package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.List;

/** The weighted production shift: green's percentage at each step, strictly increasing, ending at 100. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"steps", "stepInterval"})
public record PromotionSpec(List<Integer> steps, Duration stepInterval) {}
