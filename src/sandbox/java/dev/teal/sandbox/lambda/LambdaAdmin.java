package dev.teal.sandbox.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.teal.sandbox.http.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code /_sim/lambda} for people and scripts (tests use {@link LambdaSimulator} directly):
 * <ul>
 *   <li>{@code POST} {@code {"function":"web-smoke","payload":{"ok":true}}} defines a function that succeeds, or
 *       {@code {"function":"web-smoke","errorType":"Error","errorMessage":"tests failed"}} one that fails;</li>
 *   <li>{@code GET} lists every invocation, oldest first.</li>
 * </ul>
 *
 * <pre>{@code curl -s -X POST localhost:4566/_sim/lambda -d '{"function":"web-smoke","payload":{"ok":true}}'}</pre>
 */
public final class LambdaAdmin implements HttpHandler {

  public static final String PATH = "/_sim/lambda";

  private final LambdaSimulator lambda;

  public LambdaAdmin(LambdaSimulator lambda) {
    this.lambda = lambda;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    switch (exchange.getRequestMethod()) {
      case "POST" -> {
        JsonNode body;
        try {
          body = Json.MAPPER.readTree(exchange.getRequestBody());
        } catch (IOException e) {
          reply(exchange, 400, "{\"error\":\"body is not JSON\"}");
          return;
        }
        String name = body == null ? "" : body.path("function").asText("");
        if (name.isEmpty()) {
          reply(exchange, 400, "{\"error\":\"function is required\"}");
          return;
        }
        FunctionResult result = body.has("errorType") || body.has("errorMessage")
            ? FunctionResult.error(body.path("errorType").asText("Error"), body.path("errorMessage").asText(""))
            : FunctionResult.success(body.has("payload") ? body.get("payload").toString() : "null");
        lambda.define(name, result);
        reply(exchange, 200, Json.object().put("function", name).put("arn", lambda.arn(name)).toString());
      }
      case "GET" -> {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("invocations");
        for (LambdaSimulator.Invocation i : lambda.invocations()) {
          list.addObject().put("at", i.at().toString()).put("function", i.function())
              .put("invocationType", i.invocationType()).put("payload", i.payload());
        }
        reply(exchange, 200, out.toString());
      }
      default -> reply(exchange, 405, "{\"error\":\"use POST or GET\"}");
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
