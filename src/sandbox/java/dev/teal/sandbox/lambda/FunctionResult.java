package dev.teal.sandbox.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.sandbox.http.Json;

/**
 * What a simulated function answers every invocation with: a payload, and for a failed run the
 * {@code X-Amz-Function-Error} value. Lambda API reference, Invoke: "If present, indicates that an error
 * occurred during function execution. Details about the error are included in the response payload."
 */
public record FunctionResult(String payload, String functionError) {

  /** A run that returned {@code payloadJson}. */
  public static FunctionResult success(String payloadJson) {
    return new FunctionResult(payloadJson, null);
  }

  /**
   * A run that threw: the payload is the runtime's error object ({@code errorMessage}, {@code errorType},
   * {@code stackTrace}) and FunctionError is {@code Unhandled}, which is what Lambda's runtimes report for an
   * exception the handler did not catch (Lambda developer guide, "Lambda function errors").
   */
  public static FunctionResult error(String errorType, String errorMessage) {
    ObjectNode o = Json.object();
    o.put("errorMessage", errorMessage);
    o.put("errorType", errorType);
    o.putArray("stackTrace");
    return new FunctionResult(o.toString(), "Unhandled");
  }
}
