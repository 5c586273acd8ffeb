package dev.teal.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;

/** One AWS service behind the shared endpoint, in its own wire protocol. */
public interface ProtocolHandler {

  /** Short service name used in qualified operation names, e.g. {@code ecs} in {@code ecs:CreateTaskSet}. */
  String service();

  /** Wraps a parsed request so missing parameters raise this protocol's validation error. */
  Params params(JsonNode tree);

  /** Runs the operation; the caller holds the world lock. Throws {@link AwsError} for modelled errors. */
  String handle(String operation, Params params, String requestId);

  String contentType();

  /**
   * What the server sends for a successful call: by default {@link #handle}'s body with HTTP 200. REST
   * protocols (Lambda) answer with other statuses and response headers as well.
   */
  default Reply reply(String operation, Params params, String requestId) {
    return Reply.ok(handle(operation, params, requestId));
  }

  /** A successful answer; {@code contentType} null means the handler's own. */
  record Reply(int status, String contentType, String body, java.util.Map<String, String> headers) {

    public static Reply ok(String body) {
      return new Reply(200, null, body, java.util.Map.of());
    }
  }

  /** Renders an error body in this protocol's format. */
  String errorBody(AwsError error, String requestId);

  AwsError throttling();

  AwsError serverError();
}
