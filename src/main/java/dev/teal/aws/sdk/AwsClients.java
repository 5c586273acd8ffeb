package dev.teal.aws.sdk;

import dev.teal.aws.sdk.AwsClientSettings.AwsService;
import dev.teal.aws.sdk.AwsClientSettings.StaticCredentials;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds the SDK clients teal uses, all configured the same way: the url-connection HTTP client (the
 * only one on the classpath; its NullPointerExceptions are network failures, see {@link NpeAsIoHttpClient}), region, endpoint and credentials from {@link AwsClientSettings} or the
 * SDK's default chains, call and attempt timeouts, the SDK's retry strategy with jittered backoff, and
 * a {@link CallReportingInterceptor} for metrics.
 *
 * <p>Each {@code new...Client()} returns a new client that the caller owns and closes. The clients of one
 * {@code AwsClients} share one HTTP client: the url-connection client builds a TLS context, loading and
 * parsing the JDK's trust store, each time one is built, which is the largest part of building an SDK client
 * and, five times over, of the operator's start. (Its {@code close()} does nothing: connections go back to
 * the JDK's own keep-alive cache, so sharing it leaves nothing to close.) That one is built on a virtual
 * thread from the moment this is made, while the SDK clients are built around it ({@link DeferredHttpClient}):
 * at the operator's start the trust store is read on one core while the other builds the clients.
 */
public final class AwsClients {

  private final AwsClientSettings settings;
  private final SdkHttpClient http;

  public AwsClients(AwsClientSettings settings) {
    this.settings = settings;
    this.http = NpeAsIoHttpClient.wrap(DeferredHttpClient.building(() -> UrlConnectionHttpClient.builder().build()));
  }

  /** With {@code http} under every client instead of the url-connection client (tests: a client that fails). */
  AwsClients(AwsClientSettings settings, SdkHttpClient http) {
    this.settings = settings;
    this.http = NpeAsIoHttpClient.wrap(http);
  }

  public AwsClientSettings settings() {
    return settings;
  }

  public EcsClient newEcsClient() {
    return configure(EcsClient.builder(), AwsService.ECS).build();
  }

  public ElasticLoadBalancingV2Client newElbClient() {
    return configure(ElasticLoadBalancingV2Client.builder(), AwsService.ELB).build();
  }

  public ApplicationAutoScalingClient newApplicationAutoScalingClient() {
    return configure(ApplicationAutoScalingClient.builder(), AwsService.APPLICATION_AUTOSCALING).build();
  }

  public StsClient newStsClient() {
    return configure(StsClient.builder(), AwsService.STS).build();
  }

  public DynamoDbClient newDynamoDbClient() {
    return configure(DynamoDbClient.builder(), AwsService.DYNAMODB).build();
  }

  public DynamoDbStreamsClient newDynamoDbStreamsClient() {
    return configure(DynamoDbStreamsClient.builder(), AwsService.DYNAMODB_STREAMS).build();
  }

  public EventBridgeClient newEventBridgeClient() {
    return configure(EventBridgeClient.builder(), AwsService.EVENTS).build();
  }

  public SsmClient newSsmClient() {
    return configure(SsmClient.builder(), AwsService.SSM).build();
  }

  public CloudWatchClient newCloudWatchClient() {
    return configure(CloudWatchClient.builder(), AwsService.CLOUDWATCH).build();
  }

  public LambdaClient newLambdaClient() {
    return configure(LambdaClient.builder(), AwsService.LAMBDA).build();
  }

  public SecretsManagerClient newSecretsManagerClient() {
    return configure(SecretsManagerClient.builder(), AwsService.SECRETS_MANAGER).build();
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, AwsService service) {
    builder.httpClient(http());
    // Left unset, region and endpoint fall to the SDK's own resolution (AWS_REGION, AWS_ENDPOINT_URL_*...).
    settings.region().ifPresent(builder::region);
    settings.endpointOverride(service).ifPresent(builder::endpointOverride);
    settings.staticCredentials().ifPresent(c -> builder.credentialsProvider(StaticCredentialsProvider.create(sdk(c))));
    builder.overrideConfiguration(ClientOverrideConfiguration.builder()
        .apiCallTimeout(settings.apiCallTimeout())
        .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
        .retryStrategy(retryStrategy())
        .addExecutionInterceptor(new CallReportingInterceptor(service.prefix(), settings.listener()))
        .build());
    return builder;
  }

  private SdkHttpClient http() {
    return http;
  }

  /**
   * The SDK's AWS-aware strategy (it knows which codes are throttling and which are retryable), with our
   * attempts and backoff. Both backoffs are exponential with full jitter, so many reconciles throttled
   * at once do not retry in step.
   */
  RetryStrategy retryStrategy() {
    BackoffStrategy backoff = BackoffStrategy.exponentialDelay(settings.baseDelay(), settings.maxBackoff());
    BackoffStrategy throttled = BackoffStrategy.exponentialDelay(settings.throttlingBaseDelay(), settings.maxBackoff());
    return switch (settings.retryMode()) {
      case STANDARD -> AwsRetryStrategy.standardRetryStrategy().toBuilder()
          .maxAttempts(settings.maxAttempts()).backoffStrategy(backoff).throttlingBackoffStrategy(throttled).build();
      case ADAPTIVE -> AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
          .maxAttempts(settings.maxAttempts()).backoffStrategy(backoff).throttlingBackoffStrategy(throttled).build();
    };
  }

  private static AwsCredentials sdk(StaticCredentials credentials) {
    return credentials.sessionToken()
        .<AwsCredentials>map(token -> AwsSessionCredentials.create(credentials.accessKeyId(),
            credentials.secretAccessKey(), token))
        .orElseGet(() -> AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
  }
}
