package dev.teal.sandbox.alb;

import dev.teal.sandbox.ImageBehaviour;
import dev.teal.sandbox.elb.Action;
import dev.teal.sandbox.elb.Condition;
import dev.teal.sandbox.elb.ElbSimulator;
import dev.teal.sandbox.elb.Rule;
import dev.teal.sandbox.elb.Target;
import dev.teal.sandbox.elb.TargetGroup;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
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

  private final ElbSimulator elb;
  private final Random random;
  private final Map<String, Integer> roundRobin = new HashMap<>();

  public AlbRouter(ElbSimulator elb, long seed) {
    this.elb = elb;
    this.random = new Random(seed);
  }

  public Answer route(String listenerArn, String host, String path) {
    for (Rule rule : elb.rulesOf(listenerArn)) {
      if (rule.conditions().stream().allMatch(c -> matches(c, host, path))) {
        return act(rule);
      }
    }
    return new Answer(404, "text/plain", "no listener\n", Map.of());
  }

  private Answer act(Rule rule) {
    Action action = rule.actions().stream().min(Comparator.comparingInt(Action::order)).orElseThrow();
    switch (action.type()) {
      case "forward" -> {
        return forward(action);
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

  private Answer forward(Action action) {
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
      return unavailable("no healthy target in " + tgName);
    }
    int n = roundRobin.merge(tgArn, 1, Integer::sum);
    Target target = healthy.get((n - 1) % healthy.size());
    String image = target.owner().image();
    String task = target.owner().taskArn() == null ? "-" : target.owner().taskArn();
    boolean errors = target.owner().behaviour() == ImageBehaviour.ERRORS;
    String body = (errors ? "error from " : "hello from ") + image + " (task " + task + ", target group " + tgName
        + ", target " + target.id() + ":" + target.port() + ")\n";
    Map<String, String> headers = Map.of(
        "X-Teal-Image", image,
        "X-Teal-Target-Group", tgName,
        "X-Teal-Task", task,
        "X-Teal-Target", target.id() + ":" + target.port());
    return new Answer(errors ? 500 : 200, "text/plain", body, headers);
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
