package dev.teal.aws.sdk;

import static dev.teal.aws.sdk.AwsErrors.call;

import dev.teal.aws.FunctionGateway;
import dev.teal.aws.MutatingCallFence;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@link FunctionGateway} over the SDK's {@link LambdaClient}. The SDK retries a call that failed on the wire, which
 * may run the function twice; hooks carry an idempotency key in their payload for that reason.
 */
public final class SdkFunctionGateway implements FunctionGateway {

  static final String INVOKE = "lambda:Invoke";

  private final LambdaClient lambda;
  private final FencedRequests fenced;

  /** A gateway whose invocations are not fenced (the CLI, single-reconciler tests). */
  public SdkFunctionGateway(LambdaClient lambda) {
    this(lambda, MutatingCallFence.NONE);
  }

  /**
   * @param fence asked when each invocation starts and before each of its attempts is sent: a hook's
   *     function acts on the world, so an instance that may have lost its lease must not run it
   */
  public SdkFunctionGateway(LambdaClient lambda, MutatingCallFence fence) {
    this.lambda = lambda;
    this.fenced = new FencedRequests(fence);
  }

  @Override
  public InvokeResult invoke(String function, String payloadJson) {
    InvokeResponse response = call(INVOKE, () -> lambda.invoke(r -> r.functionName(function)
        .invocationType(InvocationType.REQUEST_RESPONSE).payload(SdkBytes.fromUtf8String(payloadJson))
        .overrideConfiguration(fenced.mutating(INVOKE))));
    String payload = response.payload() == null ? "" : response.payload().asUtf8String();
    return new InvokeResult(response.statusCode() == null ? 0 : response.statusCode(), response.functionError(),
        payload, response.executedVersion());
  }
}
