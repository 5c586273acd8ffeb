package dev.teal.sandbox.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.teal.sandbox.http.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /_sim/events}: every event put, oldest first, as a rule's target would get it, with the bus
 * and whether the bus existed ({@code ?bus=NAME} for one bus); {@code DELETE /_sim/events} forgets them.
 *
 * <pre>{@code curl -s localhost:4566/_sim/events | jq '.events[] | {time, "detail-type", deployment: .detail.deployment}'}</pre>
 */
public final class EventsAdmin implements HttpHandler {

  public static final String PATH = "/_sim/events";

  private final EventBusSimulator events;

  public EventsAdmin(EventBusSimulator events) {
    this.events = events;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("DELETE")) {
      events.clear();
    } else if (!method.equals("GET")) {
      reply(exchange, 405, "{\"error\":\"use GET or DELETE\"}");
      return;
    }
    String query = exchange.getRequestURI().getQuery();
    String bus = query != null && query.startsWith("bus=") ? query.substring("bus=".length()) : null;
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("events");
    for (ReceivedEvent event : events.received()) {
      if (bus == null || bus.equals(event.bus())) {
        ObjectNode item = event.envelope().deepCopy();
        item.put("eventBusName", event.bus());
        item.put("delivered", event.delivered());
        list.add(item);
      }
    }
    reply(exchange, 200, out.toString());
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
