package dev.teal.aws.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.EqualToJsonPattern;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.teal.aws.AwsCallListener;
import dev.teal.aws.sdk.AwsClientSettings.StaticCredentials;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/**
 * WireMock as an AWS endpoint: ECS speaks JSON 1.1 (X-Amz-Target picks the operation), ELBv2 speaks the
 * Query protocol (a form-encoded POST whose Action picks it, XML answers). Stubs match on the operation
 * only; the tests then read the exact request back from WireMock's journal.
 */
final class AwsWireMock {

  static final String ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
  static final String ECS_CONTENT_TYPE = "application/x-amz-json-1.1";
  static final String ELB_NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
  static final String ELB_VERSION = "2015-12-01";

  private AwsWireMock() {}

  static WireMockExtension server() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
        .build();
  }

  /** Fast retries (1 ms backoff) so retry tests take no time; short timeouts so nothing hangs. */
  static AwsClientSettings settings(WireMockExtension wm, AwsCallListener listener) {
    return AwsClientSettings.defaults()
        .withRegion(Region.US_EAST_1)
        .withEndpointForAll(URI.create(wm.baseUrl()))
        .withStaticCredentials(StaticCredentials.of("AKIDTEALTEST", "test-secret"))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2))
        .withBackoff(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(5))
        .withListener(listener);
  }

  // ---- ECS (JSON 1.1) -------------------------------------------------------------------------

  static MappingBuilder ecs(String operation) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(ECS_TARGET_PREFIX + operation));
  }

  static ResponseDefinitionBuilder ecsOk(String json) {
    return aResponse().withStatus(200).withHeader("Content-Type", ECS_CONTENT_TYPE).withBody(json);
  }

  /** An ECS error as AWS sends it: the code in {@code __type}, HTTP 400 for client errors. */
  static ResponseDefinitionBuilder ecsError(int status, String type, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", ECS_CONTENT_TYPE)
        .withHeader("x-amzn-RequestId", "5f2b1c7e-0d1f-4c55-9f0e-2a8e3b9c1d00")
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }

  static void ecsReturns(WireMockExtension wm, String operation, String json) {
    wm.stubFor(ecs(operation).willReturn(ecsOk(json)));
  }

  static List<LoggedRequest> ecsRequests(WireMockExtension wm, String operation) {
    return wm.findAll(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo(ECS_TARGET_PREFIX + operation)));
  }

  /** Exactly one request for {@code operation}, with exactly this JSON body (no field more or less). */
  static void assertOneEcsRequest(WireMockExtension wm, String operation, String expectedJson) {
    List<LoggedRequest> requests = ecsRequests(wm, operation);
    assertThat(requests).as("requests for %s", operation).hasSize(1);
    assertEcsBody(requests.get(0), expectedJson);
  }

  static void assertEcsBody(LoggedRequest request, String expectedJson) {
    String body = request.getBodyAsString();
    assertThat(request.getHeader("Content-Type")).isEqualTo(ECS_CONTENT_TYPE);
    assertThat(new EqualToJsonPattern(expectedJson, false, false).match(body).isExactMatch())
        .as("request body %s%nexpected %s", body, expectedJson).isTrue();
  }

  // ---- ELBv2 (Query + XML) ----------------------------------------------------------------------

  static MappingBuilder elb(String action) {
    return post(urlEqualTo("/")).withFormParam("Action", equalTo(action));
  }

  /** A successful answer: {@code <ActionResponse><ActionResult>result</ActionResult>...}. */
  static ResponseDefinitionBuilder elbOk(String action, String result) {
    String xml = "<" + action + "Response xmlns=\"" + ELB_NAMESPACE + "\">\n"
        + "  <" + action + "Result>\n" + result + "\n  </" + action + "Result>\n"
        + "  <ResponseMetadata><RequestId>9c3f7a0e-6b1d-4a8e-8c2f-1f0e2d3c4b5a</RequestId></ResponseMetadata>\n"
        + "</" + action + "Response>";
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(xml);
  }

  /** An ELB error as AWS sends it: {@code <ErrorResponse><Error><Type><Code><Message>}. */
  static ResponseDefinitionBuilder elbError(int status, String code, String message) {
    String type = status >= 500 ? "Receiver" : "Sender";
    String xml = "<ErrorResponse xmlns=\"" + ELB_NAMESPACE + "\">\n"
        + "  <Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>\n"
        + "  <RequestId>0d6c2b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f</RequestId>\n"
        + "</ErrorResponse>";
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(xml);
  }

  static void elbReturns(WireMockExtension wm, String action, String result) {
    wm.stubFor(elb(action).willReturn(elbOk(action, result)));
  }

  /** The decoded form parameters of every request for {@code action}, oldest first. */
  static List<Map<String, String>> elbRequests(WireMockExtension wm, String action) {
    return wm.findAll(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo(action))).stream()
        .map(AwsWireMock::form).toList();
  }

  static Map<String, String> oneElbRequest(WireMockExtension wm, String action) {
    List<Map<String, String>> requests = elbRequests(wm, action);
    assertThat(requests).as("requests for %s", action).hasSize(1);
    return requests.get(0);
  }

  static Map<String, String> form(LoggedRequest request) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  /** Action and Version, which every ELB request carries, plus {@code rest}. */
  static Map<String, String> elbParams(String action, Map<String, String> rest) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Action", action);
    all.put("Version", ELB_VERSION);
    all.putAll(rest);
    return all;
  }
}
