package dev.teal.sandbox.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.sandbox.http.AwsError;
import dev.teal.sandbox.http.Json;
import dev.teal.sandbox.http.Params;
import dev.teal.sandbox.http.ProtocolHandler;

/**
 * Application Auto Scaling over AWS JSON 1.1 ({@code X-Amz-Target: AnyScaleFrontendService.<Op>}, the
 * target prefix the SDK's marshallers send). Member names are PascalCase, as in the API reference.
 */
public final class AutoScalingJsonHandler implements ProtocolHandler {

  public static final String TARGET_PREFIX = "AnyScaleFrontendService.";

  private final AutoScalingSimulator autoScaling;

  public AutoScalingJsonHandler(AutoScalingSimulator autoScaling) {
    this.autoScaling = autoScaling;
  }

  @Override
  public String service() {
    return "application-autoscaling";
  }

  @Override
  public Params params(JsonNode tree) {
    return new Params(tree, AutoScalingSimulator::validation);
  }

  @Override
  public String contentType() {
    return "application/x-amz-json-1.1";
  }

  /** The common error every AWS API may answer with (Common Errors: ThrottlingException, HTTP 400). */
  @Override
  public AwsError throttling() {
    return AwsError.client("ThrottlingException", "Rate exceeded");
  }

  /** The common error InternalFailure (HTTP 500): the modelled InternalServiceException is an HTTP 400. */
  @Override
  public AwsError serverError() {
    return new AwsError(500, "InternalFailure", "The request processing has failed because of an unknown error.",
        false);
  }

  @Override
  public String errorBody(AwsError error, String requestId) {
    ObjectNode o = Json.object();
    o.put("__type", error.code());
    o.put("Message", error.getMessage());
    return o.toString();
  }

  @Override
  public String handle(String op, Params p, String requestId) {
    ObjectNode out = Json.object();
    switch (op) {
      case "RegisterScalableTarget" -> out.put("ScalableTargetARN", autoScaling.register(p).arn);
      case "DescribeScalableTargets" -> {
        ArrayNode targets = out.putArray("ScalableTargets");
        autoScaling.describe(p).forEach(t -> targets.add(target(t)));
      }
      case "DeregisterScalableTarget" -> autoScaling.deregister(p);
      default -> throw AwsError.client("UnknownOperationException", "Operation " + op + " is not supported by"
          + " the sandbox.");
    }
    return out.toString();
  }

  private static ObjectNode target(ScalableTarget t) {
    ObjectNode o = Json.object();
    o.put("ServiceNamespace", t.namespace);
    o.put("ResourceId", t.resourceId);
    o.put("ScalableDimension", t.dimension);
    o.put("MinCapacity", t.minCapacity);
    o.put("MaxCapacity", t.maxCapacity);
    o.put("RoleARN", t.roleArn);
    o.put("CreationTime", Json.epochSeconds(t.createdAt));
    o.put("ScalableTargetARN", t.arn);
    ObjectNode state = o.putObject("SuspendedState");
    state.put("DynamicScalingInSuspended", t.dynamicScalingInSuspended);
    state.put("DynamicScalingOutSuspended", t.dynamicScalingOutSuspended);
    state.put("ScheduledScalingSuspended", t.scheduledScalingSuspended);
    return o;
  }
}
