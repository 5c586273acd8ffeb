package dev.teal.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.AwsException;
import dev.teal.aws.AwsNotFoundException;
import dev.teal.aws.AwsNotYetVisibleException;
import dev.teal.aws.AwsTransientException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.NonRetryableException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The translation table, for codes the WireMock tests do not send one by one. */
class AwsErrorsTest {

  @ParameterizedTest
  @ValueSource(strings = {"ClusterNotFoundException", "ServiceNotFoundException", "ServiceNotActiveException",
      "TaskSetNotFoundException", "TargetGroupNotFound", "RuleNotFound", "ListenerNotFound", "LoadBalancerNotFound"})
  void notFoundCodesBecomeNotFound(String code) {
    AwsException e = AwsErrors.translate("op", service(400, code, "gone"));

    assertThat(e).isInstanceOf(AwsNotFoundException.class);
    assertThat(e.errorCode()).isEqualTo(code);
    assertThat(e.isRetryable()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ValidationError", "ClientException", "InvalidParameterException", "AccessDenied",
      "AccessDeniedException", "TooManyTargetGroups", "DuplicateTargetGroupName", "ResourceInUse",
      "LimitExceededException"})
  void otherClientErrorsAreNotRetryable(String code) {
    AwsException e = AwsErrors.translate("op", service(400, code, "no"));

    assertThat(e).isExactlyInstanceOf(AwsException.class);
    assertThat(e.errorCode()).isEqualTo(code);
  }

  /**
   * The answers of a control plane that has not caught up with teal's previous call are retried soon, not
   * Failed; the same codes from other operations keep their meaning. Planted once: the classification
   * removed from translate, and the four rows failed as plain, non-retryable errors.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "elb:ModifyRule|TargetGroupNotFound|One or more target groups not found",
      "elb:ModifyListener|TargetGroupNotFound|One or more target groups not found",
      "elb:DeleteTargetGroup|ResourceInUse|Target group 'arn' is currently in use by a listener or a rule",
      "ecs:CreateTaskSet|InvalidParameterException|The target group with targetGroupArn arn does not have an"
          + " associated load balancer."})
  void answersOfAControlPlaneThatHasNotCaughtUpAreRetriedSoon(String operation, String code, String message) {
    AwsException e = AwsErrors.translate(operation, service(400, code, message));

    assertThat(e).isInstanceOf(AwsNotYetVisibleException.class);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.errorCode()).isEqualTo(code);
  }

  @Test
  void theSameCodesElsewhereKeepTheirMeaning() {
    assertThat(AwsErrors.translate("elb:DescribeTargetGroups", service(400, "TargetGroupNotFound", "gone")))
        .isExactlyInstanceOf(AwsNotFoundException.class);
    assertThat(AwsErrors.translate("ecs:CreateTaskSet", service(400, "InvalidParameterException",
        "5 deployments exist on the service."))).isExactlyInstanceOf(AwsException.class);
  }

  /** Seen twice in AwsFaultsTest with a 50 ms attempt timeout (bare and wrapped): it escaped the gateway and failed the run. */
  @Test
  void aNullPointerExceptionFromTheJdksHttpClientIsANetworkFailure() {
    NullPointerException jdk = new NullPointerException("Cannot invoke \"sun.net.www.http.HttpClient"
        + ".getOutputStream()\" because \"this.http\" is null");
    jdk.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("sun.net.www.protocol.http.HttpURLConnection", "getOutputStream0", null, 1)});
    NullPointerException ours = new NullPointerException("a bug of teal's");

    AwsException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> AwsErrors.call("ecs:CreateTaskSet", () -> { throw jdk; }), AwsException.class);

    assertThat(e).isInstanceOf(AwsTransientException.class).hasCause(jdk);
    assertThat(e.errorCode()).isEqualTo(AwsErrors.IO_ERROR);
    RuntimeException wrapped = new RuntimeException(jdk);
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> AwsErrors.call("op", () -> { throw wrapped; })))
        .isInstanceOf(AwsTransientException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AwsErrors.call("op", () -> { throw ours; }))
        .isSameAs(ours);
  }

  /**
   * A hot NullPointerException has no frames (OmitStackTraceInFastThrow); HttpURLConnection rethrows one it
   * remembered as {@code new RuntimeException(npe)}, whose own frames say where it came from.
   */
  @Test
  void aFramelessNullPointerExceptionTheJdksHttpClientRethrowsIsANetworkFailure() {
    NullPointerException hot = new NullPointerException();
    hot.setStackTrace(new StackTraceElement[0]);
    RuntimeException remembered = new RuntimeException(hot);
    remembered.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("sun.net.www.protocol.http.HttpURLConnection", "getInputStream0", null, 1)});
    NullPointerException oursHot = new NullPointerException();
    oursHot.setStackTrace(new StackTraceElement[0]);

    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> AwsErrors.call("op", () -> { throw remembered; })))
        .isInstanceOf(AwsTransientException.class).hasCause(remembered);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AwsErrors.call("op", () -> { throw oursHot; }))
        .isSameAs(oursHot);
  }

  @Test
  void http429IsThrottlingWhateverItsCode() {
    AwsException e = AwsErrors.translate("op", service(429, "TooManyRequestsException", "slow down"));

    assertThat(e).isInstanceOfSatisfying(AwsTransientException.class, t -> assertThat(t.isThrottling()).isTrue());
  }

  @Test
  void aServerErrorWithoutACodeIsTransientAndNamedByItsStatus() {
    AwsServiceException noDetails = AwsServiceException.builder().statusCode(503).message("Service Unavailable").build();

    AwsException e = AwsErrors.translate("elb:DescribeRules", noDetails);

    assertThat(e).isInstanceOfSatisfying(AwsTransientException.class, t -> assertThat(t.isThrottling()).isFalse());
    assertThat(e.errorCode()).isEqualTo("HTTP503");
    assertThat(e.getMessage()).isEqualTo("elb:DescribeRules: Service Unavailable");
  }

  @Test
  void timeoutsAndNetworkFailuresAreTransientWithTheirOwnCodes() {
    assertThat(AwsErrors.translate("op", ApiCallTimeoutException.create(1000)))
        .isInstanceOf(AwsTransientException.class).extracting(AwsException::errorCode)
        .isEqualTo(AwsErrors.API_CALL_TIMEOUT);
    assertThat(AwsErrors.translate("op", ApiCallAttemptTimeoutException.create(1000)))
        .isInstanceOf(AwsTransientException.class).extracting(AwsException::errorCode)
        .isEqualTo(AwsErrors.API_CALL_ATTEMPT_TIMEOUT);
    assertThat(AwsErrors.translate("op", SdkClientException.create("Unable to execute HTTP request",
        new IOException("Connection reset")))).isInstanceOf(AwsTransientException.class)
        .extracting(AwsException::errorCode).isEqualTo(AwsErrors.IO_ERROR);
  }

  @Test
  void aClientFailureWithoutAnIoCauseIsTransientButNotCalledAnIoError() {
    AwsException e = AwsErrors.translate("op",
        SdkClientException.create("Unable to load credentials from any of the providers in the chain"));

    assertThat(e).isInstanceOf(AwsTransientException.class);
    assertThat(e.errorCode()).isEqualTo(AwsErrors.SDK_CLIENT_ERROR);
  }

  @Test
  void anSdkFailureMarkedNonRetryableIsNotRetryable() {
    AwsException e = AwsErrors.translate("op", NonRetryableException.create("checksum mismatch"));

    assertThat(e).isExactlyInstanceOf(AwsException.class);
    assertThat(e.errorCode()).isEqualTo(AwsErrors.SDK_ERROR);
  }

  @Test
  void theOriginalExceptionIsKeptAsTheCause() {
    AwsServiceException original = service(400, "ValidationError", "bad");

    assertThat(AwsErrors.translate("op", original)).hasCause(original);
  }

  private static AwsServiceException service(int status, String code, String message) {
    return AwsServiceException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
  }
}
