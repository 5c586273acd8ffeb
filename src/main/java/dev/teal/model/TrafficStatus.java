package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The forward weights teal last saw on the production and test routes, in percent. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TrafficStatus(List<RouteWeight> production, List<RouteWeight> test) {}
