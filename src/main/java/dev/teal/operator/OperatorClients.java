package dev.teal.operator;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The SDK clients an {@link Operator} calls AWS with; their owner closes them. */
public record OperatorClients(DynamoDbClient dynamoDb, DynamoDbStreamsClient dynamoDbStreams, EcsClient ecs,
    ElasticLoadBalancingV2Client elb) {}
