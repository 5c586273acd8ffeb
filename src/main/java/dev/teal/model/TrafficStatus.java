package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The forward weights teal intends for the production and test routes, and what it last saw in place.
 *
 * @param productionInPlace the production intent as teal last saw the route forward it exactly; a route
 *     that differs from an intent it was seen in place for was changed by someone else (drift), while one
 *     that differs from a newer intent is still being moved by teal
 * @param testInPlace the same for the test route
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TrafficStatus(List<RouteWeight> production, List<RouteWeight> test, List<RouteWeight> productionInPlace,
    List<RouteWeight> testInPlace) {

  public TrafficStatus(List<RouteWeight> production, List<RouteWeight> test) {
    this(production, test, List.of(), List.of());
  }
}
