package dev.teal.aws.sdk;

import dev.teal.aws.AwsCallListener;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * How {@link AwsClients} builds SDK clients. Start from {@link #defaults()} and change what differs.
 *
 * @param region the region; empty means the SDK's default chain (AWS_REGION, profile, instance metadata)
 * @param endpointOverrides per-service endpoints; a service without one keeps the SDK's resolution,
 *     which honours {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>}
 * @param staticCredentials fixed keys; empty means the SDK's default credentials chain
 * @param apiCallTimeout the budget of one API call, all retries included
 * @param apiCallAttemptTimeout the budget of one HTTP attempt
 * @param retryMode STANDARD (exponential backoff with jitter) or ADAPTIVE (also rate-limits the client
 *     after throttling)
 * @param maxAttempts attempts per API call, the first included
 * @param baseDelay backoff base for retried errors other than throttling
 * @param throttlingBaseDelay backoff base after a throttling error; AWS asks for a longer one
 * @param maxBackoff the longest single backoff
 * @param listener told about each API call's final outcome
 */
public record AwsClientSettings(
    Optional<Region> region,
    Map<AwsService, URI> endpointOverrides,
    Optional<StaticCredentials> staticCredentials,
    Duration apiCallTimeout,
    Duration apiCallAttemptTimeout,
    RetryMode retryMode,
    int maxAttempts,
    Duration baseDelay,
    Duration throttlingBaseDelay,
    Duration maxBackoff,
    AwsCallListener listener) {

  /** The services teal talks to, with the prefix used in operation names ({@code ecs:CreateTaskSet}). */
  public enum AwsService {
    ECS("ecs"), ELB("elb"), APPLICATION_AUTOSCALING("application-autoscaling"), STS("sts"), DYNAMODB("dynamodb"),
    DYNAMODB_STREAMS("dynamodbstreams"), EVENTS("events"), SSM("ssm"), SECRETS_MANAGER("secretsmanager"),
    CLOUDWATCH("cloudwatch"), LAMBDA("lambda");

    private final String prefix;

    AwsService(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }
  }

  public enum RetryMode { STANDARD, ADAPTIVE }

  /** Fixed credentials, for the sandbox and tests; the secret stays out of {@code toString}. */
  public record StaticCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {

    public StaticCredentials {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      Objects.requireNonNull(sessionToken, "sessionToken");
    }

    public static StaticCredentials of(String accessKeyId, String secretAccessKey) {
      return new StaticCredentials(accessKeyId, secretAccessKey, Optional.empty());
    }

    @Override
    public String toString() {
      return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
  }

  public AwsClientSettings {
    Objects.requireNonNull(region, "region");
    endpointOverrides = Map.copyOf(endpointOverrides);
    Objects.requireNonNull(staticCredentials, "staticCredentials");
    Objects.requireNonNull(retryMode, "retryMode");
    Objects.requireNonNull(listener, "listener");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1 (the first attempt), was " + maxAttempts);
    }
    if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
      throw new IllegalArgumentException("apiCallAttemptTimeout (" + apiCallAttemptTimeout
          + ") must not exceed apiCallTimeout (" + apiCallTimeout + "), or retries could never happen");
    }
  }

  /**
   * The SDK's standard retry behaviour (3 attempts, 100 ms base, 1 s after throttling, 20 s at most),
   * a 30 s budget per call and 10 s per attempt, region and credentials from the default chains.
   */
  public static AwsClientSettings defaults() {
    return new AwsClientSettings(Optional.empty(), Map.of(), Optional.empty(), Duration.ofSeconds(30),
        Duration.ofSeconds(10), RetryMode.STANDARD, 3, Duration.ofMillis(100), Duration.ofSeconds(1),
        Duration.ofSeconds(20), AwsCallListener.NONE);
  }

  public Optional<URI> endpointOverride(AwsService service) {
    return Optional.ofNullable(endpointOverrides.get(service));
  }

  public AwsClientSettings withRegion(Region newRegion) {
    return new AwsClientSettings(Optional.of(newRegion), endpointOverrides, staticCredentials, apiCallTimeout,
        apiCallAttemptTimeout, retryMode, maxAttempts, baseDelay, throttlingBaseDelay, maxBackoff, listener);
  }

  public AwsClientSettings withEndpoint(AwsService service, URI endpoint) {
    var endpoints = new EnumMap<AwsService, URI>(AwsService.class);
    endpoints.putAll(endpointOverrides);
    endpoints.put(service, endpoint);
    return new AwsClientSettings(region, endpoints, staticCredentials, apiCallTimeout, apiCallAttemptTimeout,
        retryMode, maxAttempts, baseDelay, throttlingBaseDelay, maxBackoff, listener);
  }

  /** The same endpoint for every service, as the sandbox serves them all on one port. */
  public AwsClientSettings withEndpointForAll(URI endpoint) {
    AwsClientSettings settings = this;
    for (AwsService service : AwsService.values()) {
      settings = settings.withEndpoint(service, endpoint);
    }
    return settings;
  }

  public AwsClientSettings withStaticCredentials(StaticCredentials credentials) {
    return new AwsClientSettings(region, endpointOverrides, Optional.of(credentials), apiCallTimeout,
        apiCallAttemptTimeout, retryMode, maxAttempts, baseDelay, throttlingBaseDelay, maxBackoff, listener);
  }

  public AwsClientSettings withTimeouts(Duration perCall, Duration perAttempt) {
    return new AwsClientSettings(region, endpointOverrides, staticCredentials, perCall, perAttempt, retryMode,
        maxAttempts, baseDelay, throttlingBaseDelay, maxBackoff, listener);
  }

  public AwsClientSettings withRetries(RetryMode mode, int attempts) {
    return new AwsClientSettings(region, endpointOverrides, staticCredentials, apiCallTimeout, apiCallAttemptTimeout,
        mode, attempts, baseDelay, throttlingBaseDelay, maxBackoff, listener);
  }

  public AwsClientSettings withBackoff(Duration base, Duration throttlingBase, Duration max) {
    return new AwsClientSettings(region, endpointOverrides, staticCredentials, apiCallTimeout, apiCallAttemptTimeout,
        retryMode, maxAttempts, base, throttlingBase, max, listener);
  }

  public AwsClientSettings withListener(AwsCallListener newListener) {
    return new AwsClientSettings(region, endpointOverrides, staticCredentials, apiCallTimeout, apiCallAttemptTimeout,
        retryMode, maxAttempts, baseDelay, throttlingBaseDelay, maxBackoff, newListener);
  }
}
