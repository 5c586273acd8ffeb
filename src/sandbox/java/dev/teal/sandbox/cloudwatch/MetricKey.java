package dev.teal.sandbox.cloudwatch;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One metric: namespace, name and its exact set of dimensions. CloudWatch treats "each unique combination of
 * dimensions" as a separate metric (CloudWatch User Guide, "Dimensions"), so a query must name all of them.
 */
public record MetricKey(String namespace, String name, SortedMap<String, String> dimensions) {

  public MetricKey {
    dimensions = new TreeMap<>(dimensions);
  }

  public static MetricKey of(String namespace, String name, Map<String, String> dimensions) {
    return new MetricKey(namespace, name, new TreeMap<>(dimensions));
  }
}
