package dev.teal.aws.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.teal.aws.sdk.AwsWireMock.ecs;
import static dev.teal.aws.sdk.AwsWireMock.ecsError;
import static dev.teal.aws.sdk.AwsWireMock.ecsOk;
import static dev.teal.aws.sdk.AwsWireMock.ecsRequests;
import static dev.teal.aws.sdk.AwsWireMock.elb;
import static dev.teal.aws.sdk.AwsWireMock.elbError;
import static dev.teal.aws.sdk.AwsWireMock.elbOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.teal.aws.AwsCallListener;
import dev.teal.aws.AwsException;
import dev.teal.aws.AwsTransientException;
import dev.teal.aws.sdk.AwsClientSettings.RetryMode;
import dev.teal.aws.sdk.AwsClientSettings.StaticCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sts.StsClient;

class AwsClientsTest {

  @RegisterExtension
  static WireMockExtension wm = AwsWireMock.server();

  private static final String NO_SERVICES = "{\"services\": [], \"failures\": []}";

  record Call(String operation, String outcome, Duration latency) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AwsCallListener recording = (operation, outcome, latency) -> calls.add(new Call(operation, outcome, latency));

  // ---- the metrics hook -----------------------------------------------------------------------

  @Test
  void theListenerHearsOneOkPerCallEvenWhenTheSdkRetried() {
    throttleTwiceThenAnswer("DescribeServices", NO_SERVICES);

    try (EcsClient client = clients(AwsWireMock.settings(wm, recording)).newEcsClient()) {
      new SdkEcsGateway(client).describeService("prod", "web");
    }

    assertThat(ecsRequests(wm, "DescribeServices")).hasSize(3);
    assertThat(calls).singleElement().satisfies(call -> {
      assertThat(call.operation()).isEqualTo("ecs:DescribeServices");
      assertThat(call.outcome()).isEqualTo(AwsCallListener.OK);
      assertThat(call.latency()).isPositive();
    });
  }

  @Test
  void theListenerHearsTheErrorCodeOfAFailedCall() {
    wm.stubFor(elb("DeleteTargetGroup").willReturn(elbError(400, "ResourceInUse",
        "Target group is currently in use by a listener or a rule")));

    try (ElasticLoadBalancingV2Client client = clients(AwsWireMock.settings(wm, recording)).newElbClient()) {
      assertThatThrownBy(() -> new SdkElbGateway(client).deleteTargetGroup(ElbFixtures.GREEN_TG))
          .isInstanceOf(AwsException.class);
    }

    assertThat(calls).extracting(Call::operation, Call::outcome)
        .containsExactly(tuple("elb:DeleteTargetGroup", "ResourceInUse"));
  }

  @Test
  void theListenerHearsIoErrorForACallThatGotNoAnswer() {
    wm.stubFor(ecs("DescribeServices").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    try (EcsClient client = clients(AwsWireMock.settings(wm, recording)).newEcsClient()) {
      assertThatThrownBy(() -> new SdkEcsGateway(client).describeService("prod", "web"))
          .isInstanceOf(AwsTransientException.class);
    }

    assertThat(calls).extracting(Call::outcome).containsExactly(AwsErrors.IO_ERROR);
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheCall() {
    wm.stubFor(ecs("DescribeServices").willReturn(ecsOk(NO_SERVICES)));
    AwsCallListener broken = (operation, outcome, latency) -> {
      throw new IllegalStateException("metrics registry closed");
    };

    try (EcsClient client = clients(AwsWireMock.settings(wm, broken)).newEcsClient()) {
      assertThat(new SdkEcsGateway(client).describeService("prod", "web")).isEmpty();
    }
  }

  // ---- retries ----------------------------------------------------------------------------------

  @Test
  void maxAttemptsIsConfigurable() {
    wm.stubFor(ecs("DescribeServices").willReturn(ecsError(500, "ServerException", "Service unavailable.")));

    try (EcsClient client = clients(AwsWireMock.settings(wm, recording).withRetries(RetryMode.STANDARD, 5))
        .newEcsClient()) {
      assertThatThrownBy(() -> new SdkEcsGateway(client).describeService("prod", "web"))
          .isInstanceOf(AwsTransientException.class);
    }

    assertThat(ecsRequests(wm, "DescribeServices")).hasSize(5);
  }

  @Test
  void oneAttemptMeansNoRetry() {
    wm.stubFor(ecs("DescribeServices").willReturn(ecsError(400, "ThrottlingException", "Rate exceeded")));

    try (EcsClient client = clients(AwsWireMock.settings(wm, recording).withRetries(RetryMode.STANDARD, 1))
        .newEcsClient()) {
      assertThatThrownBy(() -> new SdkEcsGateway(client).describeService("prod", "web"))
          .isInstanceOfSatisfying(AwsTransientException.class, e -> assertThat(e.isThrottling()).isTrue());
    }

    assertThat(ecsRequests(wm, "DescribeServices")).hasSize(1);
  }

  @Test
  void theAdaptiveModeRetriesToo() {
    // Server errors, not throttling: after throttling, ADAPTIVE also rate-limits the client on its own
    // (seconds of waiting), which is its point in production and no use in a unit test.
    wm.stubFor(ecs("DescribeServices").inScenario("failing").whenScenarioStateIs(STARTED)
        .willReturn(ecsError(500, "ServerException", "Service unavailable.")).willSetStateTo("recovered"));
    wm.stubFor(ecs("DescribeServices").inScenario("failing").whenScenarioStateIs("recovered")
        .willReturn(ecsOk(NO_SERVICES)));

    try (EcsClient client = clients(AwsWireMock.settings(wm, recording).withRetries(RetryMode.ADAPTIVE, 3))
        .newEcsClient()) {
      assertThat(new SdkEcsGateway(client).describeService("prod", "web")).isEmpty();
    }

    assertThat(ecsRequests(wm, "DescribeServices")).hasSize(2);
  }

  // ---- region, credentials, endpoints ---------------------------------------------------------

  @Test
  void requestsAreSignedWithTheGivenCredentialsForTheGivenRegion() {
    wm.stubFor(ecs("DescribeServices").willReturn(ecsOk(NO_SERVICES)));
    wm.stubFor(elb("DescribeTargetHealth").willReturn(elbOk("DescribeTargetHealth", "<TargetHealthDescriptions/>")));
    AwsClientSettings settings = AwsWireMock.settings(wm, recording).withRegion(Region.EU_WEST_1)
        .withStaticCredentials(new StaticCredentials("AKIDSESSION", "secret", Optional.of("session-token")));

    AwsClients clients = clients(settings);
    try (EcsClient ecs = clients.newEcsClient(); ElasticLoadBalancingV2Client elb = clients.newElbClient()) {
      new SdkEcsGateway(ecs).describeService("prod", "web");
      new SdkElbGateway(elb).describeTargetHealth(ElbFixtures.GREEN_TG);
    }

    List<String> authorizations = wm.getAllServeEvents().stream()
        .map(e -> e.getRequest().getHeader("Authorization")).toList();
    assertThat(authorizations).hasSize(2).anySatisfy(a -> assertThat(a)
        .contains("Credential=AKIDSESSION/").contains("/eu-west-1/ecs/aws4_request"));
    assertThat(authorizations).anySatisfy(a -> assertThat(a).contains("/eu-west-1/elasticloadbalancing/aws4_request"));
    assertThat(wm.getAllServeEvents()).allSatisfy(e ->
        assertThat(e.getRequest().getHeader("X-Amz-Security-Token")).isEqualTo("session-token"));
  }

  @Test
  void withoutAnOverrideTheSdkFindsTheEndpointItself() {
    // The SDK reads AWS_ENDPOINT_URL (or the aws.endpointUrl system property); the factory must not
    // get in its way when no endpoint is configured.
    wm.stubFor(ecs("DescribeServices").willReturn(ecsOk(NO_SERVICES)));
    AwsClientSettings settings = AwsClientSettings.defaults().withRegion(Region.US_EAST_1)
        .withStaticCredentials(StaticCredentials.of("AKIDTEALTEST", "test-secret"));
    String previous = System.getProperty("aws.endpointUrl");
    System.setProperty("aws.endpointUrl", wm.baseUrl());
    try (EcsClient client = clients(settings).newEcsClient()) {
      assertThat(new SdkEcsGateway(client).describeService("prod", "web")).isEmpty();
    } finally {
      if (previous == null) {
        System.clearProperty("aws.endpointUrl");
      } else {
        System.setProperty("aws.endpointUrl", previous);
      }
    }

    assertThat(ecsRequests(wm, "DescribeServices")).hasSize(1);
  }

  @Test
  void everyServiceClientGoesToItsConfiguredEndpoint() {
    wm.stubFor(post("/").withFormParam("Action",
            equalTo("GetCallerIdentity"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>arn:aws:sts::123456789012:assumed-role/teal/daemon</Arn>
                <UserId>AROAEXAMPLE:daemon</UserId>
                <Account>123456789012</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>""")));

    AwsClients clients = clients(AwsWireMock.settings(wm, recording));
    try (StsClient sts = clients.newStsClient(); var dynamo = clients.newDynamoDbClient();
        var streams = clients.newDynamoDbStreamsClient()) {
      assertThat(sts.getCallerIdentity().account()).isEqualTo("123456789012");
      assertThat(dynamo).isNotNull();
      assertThat(streams).isNotNull();
    }

    assertThat(calls).extracting(Call::operation, Call::outcome)
        .containsExactly(tuple("sts:GetCallerIdentity", AwsCallListener.OK));
  }

  // ---- settings ---------------------------------------------------------------------------------

  @Test
  void settingsRefuseNoAttemptsAndAnAttemptLongerThanTheCall() {
    AwsClientSettings defaults = AwsClientSettings.defaults();

    assertThatThrownBy(() -> defaults.withRetries(RetryMode.STANDARD, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> defaults.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiCallAttemptTimeout");
  }

  @Test
  void staticCredentialsKeepTheSecretOutOfToString() {
    StaticCredentials credentials = StaticCredentials.of("AKIDTEALTEST", "very-secret");

    assertThat(credentials.toString()).contains("AKIDTEALTEST").doesNotContain("very-secret");
    assertThat(AwsClientSettings.defaults().withStaticCredentials(credentials).toString())
        .doesNotContain("very-secret");
  }

  private static AwsClients clients(AwsClientSettings settings) {
    return new AwsClients(settings);
  }

  private static void throttleTwiceThenAnswer(String operation, String json) {
    wm.stubFor(ecs(operation).inScenario("throttled").whenScenarioStateIs(STARTED)
        .willReturn(ecsError(400, "ThrottlingException", "Rate exceeded")).willSetStateTo("once"));
    wm.stubFor(ecs(operation).inScenario("throttled").whenScenarioStateIs("once")
        .willReturn(ecsError(400, "ThrottlingException", "Rate exceeded")).willSetStateTo("twice"));
    wm.stubFor(ecs(operation).inScenario("throttled").whenScenarioStateIs("twice").willReturn(ecsOk(json)));
  }
}
