package dev.teal.sandbox.alb;

import dev.teal.sandbox.ImageBehaviour;
import dev.teal.sandbox.elb.Action;
import dev.teal.sandbox.elb.Condition;
import dev.teal.sandbox.elb.ElbSimulator;
import dev.teal.sandbox.elb.Rule;
import dev.teal.sandbox.elb.Target;
import dev.teal.sandbox.elb.TargetGroup;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * Routes one request the way an ALB listener does: rules by priority, then the default; a forward
 * action picks a group by weight (seeded, so shares replay) and a healthy target round-robin.
 * Callers hold the world lock.
 */
public final class AlbRouter {

  /** What the listener answers. Headers name the image and group for people watching a rollout. */
  public record Answer(int status, String contentType, String body, Map<String, String> headers) {
  }

  /** Where the data plane's CloudWatch metrics go (namespace, metric, dimensions, value). */
  public interface MetricSink {
    void publish(String namespace, String metric, Map<String, String> dimensions, double value);
  }

  static final String NAMESPACE = "AWS/ApplicationELB";

  private final ElbSimulator elb;
  private final Random random;
  private final Map<String, Integer> roundRobin = new HashMap<>();
  /** Requests each target group has answered, for spreading an image's error share evenly. */
  private final Map<String, Long> answered = new HashMap<>();
  private MetricSink metrics = (ns, m, d, v) -> { };
  private ToIntFunction<String> errorPercent = image -> 100;
  private Function<String, Duration> responseTime = image -> Duration.ofMillis(20);

  public AlbRouter(ElbSimulator elb, long seed) {
    this.elb = elb;
    this.random = new Random(seed);
  }

  /**
   * Publishes the data plane's CloudWatch metrics to {@code sink}, and takes each image's share of 5xx answers and
   * its response time from the simulator's configuration.
   */
  public void publishMetricsTo(MetricSink sink, ToIntFunction<String> errorPercentOfImage,
      Function<String, Duration> responseTimeOfImage) {
    this.metrics = sink;
    this.errorPercent = errorPercentOfImage;
    this.responseTime = responseTimeOfImage;
  }

  public Answer route(String listenerArn, String host, String path) {
    for (Rule rule : elb.rulesOf(listenerArn)) {
      if (rule.conditions().stream().allMatch(c -> matches(c, host, path))) {
        return act(listenerArn, rule);
      }
    }
    return new Answer(404, "text/plain", "no listener\n", Map.of());
  }

  private Answer act(String listenerArn, Rule rule) {
    Action action = rule.actions().stream().min(Comparator.comparingInt(Action::order)).orElseThrow();
    switch (action.type()) {
      case "forward" -> {
        return forward(listenerArn, action);
      }
      case "fixed-response" -> {
        int status = Integer.parseInt(action.config().path("StatusCode").asText("200"));
        return new Answer(status, action.config().path("ContentType").asText("text/plain"),
            action.config().path("MessageBody").asText(""), Map.of());
      }
      default -> {
        String location = action.config().path("Protocol").asText("#{protocol}").toLowerCase(Locale.ROOT)
            + "://" + action.config().path("Host").asText("#{host}") + action.config().path("Path").asText("/");
        int status = "HTTP_301".equals(action.config().path("StatusCode").asText()) ? 301 : 302;
        return new Answer(status, "text/plain", "", Map.of("Location", location));
      }
    }
  }

  private Answer forward(String listenerArn, Action action) {
    int total = action.targetGroups().stream().mapToInt(Action.WeightedTargetGroup::weight).sum();
    if (total == 0) {
      return unavailable("every target group in the forward action has weight 0");
    }
    int draw = random.nextInt(total);
    String tgArn = null;
    for (Action.WeightedTargetGroup w : action.targetGroups()) {
      draw -= w.weight();
      if (draw < 0) {
        tgArn = w.targetGroupArn();
        break;
      }
    }
    List<Target> healthy = elb.healthyTargets(tgArn);
    String tgName = elb.findTargetGroup(tgArn).map(TargetGroup::name).orElse("?");
    if (healthy.isEmpty()) {
      publishElb5xx(listenerArn);
      return unavailable("no healthy target in " + tgName);
    }
    int n = roundRobin.merge(tgArn, 1, Integer::sum);
    Target target = healthy.get((n - 1) % healthy.size());
    String image = target.owner().image();
    String task = target.owner().taskArn() == null ? "-" : target.owner().taskArn();
    long n2 = answered.merge(tgArn, 1L, Long::sum);
    boolean errors = target.owner().behaviour() == ImageBehaviour.ERRORS && fails(errorPercent.applyAsInt(image), n2);
    String body = (errors ? "error from " : "hello from ") + image + " (task " + task + ", target group " + tgName
        + ", target " + target.id() + ":" + target.port() + ")\n";
    Map<String, String> headers = Map.of(
        "X-Teal-Image", image,
        "X-Teal-Target-Group", tgName,
        "X-Teal-Task", task,
        "X-Teal-Target", target.id() + ":" + target.port());
    publishTarget(listenerArn, tgArn, errors, responseTime.apply(image));
    return new Answer(errors ? 500 : 200, "text/plain", body, headers);
  }

  /** The n-th answer of a group fails when it takes the failures so far past {@code percent} of n: exact shares. */
  private static boolean fails(int percent, long n) {
    return (n * percent) / 100 > ((n - 1) * percent) / 100;
  }

  /**
   * A request a target answered, as the ALB reports it to CloudWatch (ELB user guide, "CloudWatch metrics for your
   * Application Load Balancer"): RequestCount, TargetResponseTime (seconds) and, for a 5xx from the target,
   * HTTPCode_Target_5XX_Count, each under the dimension sets {LoadBalancer} and {LoadBalancer, TargetGroup}, with
   * the values {@code app/<name>/<id>} and {@code targetgroup/<name>/<id>}. Only non-zero counts are reported
   * ("Reporting criteria: There is a nonzero value"), so a period without 5xx has no 5xx datapoint. Timestamps are
   * the simulator's clock; AWS aggregates each minute, which the statistics over a period do here.
   */
  private void publishTarget(String listenerArn, String tgArn, boolean error, Duration took) {
    for (Map<String, String> dims : dimensionSets(listenerArn, tgArn)) {
      metrics.publish(NAMESPACE, "RequestCount", dims, 1);
      metrics.publish(NAMESPACE, "TargetResponseTime", dims, took.toNanos() / 1e9);
      if (error) {
        metrics.publish(NAMESPACE, "HTTPCode_Target_5XX_Count", dims, 1);
      }
    }
  }

  /** A 503 the load balancer itself answers (no healthy target): HTTPCode_ELB_5XX_Count, {LoadBalancer} only. */
  private void publishElb5xx(String listenerArn) {
    elb.loadBalancerOf(listenerArn).ifPresent(lb ->
        metrics.publish(NAMESPACE, "HTTPCode_ELB_5XX_Count", Map.of("LoadBalancer", dimension(lb)), 1));
  }

  private List<Map<String, String>> dimensionSets(String listenerArn, String tgArn) {
    return elb.loadBalancerOf(listenerArn).map(lb -> List.of(
        Map.of("LoadBalancer", dimension(lb)),
        Map.of("LoadBalancer", dimension(lb), "TargetGroup", dimension(tgArn)))).orElse(List.of());
  }

  /**
   * The metric dimension for an ALB or target group ARN: the part after the resource type's colon,
   * {@code app/name/id} of {@code ...:loadbalancer/app/name/id}, {@code targetgroup/name/id} as it stands.
   */
  public static String dimension(String arn) {
    int colon = arn.lastIndexOf(':');
    String resource = arn.substring(colon + 1);
    return resource.startsWith("loadbalancer/") ? resource.substring("loadbalancer/".length()) : resource;
  }

  private static Answer unavailable(String why) {
    return new Answer(503, "text/plain", "503 Service Temporarily Unavailable: " + why + "\n", Map.of());
  }

  private static boolean matches(Condition c, String host, String path) {
    return switch (c.field()) {
      case "path-pattern" -> c.values().stream().anyMatch(v -> wildcard(v, false).matcher(path).matches());
      case "host-header" -> c.values().stream().anyMatch(v -> wildcard(v, true).matcher(stripPort(host)).matches());
      default -> false;
    };
  }

  private static String stripPort(String host) {
    if (host == null) {
      return "";
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  /** ALB patterns: {@code *} matches any run of characters, {@code ?} exactly one. */
  static Pattern wildcard(String pattern, boolean caseInsensitive) {
    StringBuilder re = new StringBuilder();
    for (char ch : pattern.toCharArray()) {
      switch (ch) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(re.toString(), caseInsensitive ? Pattern.CASE_INSENSITIVE : 0);
  }
}
