package dev.teal.aws.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.teal.aws.sdk.AwsWireMock.ecs;
import static dev.teal.aws.sdk.AwsWireMock.ecsError;
import static dev.teal.aws.sdk.AwsWireMock.ecsRequests;
import static dev.teal.aws.sdk.AwsWireMock.elb;
import static dev.teal.aws.sdk.AwsWireMock.elbError;
import static dev.teal.aws.sdk.AwsWireMock.elbOk;
import static dev.teal.aws.sdk.AwsWireMock.elbRequests;
import static dev.teal.aws.sdk.ElbFixtures.GREEN_TG;
import static dev.teal.aws.sdk.ElbFixtures.targetHealth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.teal.aws.AwsCallListener;
import dev.teal.aws.AwsException;
import dev.teal.aws.AwsNotFoundException;
import dev.teal.aws.AwsTransientException;
import dev.teal.aws.TargetGroupSettings;
import dev.teal.aws.TargetHealthCounts;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Each class of AWS failure, sent by WireMock the way AWS sends it, through the real SDK clients with
 * their retry strategy (3 attempts, 1 ms backoff): what teal sees, and how many requests it cost.
 */
class AwsFaultsTest {

  @RegisterExtension
  static WireMockExtension wm = AwsWireMock.server();

  private static final String TASK_SET = EcsFixtures.taskSetArn("ecs-svc/2");

  private EcsClient ecsClient;
  private ElasticLoadBalancingV2Client elbClient;
  private SdkEcsGateway ecs;
  private SdkElbGateway elb;

  @BeforeEach
  void setUp() {
    AwsClients clients = new AwsClients(AwsWireMock.settings(wm, AwsCallListener.NONE));
    ecsClient = clients.newEcsClient();
    elbClient = clients.newElbClient();
    ecs = new SdkEcsGateway(ecsClient);
    elb = new SdkElbGateway(elbClient);
  }

  @AfterEach
  void tearDown() {
    ecsClient.close();
    elbClient.close();
  }

  @Test
  void ecsServiceNotFoundIsNotFoundAndIsNotRetried() {
    wm.stubFor(ecs("UpdateTaskSet").willReturn(ecsError(400, "ServiceNotFoundException", "Service not found.")));

    AwsNotFoundException e = catchThrowableOfType(AwsNotFoundException.class,
        () -> ecs.updateTaskSetScale("prod", "web", TASK_SET, 50));

    assertThat(e.operation()).isEqualTo("ecs:UpdateTaskSet");
    assertThat(e.errorCode()).isEqualTo("ServiceNotFoundException");
    assertThat(e.getMessage()).isEqualTo("ecs:UpdateTaskSet: Service not found.");
    assertThat(e.isRetryable()).isFalse();
    assertThat(ecsRequests(wm, "UpdateTaskSet")).hasSize(1);
  }

  @Test
  void ecsThrottlingIsRetriedByTheSdkAndThenReportedAsThrottling() {
    wm.stubFor(ecs("UpdateTaskSet").willReturn(ecsError(400, "ThrottlingException", "Rate exceeded")));

    AwsTransientException e = catchThrowableOfType(AwsTransientException.class,
        () -> ecs.updateTaskSetScale("prod", "web", TASK_SET, 50));

    assertThat(e.isThrottling()).isTrue();
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.errorCode()).isEqualTo("ThrottlingException");
    assertThat(ecsRequests(wm, "UpdateTaskSet")).hasSize(3);
  }

  @Test
  void elbThrottledTwiceThenAnsweredSucceedsAfterThreeRequests() {
    wm.stubFor(elb("DescribeTargetHealth").inScenario("throttled").whenScenarioStateIs(STARTED)
        .willReturn(elbError(400, "Throttling", "Rate exceeded")).willSetStateTo("once"));
    wm.stubFor(elb("DescribeTargetHealth").inScenario("throttled").whenScenarioStateIs("once")
        .willReturn(elbError(400, "Throttling", "Rate exceeded")).willSetStateTo("twice"));
    wm.stubFor(elb("DescribeTargetHealth").inScenario("throttled").whenScenarioStateIs("twice")
        .willReturn(elbOk("DescribeTargetHealth", "<TargetHealthDescriptions>" + targetHealth("10.0.1.10", "healthy")
            + "</TargetHealthDescriptions>")));

    TargetHealthCounts counts = elb.describeTargetHealth(GREEN_TG);

    assertThat(counts.healthy()).isEqualTo(1);
    assertThat(elbRequests(wm, "DescribeTargetHealth")).hasSize(3);
  }

  @Test
  void elbThrottlingThatOutlastsTheRetriesIsTransientWithThrottling() {
    wm.stubFor(elb("DescribeTargetHealth").willReturn(elbError(400, "Throttling", "Rate exceeded")));

    AwsTransientException e = catchThrowableOfType(AwsTransientException.class,
        () -> elb.describeTargetHealth(GREEN_TG));

    assertThat(e.isThrottling()).isTrue();
    assertThat(e.operation()).isEqualTo("elb:DescribeTargetHealth");
    assertThat(e.errorCode()).isEqualTo("Throttling");
    assertThat(elbRequests(wm, "DescribeTargetHealth")).hasSize(3);
  }

  @Test
  void aServerErrorIsTransientButNotThrottling() {
    wm.stubFor(ecs("UpdateTaskSet").willReturn(ecsError(500, "ServerException", "Service unavailable.")));

    AwsTransientException e = catchThrowableOfType(AwsTransientException.class,
        () -> ecs.updateTaskSetScale("prod", "web", TASK_SET, 50));

    assertThat(e.isThrottling()).isFalse();
    assertThat(e.errorCode()).isEqualTo("ServerException");
    assertThat(ecsRequests(wm, "UpdateTaskSet")).hasSize(3);
  }

  @Test
  void anElbServiceUnavailableIsTransient() {
    wm.stubFor(elb("DeleteTargetGroup").willReturn(elbError(503, "ServiceUnavailable", "Service is unavailable")));

    AwsTransientException e = catchThrowableOfType(AwsTransientException.class,
        () -> elb.deleteTargetGroup(GREEN_TG));

    assertThat(e.isThrottling()).isFalse();
    assertThat(e.errorCode()).isEqualTo("ServiceUnavailable");
  }

  @Test
  void aConnectionResetIsATransientIoError() {
    wm.stubFor(ecs("UpdateTaskSet").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    AwsTransientException e = catchThrowableOfType(AwsTransientException.class,
        () -> ecs.updateTaskSetScale("prod", "web", TASK_SET, 50));

    assertThat(e.errorCode()).isEqualTo(AwsErrors.IO_ERROR);
    assertThat(e.isThrottling()).isFalse();
    assertThat(ecsRequests(wm, "UpdateTaskSet")).hasSize(3);
  }

  @Test
  void aValidationErrorIsSentOnceAndCarriesAwsCodeAndMessage() {
    wm.stubFor(elb("CreateTargetGroup").willReturn(elbError(400, "ValidationError",
        "Health check interval must be greater than the timeout.")));

    AwsException e = catchThrowableOfType(AwsException.class,
        () -> elb.createTargetGroup("teal-web-1", settings(), Map.of()));

    assertThat(e).isExactlyInstanceOf(AwsException.class);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.operation()).isEqualTo("elb:CreateTargetGroup");
    assertThat(e.errorCode()).isEqualTo("ValidationError");
    assertThat(e.getMessage()).contains("Health check interval must be greater than the timeout.");
    assertThat(elbRequests(wm, "CreateTargetGroup")).hasSize(1);
  }

  @Test
  void aQuotaErrorIsNotRetryable() {
    wm.stubFor(elb("CreateTargetGroup").willReturn(elbError(400, "TooManyTargetGroups",
        "You have reached the maximum number of target groups allowed for your account")));

    AwsException e = catchThrowableOfType(AwsException.class,
        () -> elb.createTargetGroup("teal-web-1", settings(), Map.of()));

    assertThat(e).isExactlyInstanceOf(AwsException.class);
    assertThat(e.errorCode()).isEqualTo("TooManyTargetGroups");
    assertThat(elbRequests(wm, "CreateTargetGroup")).hasSize(1);
  }

  @Test
  void accessDeniedIsNotRetryable() {
    wm.stubFor(elb("DeleteTargetGroup").willReturn(elbError(403, "AccessDenied",
        "User: arn:aws:sts::123456789012:assumed-role/teal/daemon is not authorized to perform: "
            + "elasticloadbalancing:DeleteTargetGroup")));

    AwsException e = catchThrowableOfType(AwsException.class, () -> elb.deleteTargetGroup(GREEN_TG));

    assertThat(e).isExactlyInstanceOf(AwsException.class);
    assertThat(e.errorCode()).isEqualTo("AccessDenied");
    assertThat(elbRequests(wm, "DeleteTargetGroup")).hasSize(1);
  }

  @Test
  void anEcsClientExceptionIsNotRetryable() {
    wm.stubFor(ecs("UpdateServicePrimaryTaskSet").willReturn(ecsError(400, "ClientException",
        "The specified task set is not in a state that allows it to become primary.")));

    AwsException e = catchThrowableOfType(AwsException.class,
        () -> ecs.updateServicePrimaryTaskSet("prod", "web", TASK_SET));

    assertThat(e).isExactlyInstanceOf(AwsException.class);
    assertThat(e.errorCode()).isEqualTo("ClientException");
    assertThat(ecsRequests(wm, "UpdateServicePrimaryTaskSet")).hasSize(1);
  }

  @Test
  void anEcsInvalidParameterIsNotRetryable() {
    wm.stubFor(ecs("UpdateTaskSet").willReturn(ecsError(400, "InvalidParameterException",
        "Scale value must be between 0 and 100.")));

    AwsException e = catchThrowableOfType(AwsException.class,
        () -> ecs.updateTaskSetScale("prod", "web", TASK_SET, 150));

    assertThat(e).isExactlyInstanceOf(AwsException.class);
    assertThat(e.errorCode()).isEqualTo("InvalidParameterException");
    assertThat(ecsRequests(wm, "UpdateTaskSet")).hasSize(1);
  }

  @Test
  void anAttemptThatTakesTooLongIsRetriedThenTransient() {
    wm.stubFor(ecs("UpdateTaskSet").willReturn(aResponse().withFixedDelay(600).withStatus(200).withBody("{}")));
    try (EcsClient slow = new AwsClients(AwsWireMock.settings(wm, AwsCallListener.NONE)
        .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(150))
        .withRetries(AwsClientSettings.RetryMode.STANDARD, 2)).newEcsClient()) {

      AwsTransientException e = catchThrowableOfType(AwsTransientException.class,
          () -> new SdkEcsGateway(slow).updateTaskSetScale("prod", "web", TASK_SET, 50));

      assertThat(e.errorCode()).isEqualTo(AwsErrors.API_CALL_ATTEMPT_TIMEOUT);
      assertThat(ecsRequests(wm, "UpdateTaskSet")).hasSize(2);
    }
  }

  @Test
  void aCallThatOutlastsItsBudgetIsTransient() {
    wm.stubFor(ecs("UpdateTaskSet").willReturn(aResponse().withFixedDelay(600).withStatus(200).withBody("{}")));
    try (EcsClient slow = new AwsClients(AwsWireMock.settings(wm, AwsCallListener.NONE)
        .withTimeouts(Duration.ofMillis(250), Duration.ofMillis(150))).newEcsClient()) {

      AwsTransientException e = catchThrowableOfType(AwsTransientException.class,
          () -> new SdkEcsGateway(slow).updateTaskSetScale("prod", "web", TASK_SET, 50));

      assertThat(e.errorCode()).isEqualTo(AwsErrors.API_CALL_TIMEOUT);
    }
  }

  private static TargetGroupSettings settings() {
    return new TargetGroupSettings("vpc-0a1b2c3d4e5f60718", 8080, "HTTP", "/healthz", 5, 10, 3, 2, "200", 300);
  }
}
