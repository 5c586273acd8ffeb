package dev.teal.sandbox.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.sandbox.http.AwsError;
import dev.teal.sandbox.http.Json;
import dev.teal.sandbox.http.Params;
import dev.teal.sandbox.http.ProtocolHandler;

/** EventBridge over JSON 1.1 ({@code X-Amz-Target: AWSEvents.<Op>}): CreateEventBus, DescribeEventBus, PutEvents. */
public final class EventsJsonHandler implements ProtocolHandler {

  public static final String TARGET_PREFIX = "AWSEvents.";

  private final EventBusSimulator events;

  public EventsJsonHandler(EventBusSimulator events) {
    this.events = events;
  }

  @Override
  public String service() {
    return "events";
  }

  @Override
  public Params params(JsonNode tree) {
    return new Params(tree, message -> AwsError.client("ValidationException", message));
  }

  @Override
  public String contentType() {
    return "application/x-amz-json-1.1";
  }

  @Override
  public String errorBody(AwsError error, String requestId) {
    ObjectNode o = Json.object();
    o.put("__type", error.code());
    o.put("message", error.getMessage());
    return o.toString();
  }

  @Override
  public AwsError throttling() {
    return AwsError.client("ThrottlingException", "Rate exceeded");
  }

  @Override
  public AwsError serverError() {
    return new AwsError(500, "InternalException", "An internal error occurred.", false);
  }

  @Override
  public String handle(String operation, Params p, String requestId) {
    return switch (operation) {
      case "PutEvents" -> events.putEvents(p).toString();
      case "CreateEventBus" -> Json.object().put("EventBusArn", events.createEventBus(p)).toString();
      case "DescribeEventBus" -> {
        String name = p.str("Name").orElse(EventBusSimulator.DEFAULT_BUS);
        String arn = events.busArn(name).orElseThrow(() -> AwsError.client("ResourceNotFoundException",
            "Event bus " + name + " does not exist."));
        yield Json.object().put("Name", arn.substring(arn.indexOf("event-bus/") + "event-bus/".length()))
            .put("Arn", arn).toString();
      }
      default -> throw AwsError.client("UnknownOperationException", "teal sandbox does not model EventBridge "
          + operation);
    };
  }
}
