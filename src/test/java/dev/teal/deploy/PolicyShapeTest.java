package dev.teal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.deploy.CfnTemplate.Statement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the permissions are scoped, beyond which actions they are: Resource "*" only where AWS allows
 * nothing narrower, teal's ownership tags on every action that can be conditioned on them, and named
 * resources where teal does not own the resource. Faults planted once and seen failing: an
 * {@code ecs:UpdateTaskSet} statement on Resource "*"; the aws:ResourceTag condition removed from
 * ChangeTealTargetGroups; iam:PassRole without iam:PassedToService; {@code ecs:Describe*} as an action;
 * events:PutEvents on {@code event-bus/*}.
 */
class PolicyShapeTest {

  /**
   * Actions the Service Authorization Reference lists with no resource type, so a statement granting
   * them must say Resource "*". Each entry says why it is needed at all.
   */
  static final Map<String, String> NO_RESOURCE_TYPE = Map.ofEntries(
      Map.entry("ecs:DescribeTaskDefinition", "reads the template and finds revisions it registered"),
      Map.entry("ecs:ListTaskDefinitions", "finds a revision registered before a crash"),
      Map.entry("elasticloadbalancing:DescribeRules", "observes the production and test rules"),
      Map.entry("elasticloadbalancing:DescribeListeners", "observes a production listener; finds the test listener's port"),
      Map.entry("elasticloadbalancing:DescribeLoadBalancers", "finds the test listener's DNS name for analysis"),
      Map.entry("elasticloadbalancing:DescribeTargetGroups", "finds teal's target groups by name"),
      Map.entry("elasticloadbalancing:DescribeTargetGroupAttributes",
          "checks the deregistration delay of a target group found again after a crash"),
      Map.entry("elasticloadbalancing:DescribeTags", "checks a target group is teal's before using or deleting it"),
      Map.entry("elasticloadbalancing:DescribeTargetHealth", "the health gate"),
      Map.entry("cloudwatch:GetMetricData", "the metric gates: green's and blue's target group metrics"),
      Map.entry("application-autoscaling:DescribeScalableTargets",
          "finds whether a service auto scales, to hold its scale-in during a deployment"),
      Map.entry("ecr:GetAuthorizationToken", "ECS pulls the operator image from ECR (execution role)"));

  /** Per action teal performs on its own resources, the condition key that proves ownership. */
  static final Map<String, String> OWNERSHIP_CONDITION = Map.ofEntries(
      Map.entry("ecs:CreateTaskSet", "aws:RequestTag/teal.dev/managed-by"),
      Map.entry("ecs:UpdateTaskSet", "aws:ResourceTag/teal.dev/managed-by"),
      Map.entry("ecs:DeleteTaskSet", "aws:ResourceTag/teal.dev/managed-by"),
      Map.entry("ecs:RegisterTaskDefinition", "aws:RequestTag/teal.dev/managed-by"),
      Map.entry("ecs:TagResource", "aws:RequestTag/teal.dev/managed-by"),
      Map.entry("elasticloadbalancing:CreateTargetGroup", "aws:RequestTag/teal.dev/managed-by"),
      Map.entry("elasticloadbalancing:AddTags", "aws:RequestTag/teal.dev/managed-by"),
      Map.entry("elasticloadbalancing:DeleteTargetGroup", "aws:ResourceTag/teal.dev/managed-by"),
      Map.entry("elasticloadbalancing:ModifyTargetGroupAttributes", "aws:ResourceTag/teal.dev/managed-by"));

  static Stream<Path> templates() {
    return Stream.of(CfnTemplate.OPERATOR, CfnTemplate.EXAMPLE_SERVICE);
  }

  @ParameterizedTest
  @MethodSource("templates")
  void resourceStarOnlyForActionsWithoutAResourceType(Path path) {
    List<String> problems = new ArrayList<>();
    CfnTemplate.load(path).allPolicies().values().stream().flatMap(List::stream).forEach(s -> {
      if (s.onEverything()) {
        s.actions().stream().filter(a -> !NO_RESOURCE_TYPE.containsKey(a))
            .forEach(a -> problems.add(s.policy() + "/" + s.sid() + ": " + a + " on Resource \"*\""));
        if (s.resources().size() > 1) {
          problems.add(s.policy() + "/" + s.sid() + ": \"*\" next to narrower resources");
        }
      }
      s.actions().stream().filter(a -> a.contains("*"))
          .forEach(a -> problems.add(s.policy() + "/" + s.sid() + ": wildcard action " + a));
    });

    assertThat(problems).isEmpty();
  }

  @Test
  void everyActionOnTealsOwnResourcesIsConditionedOnItsTag() {
    List<String> problems = new ArrayList<>();
    for (Statement s : operatorRole()) {
      for (String action : s.actions()) {
        String key = OWNERSHIP_CONDITION.get(action);
        if (key != null && !"teal".equals(conditionValue(s, "StringEquals", key))) {
          problems.add(s.sid() + ": " + action + " without StringEquals " + key + " = teal");
        }
      }
    }

    assertThat(problems).isEmpty();
    assertThat(operatorRole()).flatExtracting(Statement::actions).containsAll(OWNERSHIP_CONDITION.keySet());
  }

  /**
   * Tagging is allowed as part of a create, on teal's task sets with teal's four keys, and on the named
   * services, rules and listeners with the two keys of a claim (managed-by and deployment) only.
   */
  @Test
  void tagsOnCreateAreAllowedOnlyAsPartOfTheCreateAndClaimsOnlyOnNamedResources() {
    List<String> claimKeys = List.of("teal.dev/managed-by", "teal.dev/deployment");
    assertThat(operatorRole()).filteredOn(s -> s.actions().contains("elasticloadbalancing:AddTags"))
        .hasSize(3).allSatisfy(s -> assertThat(s.condition()).satisfiesAnyOf(
            c -> assertThat(c).isEqualTo(Map.of("StringEquals", Map.of("elasticloadbalancing:CreateAction",
                "CreateTargetGroup", "aws:RequestTag/teal.dev/managed-by", "teal"))),
            c -> {
              assertThat(s.resources()).containsAnyOf(Map.of("Ref", "ManagedListenerRuleArns"),
                  Map.of("Ref", "ManagedListenerArns")).hasSize(1);
              assertThat(CfnTemplate.map(c.get("ForAllValues:StringEquals")).get("aws:TagKeys")).isEqualTo(claimKeys);
            }));
    assertThat(operatorRole()).filteredOn(s -> s.actions().contains("ecs:TagResource"))
        .allSatisfy(s -> assertThat(s.condition()).satisfiesAnyOf(
            c -> assertThat(CfnTemplate.map(c.get("StringEquals"))).containsEntry("ecs:CreateAction", "RegisterTaskDefinition"),
            c -> assertThat(CfnTemplate.map(c.get("ForAllValues:StringEquals")).get("aws:TagKeys")).isEqualTo(List.of(
                "teal.dev/managed-by", "teal.dev/deployment", "teal.dev/revision", "teal.dev/adopted")),
            c -> {
              assertThat(s.resources()).containsExactly(Map.of("Ref", "ManagedServiceArns"));
              assertThat(CfnTemplate.map(c.get("ForAllValues:StringEquals")).get("aws:TagKeys")).isEqualTo(claimKeys);
            }));
  }

  @Test
  void rolesArePassedOnlyToEcsTasksAndRoutesAreNamedOneByOne() {
    Statement passRole = statementFor("iam:PassRole");
    assertThat(passRole.resources()).containsExactly(Map.of("Ref", "PassableRoleArns"));
    assertThat(passRole.condition()).isEqualTo(Map.of("StringEquals",
        Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")));
    assertThat(statementFor("elasticloadbalancing:ModifyRule").resources())
        .containsExactly(Map.of("Ref", "ManagedListenerRuleArns"));
    assertThat(statementFor("elasticloadbalancing:ModifyListener").resources())
        .containsExactly(Map.of("Ref", "ManagedListenerArns"));
    assertThat(statementFor("ecs:UpdateServicePrimaryTaskSet").resources())
        .containsExactly(Map.of("Ref", "ManagedServiceArns"));
  }

  /** Lifecycle hooks run only the task definitions and invoke only the functions the stack names. */
  @Test
  void hooksRunOnlyNamedTaskDefinitionsAndInvokeOnlyNamedFunctions() {
    assertThat(statementFor("ecs:RunTask").resources()).containsExactly(Map.of("Ref", "HookTaskDefinitionArns"));
    assertThat(statementFor("ecs:RunTask").actions()).containsExactly("ecs:RunTask");
    assertThat(statementFor("lambda:InvokeFunction").resources()).containsExactly(Map.of("Ref", "HookFunctionArns"));
    assertThat(statementFor("lambda:InvokeFunction").actions()).containsExactly("lambda:InvokeFunction");
  }

  /** RegisterScalableTarget only on ECS services' desired count (the target's own id is opaque). */
  @Test
  void scalableTargetsAreChangedOnlyForEcsServicesDesiredCount() {
    Statement register = statementFor("application-autoscaling:RegisterScalableTarget");
    assertThat(register.actions()).containsExactly("application-autoscaling:RegisterScalableTarget");
    assertThat(register.condition()).isEqualTo(Map.of("StringEquals", Map.of(
        "application-autoscaling:service-namespace", "ecs",
        "application-autoscaling:scalable-dimension", "ecs:service:DesiredCount")));
  }

  @Test
  void taskSetPermissionsNameTheManagedServices() {
    for (String action : List.of("ecs:CreateTaskSet", "ecs:UpdateTaskSet", "ecs:DeleteTaskSet", "ecs:DescribeTaskSets")) {
      assertThat(conditionValue(statementFor(action), "ArnEquals", "ecs:service")).as(action)
          .isEqualTo(Map.of("Ref", "ManagedServiceArns"));
    }
  }

  @Test
  void dynamoDbPermissionsAreOnTheTableOnly() {
    CfnTemplate operator = CfnTemplate.load(CfnTemplate.OPERATOR);
    List<Statement> dynamoDb = Stream.concat(operator.statements("OperatorTaskRole").stream(),
        operator.statements("CliPolicy").stream()).filter(s -> s.actions().get(0).startsWith("dynamodb:")).toList();

    assertThat(dynamoDb).isNotEmpty().allSatisfy(s -> assertThat(s.resources()).containsAnyOf(
        Map.of("Fn::GetAtt", List.of("Table", "Arn")), Map.of("Fn::Sub", "${Table.Arn}/stream/*")).hasSize(1));
    assertThat(conditionValue(statementFor("dynamodb:PutItem"), "ForAllValues:StringEquals", "dynamodb:LeadingKeys"))
        .as("the operator puts and deletes only its own items").isEqualTo(List.of("#operator"));
  }

  /** The bus and the source are the ones the notifier uses (NotificationEvent.SOURCE): code and policy in step. */
  @Test
  void eventsGoOnTheConfiguredBusOnlyAsTealAndWebhookUrlsAreReadOneByOne() {
    Statement put = statementFor("events:PutEvents");
    assertThat(put.resources()).containsExactly(Map.of("Fn::Sub",
        "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${EventBusName}"));
    assertThat(put.condition()).isEqualTo(Map.of("StringEquals",
        Map.of("events:source", dev.teal.operator.notify.NotificationEvent.SOURCE)));
    assertThat(statementFor("ssm:GetParameter").resources()).containsExactly(Map.of("Ref", "WebhookUrlParameterArns"));
    assertThat(statementFor("secretsmanager:GetSecretValue").resources())
        .containsExactly(Map.of("Ref", "WebhookUrlSecretArns"));
  }

  private static List<Statement> operatorRole() {
    return CfnTemplate.load(CfnTemplate.OPERATOR).statements("OperatorTaskRole");
  }

  private static Statement statementFor(String action) {
    List<Statement> found = operatorRole().stream().filter(s -> s.actions().contains(action)).toList();
    assertThat(found).as("statements granting " + action).hasSize(1);
    return found.get(0);
  }

  private static Object conditionValue(Statement s, String operator, String key) {
    Object byOperator = s.condition().get(operator);
    return byOperator == null ? null : CfnTemplate.map(byOperator).get(key);
  }
}
