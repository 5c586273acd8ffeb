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

  /** Renders an error body in this protocol's format. */
  String errorBody(AwsError error, String requestId);

  AwsError throttling();

  AwsError serverError();
}
