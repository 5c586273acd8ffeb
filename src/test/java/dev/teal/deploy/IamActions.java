package dev.teal.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teal.sandbox.http.CallRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * From the AWS operations teal was seen calling to the IAM actions that authorise them.
 *
 * <p>An explicit table rather than a rule such as "prefix:Operation is the action": the exceptions are
 * the point (the SDK's {@code elb} prefix is IAM's {@code elasticloadbalancing}, Streams operations are
 * {@code dynamodb:} actions, {@code TransactWriteItems} is no action at all, GetCallerIdentity needs no
 * permission). An operation missing from the table fails the check until someone decides what it needs.
 */
final class IamActions {

  /** Operation (as the sandbox call log and {@code AwsCallListener} name it) to the actions it needs by itself. */
  static final Map<String, List<String>> BY_OPERATION = Map.ofEntries(
      Map.entry("ecs:DescribeServices", List.of("ecs:DescribeServices")),
      Map.entry("ecs:DescribeTaskSets", List.of("ecs:DescribeTaskSets")),
      Map.entry("ecs:DescribeTaskDefinition", List.of("ecs:DescribeTaskDefinition")),
      Map.entry("ecs:ListTaskDefinitions", List.of("ecs:ListTaskDefinitions")),
      Map.entry("ecs:RegisterTaskDefinition", List.of("ecs:RegisterTaskDefinition")),
      Map.entry("ecs:CreateTaskSet", List.of("ecs:CreateTaskSet")),
      Map.entry("ecs:UpdateTaskSet", List.of("ecs:UpdateTaskSet")),
      Map.entry("ecs:UpdateServicePrimaryTaskSet", List.of("ecs:UpdateServicePrimaryTaskSet")),
      Map.entry("ecs:DeleteTaskSet", List.of("ecs:DeleteTaskSet")),
      Map.entry("ecs:TagResource", List.of("ecs:TagResource")),
      Map.entry("elb:DescribeRules", List.of("elasticloadbalancing:DescribeRules")),
      Map.entry("elb:DescribeListeners", List.of("elasticloadbalancing:DescribeListeners")),
      Map.entry("elb:DescribeLoadBalancers", List.of("elasticloadbalancing:DescribeLoadBalancers")),
      Map.entry("elb:DescribeTargetGroups", List.of("elasticloadbalancing:DescribeTargetGroups")),
      Map.entry("elb:DescribeTargetGroupAttributes", List.of("elasticloadbalancing:DescribeTargetGroupAttributes")),
      Map.entry("elb:DescribeTags", List.of("elasticloadbalancing:DescribeTags")),
      Map.entry("elb:DescribeTargetHealth", List.of("elasticloadbalancing:DescribeTargetHealth")),
      Map.entry("elb:CreateTargetGroup", List.of("elasticloadbalancing:CreateTargetGroup")),
      Map.entry("elb:ModifyTargetGroupAttributes", List.of("elasticloadbalancing:ModifyTargetGroupAttributes")),
      Map.entry("elb:DeleteTargetGroup", List.of("elasticloadbalancing:DeleteTargetGroup")),
      Map.entry("elb:ModifyRule", List.of("elasticloadbalancing:ModifyRule")),
      Map.entry("elb:ModifyListener", List.of("elasticloadbalancing:ModifyListener")),
      Map.entry("elb:AddTags", List.of("elasticloadbalancing:AddTags")),
      Map.entry("application-autoscaling:DescribeScalableTargets",
          List.of("application-autoscaling:DescribeScalableTargets")),
      Map.entry("application-autoscaling:RegisterScalableTarget",
          List.of("application-autoscaling:RegisterScalableTarget")),
      // Gates (issue 15): what the gateways of dev.teal.aws call. RunTask of a hook's definition with task or
      // execution roles also needs iam:PassRole on them; the call names only the definition, so the template's
      // one PassRole statement (PassableRoleArns) covers them, as it does for the services' own roles.
      Map.entry("cloudwatch:DescribeAlarms", List.of("cloudwatch:DescribeAlarms")),
      Map.entry("cloudwatch:GetMetricData", List.of("cloudwatch:GetMetricData")),
      Map.entry("ecs:RunTask", List.of("ecs:RunTask")),
      Map.entry("ecs:DescribeTasks", List.of("ecs:DescribeTasks")),
      Map.entry("ecs:ListTasks", List.of("ecs:ListTasks")),
      // The SDK's operation is Invoke; IAM's action is InvokeFunction.
      Map.entry("lambda:Invoke", List.of("lambda:InvokeFunction")),
      // STS documents GetCallerIdentity as needing no permission: it cannot be denied.
      Map.entry("sts:GetCallerIdentity", List.of()),
      Map.entry("dynamodb:GetItem", List.of("dynamodb:GetItem")),
      Map.entry("dynamodb:PutItem", List.of("dynamodb:PutItem")),
      Map.entry("dynamodb:UpdateItem", List.of("dynamodb:UpdateItem")),
      Map.entry("dynamodb:DeleteItem", List.of("dynamodb:DeleteItem")),
      Map.entry("dynamodb:Query", List.of("dynamodb:Query")),
      Map.entry("dynamodb:Scan", List.of("dynamodb:Scan")),
      Map.entry("dynamodb:DescribeTable", List.of("dynamodb:DescribeTable")),
      // Not an IAM action: each item of the transaction is authorised as its own action (see implied).
      Map.entry("dynamodb:TransactWriteItems", List.of()),
      Map.entry("dynamodbstreams:DescribeStream", List.of("dynamodb:DescribeStream")),
      Map.entry("dynamodbstreams:GetShardIterator", List.of("dynamodb:GetShardIterator")),
      Map.entry("dynamodbstreams:GetRecords", List.of("dynamodb:GetRecords")),
      Map.entry("events:PutEvents", List.of("events:PutEvents")),
      Map.entry("ssm:GetParameter", List.of("ssm:GetParameter")),
      Map.entry("secretsmanager:GetSecretValue", List.of("secretsmanager:GetSecretValue")));

  private IamActions() {}

  /** The actions one operation needs by itself; fails for an operation nobody has mapped yet. */
  static List<String> of(String operation) {
    List<String> actions = BY_OPERATION.get(operation);
    if (actions == null) {
      throw new AssertionError("teal called " + operation + ", which IamActions.BY_OPERATION does not map to IAM"
          + " actions yet; add it (and grant it in the template if it is needed)");
    }
    return actions;
  }

  /**
   * What a call's parameters add, as the sandbox recorded them: tags on create need the tagging action,
   * and a task definition carrying roles needs iam:PassRole for them.
   */
  static Set<String> impliedBy(CallRecord call) {
    Set<String> implied = new TreeSet<>();
    JsonNode p = call.parameters();
    switch (call.operation()) {
      case "ecs:RegisterTaskDefinition" -> {
        if (nonEmpty(p.path("tags"))) {
          implied.add("ecs:TagResource");
        }
        if (p.hasNonNull("taskRoleArn") || p.hasNonNull("executionRoleArn")) {
          implied.add("iam:PassRole");
        }
      }
      case "ecs:CreateTaskSet" -> {
        if (nonEmpty(p.path("tags"))) {
          implied.add("ecs:TagResource");
        }
      }
      case "elb:CreateTargetGroup" -> {
        if (nonEmpty(p.path("Tags"))) {
          implied.add("elasticloadbalancing:AddTags");
        }
      }
      default -> { }
    }
    return implied;
  }

  /** A DynamoDB request's parts: each item of a TransactWriteItems is authorised by its own action. */
  static Set<String> impliedBy(SdkRequest request) {
    Set<String> implied = new TreeSet<>();
    if (request instanceof TransactWriteItemsRequest transaction) {
      for (TransactWriteItem item : transaction.transactItems()) {
        if (item.put() != null) {
          implied.add("dynamodb:PutItem");
        }
        if (item.update() != null) {
          implied.add("dynamodb:UpdateItem");
        }
        if (item.delete() != null) {
          implied.add("dynamodb:DeleteItem");
        }
        if (item.conditionCheck() != null) {
          implied.add("dynamodb:ConditionCheckItem");
        }
      }
    }
    return implied;
  }

  private static boolean nonEmpty(JsonNode node) {
    return node != null && !node.isMissingNode() && !node.isNull() && node.size() > 0;
  }
}
