package dev.teal.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import dev.teal.aws.sdk.NpeAsIoHttpClient;
import dev.teal.sandbox.http.ApiServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Real SDK v2 clients pointed at the sandbox: endpoint override, region, dummy static credentials
 * (the sandbox accepts any signature) and timeouts short enough that a held connection fails a
 * test quickly. The SDK's default retry policy is kept, so faults exercise the real retries.
 */
public final class SandboxClients {

  public static final String ACCESS_KEY_ID = "sandbox";
  public static final String SECRET_ACCESS_KEY = "sandbox-secret";
  public static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

  private SandboxClients() {
  }

  public static EcsClient ecs(URI endpoint, String region) {
    return configure(EcsClient.builder(), endpoint, region).build();
  }

  public static ElasticLoadBalancingV2Client elb(URI endpoint, String region) {
    return configure(ElasticLoadBalancingV2Client.builder(), endpoint, region).build();
  }

  public static ApplicationAutoScalingClient autoScaling(URI endpoint, String region) {
    return configure(ApplicationAutoScalingClient.builder(), endpoint, region).build();
  }

  /** As {@link #observerEcs}, for Application Auto Scaling. */
  public static ApplicationAutoScalingClient observerAutoScaling(URI endpoint, String region) {
    return configure(ApplicationAutoScalingClient.builder(), endpoint, region, SandboxClients::markObserver).build();
  }

  public static StsClient sts(URI endpoint, String region) {
    return configure(StsClient.builder(), endpoint, region).build();
  }

  public static EventBridgeClient eventBridge(URI endpoint, String region) {
    return configure(EventBridgeClient.builder(), endpoint, region).build();
  }

  public static CloudWatchClient cloudWatch(URI endpoint, String region) {
    return configure(CloudWatchClient.builder(), endpoint, region).build();
  }

  public static LambdaClient lambda(URI endpoint, String region) {
    return configure(LambdaClient.builder(), endpoint, region).build();
  }

  public static DynamoDbClient dynamoDb(URI endpoint, String region) {
    return configure(DynamoDbClient.builder(), endpoint, region).build();
  }

  public static DynamoDbStreamsClient dynamoDbStreams(URI endpoint, String region) {
    return configure(DynamoDbStreamsClient.builder(), endpoint, region).build();
  }

  /**
   * An ECS client for a test's own checks: its calls skip fault injection, throttling and the call log
   * (see {@link dev.teal.sandbox.http.ApiServer#OBSERVER_HEADER}).
   */
  public static EcsClient observerEcs(URI endpoint, String region) {
    return configure(EcsClient.builder(), endpoint, region, SandboxClients::markObserver).build();
  }

  /** As {@link #observerEcs}, for ELBv2. */
  public static ElasticLoadBalancingV2Client observerElb(URI endpoint, String region) {
    return configure(ElasticLoadBalancingV2Client.builder(), endpoint, region, SandboxClients::markObserver).build();
  }

  /** As {@link #observerEcs}, for CloudWatch: a person's or a test's SetAlarmState, not the system under test's. */
  public static CloudWatchClient observerCloudWatch(URI endpoint, String region) {
    return configure(CloudWatchClient.builder(), endpoint, region, SandboxClients::markObserver).build();
  }

  private static void markObserver(ClientOverrideConfiguration.Builder o) {
    o.putHeader(ApiServer.OBSERVER_HEADER, "true");
  }

  /** Applies the sandbox settings to any sync client builder, for callers that need more tuning. */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, URI endpoint, String region) {
    return configure(builder, endpoint, region, o -> { });
  }

  /**
   * As {@link #configure(AwsClientBuilder, URI, String)}, then {@code overrides} on top of the
   * sandbox's timeouts, e.g. {@code o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())}.
   */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, URI endpoint, String region, Consumer<ClientOverrideConfiguration.Builder> overrides) {
    return builder.endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(CREDENTIALS)
        // As teal's own clients (AwsClients): the JDK's NullPointerException on an aborted attempt is an I/O failure.
        .httpClientBuilder(NpeAsIoHttpClient.builder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(ATTEMPT_TIMEOUT)))
        .overrideConfiguration(o -> {
          o.apiCallAttemptTimeout(ATTEMPT_TIMEOUT).apiCallTimeout(Duration.ofSeconds(60));
          overrides.accept(o);
        });
  }
}
