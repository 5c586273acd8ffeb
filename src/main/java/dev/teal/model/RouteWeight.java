package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One target group in a route's weighted forward action, named by the revision it serves. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"revision", "image", "targetGroup", "weight"})
public record RouteWeight(String revision, String image, String targetGroup, int weight) {}
