package dev.teal.aws.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.teal.aws.AwsCallListener;
import dev.teal.aws.AwsException;
import dev.teal.aws.AwsTransientException;
import dev.teal.aws.EventBusGateway.EventEntry;
import dev.teal.aws.EventBusGateway.PutResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The notification gateways' contract with AWS, on WireMock: what SSM GetParameter, Secrets Manager
 * GetSecretValue and EventBridge PutEvents are sent, and how their answers and errors are read.
 */
class SdkSecretsAndEventsGatewayTest {

  @RegisterExtension
  static WireMockExtension wm = AwsWireMock.server();

  SsmClient ssm;
  SecretsManagerClient secretsManager;
  EventBridgeClient eventBridge;

  @BeforeEach
  void clients() {
    AwsClients clients = new AwsClients(AwsWireMock.settings(wm, AwsCallListener.NONE));
    ssm = clients.newSsmClient();
    secretsManager = clients.newSecretsManagerClient();
    eventBridge = clients.newEventBridgeClient();
  }

  @AfterEach
  void close() {
    ssm.close();
    secretsManager.close();
    eventBridge.close();
  }

  @Test
  void aParameterIsReadDecryptedAndASecretAsItsString() throws Exception {
    wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
        .willReturn(json("{\"Parameter\": {\"Name\": \"/teal/hook\", \"Type\": \"SecureString\","
            + " \"Value\": \"https://hooks.example.com/T/B/s3cret\", \"Version\": 3}}")));
    wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .willReturn(json("{\"ARN\": \"arn:aws:secretsmanager:us-east-1:000000000000:secret:teal/hook-AbC\","
            + " \"Name\": \"teal/hook\", \"SecretString\": \"https://hooks.example.com/other\"}")));
    SdkSecretsGateway secrets = new SdkSecretsGateway(() -> ssm, () -> secretsManager);

    assertThat(secrets.ssmParameter("/teal/hook")).isEqualTo("https://hooks.example.com/T/B/s3cret");
    assertThat(secrets.secretsManagerSecret("teal/hook")).isEqualTo("https://hooks.example.com/other");

    JsonNode parameterRequest = body("AmazonSSM.GetParameter");
    assertThat(parameterRequest.path("Name").asText()).isEqualTo("/teal/hook");
    assertThat(parameterRequest.path("WithDecryption").asBoolean()).isTrue();
    assertThat(body("secretsmanager.GetSecretValue").path("SecretId").asText()).isEqualTo("teal/hook");
  }

  @Test
  void aMissingParameterIsAnAwsExceptionThatNamesIt() {
    wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"__type\": \"ParameterNotFound\", \"message\": \"\"}")));

    assertThatThrownBy(() -> new SdkSecretsGateway(() -> ssm, () -> secretsManager).ssmParameter("/teal/nope"))
        .isInstanceOf(AwsException.class).satisfies(e -> {
          assertThat(((AwsException) e).errorCode()).isEqualTo("ParameterNotFound");
          assertThat(((AwsException) e).operation()).isEqualTo("ssm:GetParameter");
        });
  }

  @Test
  void putEventsSendsEveryEntryToTheBusAndReadsTheResultsPerEntry() throws Exception {
    wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
        .willReturn(json("{\"FailedEntryCount\": 1, \"Entries\": [{\"EventId\": \"e-1\"},"
            + " {\"ErrorCode\": \"ThrottlingException\", \"ErrorMessage\": \"Rate exceeded\"}]}")));

    List<PutResult> results = new SdkEventBusGateway(eventBridge).putEvents("teal", List.of(
        new EventEntry(Instant.parse("2030-01-01T00:00:00Z"), "teal", "Deployment Started", "{\"a\":1}", List.of()),
        new EventEntry(Instant.parse("2030-01-01T00:00:01Z"), "teal", "Deployment Step", "{\"b\":2}", List.of())));

    assertThat(results).containsExactly(new PutResult("e-1", null, null),
        new PutResult(null, "ThrottlingException", "Rate exceeded"));
    assertThat(results.get(1).retryable()).isTrue();
    JsonNode request = body("AWSEvents.PutEvents");
    assertThat(request.path("Entries")).hasSize(2);
    assertThat(request.at("/Entries/0/EventBusName").asText()).isEqualTo("teal");
    assertThat(request.at("/Entries/0/Source").asText()).isEqualTo("teal");
    assertThat(request.at("/Entries/1/DetailType").asText()).isEqualTo("Deployment Step");
    assertThat(request.at("/Entries/1/Detail").asText()).isEqualTo("{\"b\":2}");
  }

  @Test
  void aPutEventsThatFailsWholeIsTransientOnAServerError() {
    wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"__type\": \"InternalException\", \"message\": \"oops\"}")));

    assertThatThrownBy(() -> new SdkEventBusGateway(eventBridge).putEvents("teal", List.of(
        new EventEntry(Instant.EPOCH, "teal", "Deployment Started", "{}", List.of()))))
        .isInstanceOf(AwsTransientException.class);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }

  private static JsonNode body(String target) throws Exception {
    var requests = wm.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)));
    assertThat(requests).hasSize(1);
    return new ObjectMapper().readTree(requests.get(0).getBodyAsString());
  }
}
