package dev.teal.reconcile;

import dev.teal.aws.MetricsGateway;
import dev.teal.aws.MetricsGateway.MetricQuery;
import dev.teal.aws.MetricsGateway.MetricSeries;
import dev.teal.aws.RouteRef;
import dev.teal.aws.RouteState;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.MetricGateSpec;
import dev.teal.model.MetricGateStatus;
import dev.teal.model.RevisionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reads of the metric gates ({@code spec.strategy.gates.metrics}), for the {@link Observer}: which window is
 * due, the GetMetricData queries for it with green's and blue's dimensions filled in, and what came back. Reads
 * only while green serves production, and at most once per window of each gate: the status records the window
 * last evaluated ({@code status.gates.metrics[].windowEnd}), so a restarted operator does not read it again.
 */
final class MetricQueries {

  private MetricQueries() {}

  /** The windows due, read in one GetMetricData call per interval; null when nothing is due (no read made). */
  static List<MetricReading> readIfDue(MetricsGateway metrics, DeploymentSpec spec, DeploymentStatus status,
      RouteState production, Instant now) {
    List<MetricGateSpec> gates = spec.strategy() == null ? List.of() : spec.strategy().metricGates();
    RevisionStatus green = status.preview();
    if (metrics == null || now == null || gates.isEmpty() || spec.phase() == DesiredPhase.ROLLBACK || green == null
        || green.targetGroup() == null || production == null) {
      return null;
    }
    int weight = share(production, green.targetGroup());
    if (weight == 0) {
      return null; // green serves no production: nothing to judge it by (preview is the HTTP analysis's)
    }
    String loadBalancer = loadBalancerDimension(production.route().arn());
    RevisionStatus stable = status.stable();
    String blueGroup = stable == null || green.targetGroup().equals(stable.targetGroup()) ? null : stable.targetGroup();
    Map<Duration, List<MetricGateSpec>> due = new LinkedHashMap<>();
    for (MetricGateSpec gate : gates) {
      Instant end = windowEnd(now, gate.intervalOrDefault());
      MetricGateStatus last = status.gates() == null ? null : status.gates().metric(gate.name()).orElse(null);
      if (last == null || last.windowEnd() == null || last.windowEnd().isBefore(end)) {
        due.computeIfAbsent(gate.intervalOrDefault(), k -> new ArrayList<>()).add(gate);
      }
    }
    if (due.isEmpty()) {
      return null;
    }
    List<MetricReading> readings = new ArrayList<>();
    due.forEach((interval, list) -> readings.addAll(read(metrics, list, interval, now, weight,
        dimensions(loadBalancer, green.targetGroup()),
        blueGroup == null ? null : dimensions(loadBalancer, blueGroup))));
    return readings;
  }

  private static List<MetricReading> read(MetricsGateway metrics, List<MetricGateSpec> gates, Duration interval,
      Instant now, int weight, Map<String, String> green, Map<String, String> blue) {
    int period = (int) interval.toSeconds();
    Instant end = windowEnd(now, interval);
    Instant start = end.minus(interval);
    boolean anyComparison = blue != null && gates.stream().anyMatch(g -> g.compareToBlue() != null);
    List<MetricQuery> queries = new ArrayList<>();
    queries.add(MetricQuery.metric("greenrequests", MetricGateSpec.NAMESPACE, MetricGateSpec.REQUEST_COUNT, green,
        "Sum", period));
    if (anyComparison) {
      queries.add(MetricQuery.metric("bluerequests", MetricGateSpec.NAMESPACE, MetricGateSpec.REQUEST_COUNT, blue,
          "Sum", period));
    }
    for (int i = 0; i < gates.size(); i++) {
      MetricGateSpec g = gates.get(i);
      queries.addAll(gateQueries("g" + i + "green", g, green, period));
      if (g.compareToBlue() != null && blue != null) {
        queries.addAll(gateQueries("g" + i + "blue", g, blue, period));
      }
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (MetricSeries series : metrics.getMetricData(queries, start, end)) {
      // One period per window, aligned to it: at most one datapoint; a window split by CloudWatch is summed up.
      if (!series.datapoints().isEmpty()) {
        values.put(series.id(), series.datapoints().size() == 1 ? series.datapoints().get(0).value()
            : series.datapoints().stream().mapToDouble(MetricsGateway.Datapoint::value).sum());
      }
    }
    List<MetricReading> readings = new ArrayList<>();
    for (int i = 0; i < gates.size(); i++) {
      MetricGateSpec g = gates.get(i);
      boolean compared = g.compareToBlue() != null && blue != null;
      readings.add(new MetricReading(g.name(), start, end, weight, values.get("g" + i + "greenvalue"),
          values.get("g" + i + "greenper"), Math.round(values.getOrDefault("greenrequests", 0.0)),
          compared ? values.get("g" + i + "bluevalue") : null, compared ? values.get("g" + i + "blueper") : null,
          compared ? Math.round(values.getOrDefault("bluerequests", 0.0)) : null));
    }
    return readings;
  }

  private static List<MetricQuery> gateQueries(String prefix, MetricGateSpec g, Map<String, String> dims,
      int period) {
    List<MetricQuery> q = new ArrayList<>();
    q.add(MetricQuery.metric(prefix + "value", MetricGateSpec.NAMESPACE, g.metric(), dims,
        g.per() == null ? g.statOrDefault() : "Sum", period));
    if (g.per() != null) {
      q.add(MetricQuery.metric(prefix + "per", MetricGateSpec.NAMESPACE, g.per(), dims, "Sum", period));
    }
    return q;
  }

  /** The end of the last complete window of {@code interval} before {@code now}: windows are aligned to the epoch. */
  static Instant windowEnd(Instant now, Duration interval) {
    long seconds = interval.toSeconds();
    long t = now.getEpochSecond();
    return Instant.ofEpochSecond(t - Math.floorMod(t, seconds));
  }

  /** {@code group}'s share of a route's traffic, in percent (rounded down). */
  static int share(RouteState route, String group) {
    int total = route.weights().values().stream().mapToInt(Integer::intValue).sum();
    return total == 0 ? 0 : route.weightOf(group) * 100 / total;
  }

  /**
   * The {@code LoadBalancer} dimension of the load balancer a listener or listener rule belongs to: {@code
   * app/<name>/<id>}, the ARN's resource after {@code loadbalancer/} (ELB User Guide, "Metric dimensions for
   * Application Load Balancers"). A listener's ARN is {@code ...:listener/app/<name>/<id>/<listener-id>}, a rule's
   * {@code ...:listener-rule/app/<name>/<id>/<listener-id>/<rule-id>}.
   */
  static String loadBalancerDimension(String listenerOrRuleArn) {
    String resource = listenerOrRuleArn.substring(listenerOrRuleArn.lastIndexOf(':') + 1);
    String[] parts = resource.split("/");
    if (parts.length < 4) {
      throw new IllegalArgumentException("not a listener or listener rule ARN: " + listenerOrRuleArn);
    }
    return parts[1] + "/" + parts[2] + "/" + parts[3];
  }

  /** The {@code TargetGroup} dimension: {@code targetgroup/<name>/<id>}, the ARN's resource. */
  static String targetGroupDimension(String targetGroupArn) {
    return targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1);
  }

  private static Map<String, String> dimensions(String loadBalancer, String targetGroupArn) {
    return Map.of("LoadBalancer", loadBalancer, "TargetGroup", targetGroupDimension(targetGroupArn));
  }
}
