package dev.teal.operator.wiring;

import dev.teal.aws.sdk.AwsClientSettings;
import dev.teal.aws.sdk.AwsClientSettings.AwsService;
import dev.teal.aws.sdk.AwsClients;
import dev.teal.operator.config.TealConfig;
import dev.teal.operator.metrics.OperatorMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The SDK clients, built by {@link AwsClients} from {@code teal.*}, every call counted by the metrics. */
@ApplicationScoped
public class AwsProducers {

  @Produces
  @Singleton
  AwsClients awsClients(TealConfig config, OperatorMetrics metrics) {
    AwsClientSettings settings = AwsClientSettings.defaults()
        .withRetries(config.aws().retryMode(), config.aws().maxAttempts())
        .withTimeouts(Settings.callBudget(config.aws()).call(), Settings.callBudget(config.aws()).attempt())
        .withListener(metrics.awsCalls());
    if (config.region().isPresent()) {
      settings = settings.withRegion(Region.of(config.region().get()));
    }
    var endpoints = config.endpoints();
    if (endpoints.ecs().isPresent()) {
      settings = settings.withEndpoint(AwsService.ECS, endpoints.ecs().get());
    }
    if (endpoints.elb().isPresent()) {
      settings = settings.withEndpoint(AwsService.ELB, endpoints.elb().get());
    }
    if (endpoints.applicationAutoscaling().isPresent()) {
      settings = settings.withEndpoint(AwsService.APPLICATION_AUTOSCALING, endpoints.applicationAutoscaling().get());
    }
    if (endpoints.cloudwatch().isPresent()) {
      settings = settings.withEndpoint(AwsService.CLOUDWATCH, endpoints.cloudwatch().get());
    }
    if (endpoints.lambda().isPresent()) {
      settings = settings.withEndpoint(AwsService.LAMBDA, endpoints.lambda().get());
    }
    if (endpoints.sts().isPresent()) {
      settings = settings.withEndpoint(AwsService.STS, endpoints.sts().get());
    }
    if (endpoints.dynamodb().isPresent()) {
      settings = settings.withEndpoint(AwsService.DYNAMODB, endpoints.dynamodb().get());
    }
    if (endpoints.dynamodbStreams().isPresent()) {
      settings = settings.withEndpoint(AwsService.DYNAMODB_STREAMS, endpoints.dynamodbStreams().get());
    }
    if (endpoints.events().isPresent()) {
      settings = settings.withEndpoint(AwsService.EVENTS, endpoints.events().get());
    }
    if (endpoints.ssm().isPresent()) {
      settings = settings.withEndpoint(AwsService.SSM, endpoints.ssm().get());
    }
    if (endpoints.secretsmanager().isPresent()) {
      settings = settings.withEndpoint(AwsService.SECRETS_MANAGER, endpoints.secretsmanager().get());
    }
    if (config.aws().accessKeyId().isPresent()) {
      String secret = config.aws().secretAccessKey().orElseThrow(() -> new IllegalStateException(
          "teal.aws.access-key-id is set but teal.aws.secret-access-key is not"));
      settings = settings.withStaticCredentials(
          AwsClientSettings.StaticCredentials.of(config.aws().accessKeyId().get(), secret));
    }
    return new AwsClients(settings);
  }

  @Produces
  @Singleton
  DynamoDbClient dynamoDb(AwsClients clients) {
    return clients.newDynamoDbClient();
  }

  void close(@Disposes DynamoDbClient client) {
    client.close();
  }

  @Produces
  @Singleton
  DynamoDbStreamsClient dynamoDbStreams(AwsClients clients) {
    return clients.newDynamoDbStreamsClient();
  }

  void close(@Disposes DynamoDbStreamsClient client) {
    client.close();
  }

  @Produces
  @Singleton
  EcsClient ecs(AwsClients clients) {
    return clients.newEcsClient();
  }

  void close(@Disposes EcsClient client) {
    client.close();
  }

  @Produces
  @Singleton
  ApplicationAutoScalingClient autoScaling(AwsClients clients) {
    return clients.newApplicationAutoScalingClient();
  }

  void close(@Disposes ApplicationAutoScalingClient client) {
    client.close();
  }

  @Produces
  @Singleton
  CloudWatchClient cloudWatch(AwsClients clients) {
    return clients.newCloudWatchClient();
  }

  void close(@Disposes CloudWatchClient client) {
    client.close();
  }

  @Produces
  @Singleton
  LambdaClient lambda(AwsClients clients) {
    return clients.newLambdaClient();
  }

  void close(@Disposes LambdaClient client) {
    client.close();
  }

  @Produces
  @Singleton
  ElasticLoadBalancingV2Client elb(AwsClients clients) {
    return clients.newElbClient();
  }

  void close(@Disposes ElasticLoadBalancingV2Client client) {
    client.close();
  }
}
