package dev.teal.aws.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.teal.aws.AwsCallListener;
import dev.teal.aws.AwsException;
import dev.teal.aws.AwsTransientException;
import dev.teal.aws.FunctionGateway.InvokeResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The Lambda gateway's contract with AWS, on WireMock: Invoke over REST-JSON. */
class SdkFunctionGatewayTest {

  @RegisterExtension
  static WireMockExtension wm = AwsWireMock.server();

  private LambdaClient client;
  private SdkFunctionGateway lambda;

  @BeforeEach
  void setUp() {
    client = new AwsClients(AwsWireMock.settings(wm, AwsCallListener.NONE)).newLambdaClient();
    lambda = new SdkFunctionGateway(client);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static List<LoggedRequest> invocations() {
    return wm.findAll(postRequestedFor(urlPathMatching("/2015-03-31/functions/.*/invocations")));
  }

  @Test
  void invokeSendsThePayloadSynchronouslyAndReadsASuccess() {
    wm.stubFor(post(urlPathMatching("/2015-03-31/functions/.*/invocations")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withHeader("X-Amz-Executed-Version", "$LATEST")
        .withBody("{\"hookStatus\":\"SUCCEEDED\"}")));

    InvokeResult result = lambda.invoke("web-smoke", "{\"phase\":\"test-traffic\"}");

    assertThat(result).isEqualTo(new InvokeResult(200, null, "{\"hookStatus\":\"SUCCEEDED\"}", "$LATEST"));
    assertThat(result.succeeded()).isTrue();
    List<LoggedRequest> sent = invocations();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getUrl()).isEqualTo("/2015-03-31/functions/web-smoke/invocations");
    assertThat(sent.get(0).getHeader("X-Amz-Invocation-Type")).isEqualTo("RequestResponse");
    assertThat(sent.get(0).getBodyAsString()).isEqualTo("{\"phase\":\"test-traffic\"}");
  }

  @Test
  void aFunctionThatRanAndFailedIsAResultWithItsErrorNotAnException() {
    wm.stubFor(post(urlPathMatching("/2015-03-31/functions/.*/invocations")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withHeader("X-Amz-Function-Error", "Unhandled")
        .withBody("{\"errorMessage\":\"smoke test failed\",\"errorType\":\"AssertionError\",\"stackTrace\":[]}")));

    InvokeResult result = lambda.invoke("arn:aws:lambda:us-east-1:000000000000:function:web-smoke", "{}");

    assertThat(result.succeeded()).isFalse();
    assertThat(result.functionError()).isEqualTo("Unhandled");
    assertThat(result.payload()).contains("smoke test failed");
    assertThat(invocations().get(0).getUrl())
        .isEqualTo("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Aweb-smoke/invocations");
  }

  @Test
  void aMissingFunctionIsAnAwsExceptionAndThrottlingIsTransient() {
    wm.stubFor(post(urlPathMatching("/2015-03-31/functions/.*/invocations")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
        .withBody("{\"Type\":\"User\",\"message\":\"Function not found: arn:aws:lambda:us-east-1:000000000000:function:"
            + "nope\"}")));
    assertThatThrownBy(() -> lambda.invoke("nope", "{}")).isInstanceOfSatisfying(AwsException.class, e -> {
      assertThat(e.isRetryable()).isFalse();
      assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException");
      assertThat(e.operation()).isEqualTo("lambda:Invoke");
      assertThat(e.getMessage()).contains("Function not found");
    });

    wm.resetAll();
    wm.stubFor(post(urlPathMatching("/2015-03-31/functions/.*/invocations")).willReturn(aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", "TooManyRequestsException")
        .withBody("{\"Type\":\"User\",\"message\":\"Rate Exceeded.\",\"Reason\":\"ReservedFunctionConcurrentInvocation"
            + "LimitExceeded\"}")));
    assertThatThrownBy(() -> lambda.invoke("web-smoke", "{}")).isInstanceOfSatisfying(AwsTransientException.class,
        e -> assertThat(e.isThrottling()).isTrue());
  }
}
