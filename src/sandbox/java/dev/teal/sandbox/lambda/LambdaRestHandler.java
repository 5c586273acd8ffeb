package dev.teal.sandbox.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import dev.teal.sandbox.http.AwsError;
import dev.teal.sandbox.http.Json;
import dev.teal.sandbox.http.Params;
import dev.teal.sandbox.http.QueryForm;
import dev.teal.sandbox.http.RestProtocolHandler;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda Invoke over REST-JSON: {@code POST /2015-03-31/functions/{FunctionName}/invocations}, with
 * {@code Qualifier} in the query and {@code X-Amz-Invocation-Type} / {@code X-Amz-Log-Type} headers (Lambda API
 * reference, Invoke). What is modelled:
 * <ul>
 *   <li>FunctionName as a name, a full ARN (optionally with a qualifier) or a partial ARN
 *       ({@code 123456789012:function:name}); an unknown function is ResourceNotFoundException (404);</li>
 *   <li>RequestResponse answers 200 with the function's payload, {@code X-Amz-Executed-Version} and, for a failed
 *       run, {@code X-Amz-Function-Error}; Event answers 202 and DryRun 204 with no payload ("For the Event
 *       invocation type, this status code is 202. For the DryRun invocation type, the status code is 204.");</li>
 *   <li>a payload that is not JSON is InvalidRequestContentException (400); more than 6 MB for a synchronous
 *       call is RequestTooLargeException (413) ("Lambda quotas": 6 MB request and response, synchronous).</li>
 * </ul>
 */
public final class LambdaRestHandler implements RestProtocolHandler {

  private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
  private static final Pattern FULL_ARN = Pattern.compile("arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:"
      + "([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9$_-]+))?");
  private static final Pattern PARTIAL_ARN = Pattern.compile("(\\d{12}):function:([A-Za-z0-9_-]{1,64})"
      + "(?::([A-Za-z0-9$_-]+))?");
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9$_-]+))?");
  static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;

  private final LambdaSimulator lambda;

  public LambdaRestHandler(LambdaSimulator lambda) {
    this.lambda = lambda;
  }

  @Override
  public String service() {
    return "lambda";
  }

  @Override
  public Route route(String method, URI uri, Headers headers, byte[] body) {
    Matcher m = INVOKE.matcher(uri.getRawPath());
    if (!m.matches() || !method.equals("POST")) {
      return null;
    }
    ObjectNode params = Json.object();
    params.put("FunctionName", URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
    Map<String, String> query = QueryForm.decode(uri.getRawQuery());
    if (query.containsKey("Qualifier")) {
      params.put("Qualifier", query.get("Qualifier"));
    }
    params.put("InvocationType", header(headers, "X-Amz-Invocation-Type", "RequestResponse"));
    params.put("LogType", header(headers, "X-Amz-Log-Type", "None"));
    params.put("Payload", new String(body, StandardCharsets.UTF_8));
    params.put("PayloadBytes", body.length);
    return new Route("Invoke", params);
  }

  private static String header(Headers headers, String name, String dflt) {
    String v = headers.getFirst(name);
    return v == null || v.isEmpty() ? dflt : v;
  }

  @Override
  public Params params(JsonNode tree) {
    return new Params(tree, m -> AwsError.client("InvalidParameterValueException", m));
  }

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public AwsError throttling() {
    return new AwsError(429, "TooManyRequestsException", "Rate Exceeded.", true);
  }

  @Override
  public AwsError serverError() {
    return new AwsError(500, "ServiceException", "An internal error occurred.", false);
  }

  @Override
  public String errorBody(AwsError error, String requestId) {
    ObjectNode o = Json.object();
    o.put("Type", error.senderFault() ? "User" : "Service");
    o.put("message", error.getMessage());
    return o.toString();
  }

  @Override
  public String handle(String operation, Params params, String requestId) {
    return reply(operation, params, requestId).body();
  }

  @Override
  public Reply reply(String operation, Params p, String requestId) {
    if (!operation.equals("Invoke")) {
      throw AwsError.client("InvalidParameterValueException", "The sandbox does not model Lambda " + operation);
    }
    String ref = p.reqStr("FunctionName");
    String[] nameAndQualifier = resolve(ref);
    String name = nameAndQualifier[0];
    String qualifier = p.str("Qualifier").orElse(nameAndQualifier[1]);
    if (qualifier != null && nameAndQualifier[1] != null && !qualifier.equals(nameAndQualifier[1])) {
      throw AwsError.client("InvalidParameterValueException", "The derived qualifier from the function name does"
          + " not match the specified qualifier.");
    }
    FunctionResult result = lambda.result(name).orElseThrow(() -> new AwsError(404, "ResourceNotFoundException",
        "Function not found: " + lambda.arn(name) + (qualifier == null ? "" : ":" + qualifier), true));
    if (qualifier != null && !qualifier.equals("$LATEST")) {
      // Versions and aliases are not modelled: only $LATEST exists.
      throw new AwsError(404, "ResourceNotFoundException", "Function not found: " + lambda.arn(name) + ":"
          + qualifier, true);
    }
    String type = p.str("InvocationType").orElse("RequestResponse");
    String payload = p.str("Payload").orElse("");
    if (!type.equals("RequestResponse") && !type.equals("Event") && !type.equals("DryRun")) {
      throw AwsError.client("InvalidParameterValueException", "Unsupported invocation type " + type);
    }
    if (type.equals("RequestResponse") && p.integer("PayloadBytes").orElse(0) > MAX_SYNC_PAYLOAD) {
      throw new AwsError(413, "RequestTooLargeException", "Request must be smaller than " + MAX_SYNC_PAYLOAD
          + " bytes for the InvokeFunction operation", true);
    }
    if (!payload.isEmpty()) {
      try {
        Json.MAPPER.readTree(payload);
      } catch (JsonProcessingException e) {
        throw AwsError.client("InvalidRequestContentException", "Could not parse request body into json: "
            + e.getOriginalMessage());
      }
    }
    if (type.equals("DryRun")) {
      return new Reply(204, null, "", Map.of());
    }
    lambda.record(name, qualifier, type, payload);
    if (type.equals("Event")) {
      return new Reply(202, null, "", Map.of());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Amz-Executed-Version", "$LATEST");
    if (result.functionError() != null) {
      headers.put("X-Amz-Function-Error", result.functionError());
    }
    return new Reply(200, null, result.payload(), headers);
  }

  /** [name, qualifier or null]; an ARN for another account or region names a function that is not here. */
  private String[] resolve(String ref) {
    Matcher full = FULL_ARN.matcher(ref);
    if (full.matches()) {
      if (!full.group(1).equals(lambda.region()) || !full.group(2).equals(lambda.accountId())) {
        throw new AwsError(404, "ResourceNotFoundException", "Function not found: " + ref, true);
      }
      return new String[] {full.group(3), full.group(4)};
    }
    Matcher partial = PARTIAL_ARN.matcher(ref);
    if (partial.matches()) {
      if (!partial.group(1).equals(lambda.accountId())) {
        throw new AwsError(404, "ResourceNotFoundException", "Function not found: " + ref, true);
      }
      return new String[] {partial.group(2), partial.group(3)};
    }
    Matcher name = NAME.matcher(ref);
    if (name.matches()) {
      return new String[] {name.group(1), name.group(2)};
    }
    throw AwsError.client("InvalidParameterValueException", "1 validation error detected: Value '" + ref
        + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern");
  }
}
