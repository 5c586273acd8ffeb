package dev.teal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the CLI may skip the SDK's TLS set-up: only when the SDK will send the service to a plain-http endpoint. */
class CliHttpClientsTest {

  @ParameterizedTest(name = "{0} / {1} / ignore={2} -> plain {3}")
  @CsvSource(nullValues = "-", value = {
      // service endpoint, global endpoint, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, plain http?
      "http://127.0.0.1:8000,  -,                        -,    true",
      "-,                      http://127.0.0.1:4566,    -,    true",
      "HTTP://localhost:8000,  -,                        -,    true",
      "https://dynamodb.eu-west-1.amazonaws.com, http://127.0.0.1:4566, -, false", // the service's own wins, as in the SDK
      "-,                      https://vpce.example.com, -,    false",
      "-,                      -,                        -,    false",              // real AWS: the SDK resolves it
      "http://127.0.0.1:8000,  -,                        true, false",              // the SDK ignores both then
      "'',                     http://127.0.0.1:4566,    -,    true"})
  void plainOnlyForAnHttpEndpointTheSdkWillUse(String service, String global, String ignore, boolean plain) {
    Map<String, String> env = new HashMap<>();
    if (service != null) {
      env.put("AWS_ENDPOINT_URL_DYNAMODB", service);
    }
    if (global != null) {
      env.put("AWS_ENDPOINT_URL", global);
    }
    if (ignore != null) {
      env.put("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", ignore);
    }
    assertThat(CliHttpClients.plainHttp("DYNAMODB", env)).isEqualTo(plain);
  }

  @Test
  void anotherServicesEndpointDoesNotCount() {
    assertThat(CliHttpClients.plainHttp("STS", Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"))).isFalse();
  }
}
