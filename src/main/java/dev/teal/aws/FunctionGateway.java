package dev.teal.aws;

/** AWS Lambda, as far as teal's lifecycle hooks use it: a synchronous Invoke. */
public interface FunctionGateway {

  /**
   * Invokes {@code function} (name, ARN or partial ARN) synchronously (RequestResponse) with {@code payloadJson}.
   * A function that ran and failed is a result with {@link InvokeResult#functionError()}, not an exception; an
   * exception means the call itself failed (no such function, no permission, throttling...).
   */
  InvokeResult invoke(String function, String payloadJson);

  /**
   * What Invoke answered: the HTTP status (200 for RequestResponse), {@code X-Amz-Function-Error} (null when the
   * function succeeded), the payload as text and the version that ran.
   */
  record InvokeResult(int statusCode, String functionError, String payload, String executedVersion) {

    public boolean succeeded() {
      return functionError == null && statusCode >= 200 && statusCode < 300;
    }
  }
}
