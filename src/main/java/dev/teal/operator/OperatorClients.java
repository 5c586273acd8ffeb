package dev.teal.operator;

import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The SDK clients an {@link Operator} calls AWS with; their owner closes them.
 *
 * @param autoScaling Application Auto Scaling, to hold a service's dynamic scale-in while a deployment is in
 *     flight; null for an operator that leaves scaling alone (tests that do not model it)
 * @param cloudWatch CloudWatch, to read the alarms of the alarm gate while a deployment is in flight; null for an
 *     operator without one (tests that do not model it): a spec naming alarms then fails as naming unknown ones
 * @param lambda Lambda, to invoke the functions of Lambda lifecycle hooks; null for an operator without one: a
 *     Lambda hook then fails saying so
 */
public record OperatorClients(DynamoDbClient dynamoDb, DynamoDbStreamsClient dynamoDbStreams, EcsClient ecs,
    ElasticLoadBalancingV2Client elb, ApplicationAutoScalingClient autoScaling, CloudWatchClient cloudWatch,
    LambdaClient lambda) {

  public OperatorClients(DynamoDbClient dynamoDb, DynamoDbStreamsClient dynamoDbStreams, EcsClient ecs,
      ElasticLoadBalancingV2Client elb, ApplicationAutoScalingClient autoScaling, CloudWatchClient cloudWatch) {
    this(dynamoDb, dynamoDbStreams, ecs, elb, autoScaling, cloudWatch, null);
  }

  public OperatorClients(DynamoDbClient dynamoDb, DynamoDbStreamsClient dynamoDbStreams, EcsClient ecs,
      ElasticLoadBalancingV2Client elb, ApplicationAutoScalingClient autoScaling) {
    this(dynamoDb, dynamoDbStreams, ecs, elb, autoScaling, null);
  }

  public OperatorClients(DynamoDbClient dynamoDb, DynamoDbStreamsClient dynamoDbStreams, EcsClient ecs,
      ElasticLoadBalancingV2Client elb) {
    this(dynamoDb, dynamoDbStreams, ecs, elb, null);
  }
}
