package dev.teal.aws.sdk;

import static dev.teal.aws.sdk.AwsErrors.call;

import dev.teal.aws.FunctionGateway;
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

  public SdkFunctionGateway(LambdaClient lambda) {
    this.lambda = lambda;
  }

  @Override
  public InvokeResult invoke(String function, String payloadJson) {
    InvokeResponse response = call(INVOKE, () -> lambda.invoke(r -> r.functionName(function)
        .invocationType(InvocationType.REQUEST_RESPONSE).payload(SdkBytes.fromUtf8String(payloadJson))));
    String payload = response.payload() == null ? "" : response.payload().asUtf8String();
    return new InvokeResult(response.statusCode() == null ? 0 : response.statusCode(), response.functionError(),
        payload, response.executedVersion());
  }
}
