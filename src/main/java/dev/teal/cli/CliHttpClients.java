package dev.teal.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The HTTP client behind each of the CLI's SDK clients. The SDK's url-connection client builds its TLS
 * context, loading and parsing the JDK's trust store, as it is created: about 30 ms of every command, and
 * the largest single cost of building a client. When the environment points the service at a plain
 * {@code http://} endpoint (the sandbox, through {@code AWS_ENDPOINT_URL_<SERVICE>} or {@code AWS_ENDPOINT_URL},
 * which the SDK prefers to any profile setting), no connection will use TLS, so connections are opened by the
 * JDK with the SDK's default timeouts and no TLS setup. Everything else (real AWS) gets the SDK's client as it
 * comes. Were the guess ever wrong, an https connection opened this way still uses the JDK's default TLS
 * (its trust store, hostname verification): only the SDK's proxy and custom trust settings would be missed.
 */
final class CliHttpClients {

  /** The SDK's url-connection defaults (SdkHttpConfigurationOption.CONNECTION_TIMEOUT and READ_TIMEOUT). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private CliHttpClients() {}

  /** For {@code service} as the SDK names it in environment variables: DYNAMODB, STS, ECS,
   * ELASTIC_LOAD_BALANCING_V2, APPLICATION_AUTO_SCALING. */
  static SdkHttpClient forService(String service, Map<String, String> environment) {
    return plainHttp(service, environment) ? UrlConnectionHttpClient.create(CliHttpClients::open)
        : UrlConnectionHttpClient.create();
  }

  static boolean plainHttp(String service, Map<String, String> environment) {
    if ("true".equalsIgnoreCase(environment.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
      return false;
    }
    String endpoint = environment.get("AWS_ENDPOINT_URL_" + service);
    if (endpoint == null || endpoint.isBlank()) {
      endpoint = environment.get("AWS_ENDPOINT_URL");
    }
    return endpoint != null && endpoint.strip().toLowerCase(Locale.ROOT).startsWith("http://");
  }

  private static HttpURLConnection open(URI uri) {
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
      return connection;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a connection to " + uri, e);
    }
  }
}
