package dev.teal.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.teal.sandbox.faults.FaultInjector;
import dev.teal.sandbox.faults.FaultKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A small HTTP control surface for people using the sandbox from a shell:
 * <ul>
 *   <li>{@code GET /_sim/calls} counts per operation; {@code DELETE /_sim/calls} resets them;</li>
 *   <li>{@code POST /_sim/faults} with one rule, e.g.
 *       {@code {"operation":"ecs:CreateTaskSet","kind":"THROTTLE","rate":0.3}},
 *       {@code {"operation":"elb:ModifyRule","kind":"SERVER_ERROR","failNext":2}},
 *       {@code {"operation":"*","latencyMs":200}}, {@code {"operation":"elb:ModifyRule","notVisibleMs":3000}}
 *       (eventual consistency, see docs/sandbox.md) or
 *       {@code {"describeBucket":{"burst":40,"refillPerSecond":10}}};</li>
 *   <li>{@code DELETE /_sim/faults} clears every rule;</li>
 *   <li>further paths other parts of the simulator add ({@link #route}), e.g. {@code /_sim/events}.</li>
 * </ul>
 */
public final class AdminHandler implements HttpHandler {

  private final FaultInjector faults;
  private final CallLog calls;
  private final Map<String, HttpHandler> routes = new java.util.concurrent.ConcurrentHashMap<>();

  public AdminHandler(FaultInjector faults, CallLog calls) {
    this.faults = faults;
    this.calls = calls;
  }

  /** Serves {@code path} (under {@code /_sim/}) with {@code handler}. */
  public void route(String path, HttpHandler handler) {
    routes.put(path, handler);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    HttpHandler routed = routes.get(path);
    if (routed != null) {
      routed.handle(exchange);
      return;
    }
    try {
      switch (path) {
        case "/_sim/calls" -> {
          if (method.equals("DELETE")) {
            calls.reset();
          }
          ObjectNode out = Json.object();
          out.put("total", calls.total());
          ObjectNode by = out.putObject("byOperation");
          for (Map.Entry<String, Long> e : calls.countsByOperation().entrySet()) {
            by.put(e.getKey(), e.getValue());
          }
          reply(exchange, 200, out.toString());
        }
        case "/_sim/faults" -> {
          if (method.equals("DELETE")) {
            faults.clear();
            reply(exchange, 200, "{\"cleared\":true}");
          } else if (method.equals("POST")) {
            apply(Json.MAPPER.readTree(exchange.getRequestBody()));
            reply(exchange, 200, "{\"applied\":true}");
          } else {
            reply(exchange, 405, "{\"error\":\"use POST or DELETE\"}");
          }
        }
        default -> reply(exchange, 404, "{\"error\":\"unknown admin path\"}");
      }
    } catch (IllegalArgumentException | IOException e) {
      reply(exchange, 400, Json.object().put("error", String.valueOf(e.getMessage())).toString());
    }
  }

  private void apply(JsonNode rule) {
    if (rule.has("describeBucket")) {
      JsonNode b = rule.get("describeBucket");
      faults.describeTokenBucket(b.path("burst").asInt(40), b.path("refillPerSecond").asDouble(10));
      return;
    }
    String operation = rule.path("operation").asText(FaultInjector.GLOBAL);
    if (rule.has("latencyMs")) {
      faults.latency(operation, Duration.ofMillis(rule.get("latencyMs").asLong()));
    }
    if (rule.has("notVisibleMs")) {
      faults.notVisibleFor(operation, Duration.ofMillis(rule.get("notVisibleMs").asLong()));
    }
    if (rule.has("applyThenFail")) {
      faults.applyThenFail(rule.get("applyThenFail").asBoolean());
    }
    if (rule.has("kind")) {
      FaultKind kind = FaultKind.valueOf(rule.get("kind").asText());
      if (rule.has("failNext")) {
        faults.failNext(operation, rule.get("failNext").asInt(), kind);
      } else {
        faults.errorRate(operation, kind, rule.path("rate").asDouble(1.0));
      }
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
