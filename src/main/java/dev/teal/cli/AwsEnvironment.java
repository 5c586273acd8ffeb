package dev.teal.cli;

import dev.teal.aws.ApplicationAutoScaling;
import dev.teal.aws.EcsGateway;
import dev.teal.aws.ElbGateway;
import dev.teal.aws.sdk.SdkApplicationAutoScaling;
import dev.teal.aws.sdk.SdkEcsGateway;
import dev.teal.aws.sdk.SdkElbGateway;
import dev.teal.store.CallerIdentity;
import dev.teal.store.DeploymentStore;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.Failures;
import dev.teal.store.StsCallerIdentity;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The real environment. Region, credentials and endpoints come only from the SDK's default chains,
 * so {@code AWS_REGION}, {@code AWS_PROFILE}, {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_DYNAMODB}
 * point the same CLI at the sandbox or at real AWS. Clients are built on first use, so {@code teal get}
 * never starts an STS or ECS client. {@link CliHttpClients} skips the TLS set-up for plain-http
 * endpoints. Retries use the SDK's standard strategy (three attempts) so an unreachable endpoint fails
 * in about a second, not after DynamoDB's default of nine attempts.
 */
final class AwsEnvironment implements CliEnvironment {

  private final List<SdkClient> clients = new ArrayList<>();
  private DynamoDbClient dynamoDb;
  private StsClient sts;
  private EcsClient ecs;
  private ElasticLoadBalancingV2Client elb;
  private ApplicationAutoScalingClient autoScaling;

  @Override
  public DeploymentStore store(String table) {
    return new DynamoDeploymentStore(dynamoDb(), table, Clock.systemUTC());
  }

  @Override
  public synchronized DynamoDbClient dynamoDb() {
    if (dynamoDb == null) {
      dynamoDb = build("DynamoDB", () -> DynamoDbClient.builder()
          .httpClient(CliHttpClients.forService("DYNAMODB", variables()))
          .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
          .build());
    }
    return dynamoDb;
  }

  @Override
  public synchronized CallerIdentity callerIdentity() {
    if (sts == null) {
      sts = build("STS", () -> StsClient.builder().httpClient(CliHttpClients.forService("STS", variables())).build());
    }
    return new StsCallerIdentity(sts);
  }

  @Override
  public synchronized TaskSetLookup taskSets() {
    return new EcsTaskSetLookup(ecsClient());
  }

  @Override
  public synchronized EcsGateway ecs() {
    return new SdkEcsGateway(ecsClient());
  }

  @Override
  public synchronized ElbGateway elb() {
    if (elb == null) {
      elb = build("ELB", () -> ElasticLoadBalancingV2Client.builder()
          .httpClient(CliHttpClients.forService("ELASTIC_LOAD_BALANCING_V2", variables())).build());
    }
    return new SdkElbGateway(elb);
  }

  @Override
  public synchronized ApplicationAutoScaling autoScaling() {
    if (autoScaling == null) {
      autoScaling = build("Application Auto Scaling", () -> ApplicationAutoScalingClient.builder()
          .httpClient(CliHttpClients.forService("APPLICATION_AUTO_SCALING", variables())).build());
    }
    return new SdkApplicationAutoScaling(autoScaling);
  }

  private EcsClient ecsClient() {
    if (ecs == null) {
      ecs = build("ECS", () -> EcsClient.builder().httpClient(CliHttpClients.forService("ECS", variables())).build());
    }
    return ecs;
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public Sleeper sleeper() {
    return duration -> Thread.sleep(duration.toMillis());
  }

  @Override
  public Duration pollInterval() {
    return Duration.ofSeconds(1);
  }

  @Override
  public Map<String, String> variables() {
    return System.getenv();
  }

  @Override
  public InputStream stdin() {
    return System.in;
  }

  @Override
  public synchronized void close() {
    clients.forEach(SdkClient::close);
    clients.clear();
  }

  private <C extends SdkClient> C build(String service, java.util.function.Supplier<C> builder) {
    try {
      C client = builder.get();
      clients.add(client);
      return client;
    } catch (SdkClientException e) {
      String hint = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("region")
          ? "; set AWS_REGION (or a profile with a region)" : "";
      throw Failures.translate("creating the " + service + " client" + hint, e);
    }
  }
}
