package dev.teal.deploy;

import static dev.teal.deploy.CfnTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two templates are well formed and say what the issue asks of them. Faults planted once and seen
 * failing: a {@code !Ref} to a misspelt parameter; {@code !GetAtt Table.StreamArnX}; {@code ${Tabel.Arn}}
 * in a {@code !Sub}; {@code StreamViewType: NEW_IMAGE}; {@code DesiredCount: 1}; deployment controller
 * {@code ECS} in the example service.
 */
class TemplateTest {

  static Stream<Path> templates() {
    return Stream.of(CfnTemplate.OPERATOR, CfnTemplate.EXAMPLE_SERVICE);
  }

  @ParameterizedTest
  @MethodSource("templates")
  void everyReferenceResolves(Path path) {
    CfnTemplate template = CfnTemplate.load(path);

    assertThat(template.unresolvedReferences()).isEmpty();
  }

  @Test
  void theCheckFindsBrokenReferences() {
    CfnTemplate template = CfnTemplate.load(CfnTemplate.OPERATOR);
    template.resources().put("Broken", Map.of("Type", "AWS::IAM::Role", "Condition", "Nope",
        "Properties", Map.of("A", Map.of("Ref", "Tabel"), "B", Map.of("Fn::GetAtt", List.of("Table", "Nope")),
            "C", Map.of("Fn::Sub", "${Tabel.Arn} ${AWS::Region} ${!Literal}"),
            "D", Map.of("Fn::If", List.of("Missing", "a", "b")))));

    assertThat(template.unresolvedReferences()).containsExactlyInAnyOrder(
        "Resources.Broken: condition Nope is not defined",
        ".Resources.Broken.Properties.A: Ref Tabel names no parameter, resource or pseudo parameter",
        ".Resources.Broken.Properties.B: AWS::DynamoDB::Table has no attribute Nope",
        ".Resources.Broken.Properties.C ${Tabel.Arn}: GetAtt [Tabel, Arn] names no resource",
        ".Resources.Broken.Properties.D: Fn::If on undefined condition Missing");
  }

  @Test
  void theTableHasStreamsRecoveryAndEncryption() {
    CfnTemplate operator = CfnTemplate.load(CfnTemplate.OPERATOR);
    Map<String, Object> table = operator.properties("Table");

    assertThat(operator.type("Table")).isEqualTo("AWS::DynamoDB::Table");
    assertThat(map(table.get("StreamSpecification"))).containsEntry("StreamViewType", "NEW_AND_OLD_IMAGES");
    assertThat(map(table.get("PointInTimeRecoverySpecification"))).containsEntry("PointInTimeRecoveryEnabled", true);
    assertThat(map(table.get("SSESpecification"))).containsEntry("SSEEnabled", true);
    assertThat(map(table.get("TimeToLiveSpecification"))).as("history and delivery records expire")
        .isEqualTo(Map.of("AttributeName", dev.teal.store.ItemLayout.EXPIRES_AT, "Enabled", true));
    assertThat(table.get("KeySchema")).isEqualTo(List.of(Map.of("AttributeName", "name", "KeyType", "HASH"),
        Map.of("AttributeName", "sk", "KeyType", "RANGE")));
    assertThat(operator.resource("Table")).containsEntry("DeletionPolicy", "Retain");
  }

  @Test
  void theOperatorRunsTwoFargateTasksWithHealthChecksAndJsonLogs() {
    CfnTemplate operator = CfnTemplate.load(CfnTemplate.OPERATOR);
    Map<String, Object> service = operator.properties("OperatorService");
    Map<String, Object> container = map(((List<?>) operator.properties("OperatorTaskDefinition")
        .get("ContainerDefinitions")).get(0));

    assertThat(service).containsEntry("LaunchType", "FARGATE").containsEntry("DesiredCount", 2);
    assertThat(operator.properties("OperatorTaskDefinition").get("RequiresCompatibilities")).isEqualTo(List.of("FARGATE"));
    assertThat(operator.properties("OperatorTaskDefinition").get("TaskRoleArn"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of("OperatorTaskRole", "Arn")));
    assertThat((List<?>) container.get("Environment")).extracting(e -> map(e).get("Name"))
        .contains("TEAL_TABLE", "AWS_REGION", "QUARKUS_LOG_CONSOLE_JSON_ENABLED");
    // The image has no shell: the check runs the image's Java on the probe, a class of the packaged operator.
    List<String> healthCheck = ((List<?>) map(container.get("HealthCheck")).get("Command")).stream()
        .map(String::valueOf).toList();
    assertThat(healthCheck).startsWith("CMD", "/opt/teal/runtime/bin/java").contains("/opt/teal/operator/quarkus-run.jar")
        .endsWith(dev.teal.operator.health.HealthProbe.class.getName());
    assertThat((Integer) container.get("StopTimeout")).as("room for a graceful stop and lease release")
        .isBetween(45, 120);
    assertThat(container.get("PortMappings")).isEqualTo(List.of(Map.of("ContainerPort", 8080, "Protocol", "tcp")));
  }

  /**
   * The status page can be published behind the load balancer's sign-in: a rule on the given HTTPS
   * listener that authenticates (Cognito or OIDC) before it forwards to both tasks; nothing of it exists
   * without the listener. The HTTP port's bind address is a parameter.
   */
  @Test
  void theStatusPageIsOfferedOnlyBehindTheLoadBalancersSignIn() {
    CfnTemplate operator = CfnTemplate.load(CfnTemplate.OPERATOR);

    assertThat(operator.resource("StatusPageRule")).containsEntry("Condition", "HasStatusPage");
    assertThat(operator.resource("StatusPageTargetGroup")).containsEntry("Condition", "HasStatusPage");
    List<?> actions = (List<?>) operator.properties("StatusPageRule").get("Actions");
    List<?> signIn = (List<?>) map(actions.get(0)).get("Fn::If");
    assertThat(signIn.get(0)).isEqualTo("StatusPageWithCognito");
    assertThat(map(signIn.get(1))).containsEntry("Type", "authenticate-cognito").containsEntry("Order", 1);
    assertThat(map(signIn.get(2))).containsEntry("Type", "authenticate-oidc").containsEntry("Order", 1);
    assertThat(map(map(signIn.get(1)).get("AuthenticateCognitoConfig")))
        .containsEntry("OnUnauthenticatedRequest", "authenticate");
    assertThat(map(map(signIn.get(2)).get("AuthenticateOidcConfig")))
        .containsEntry("OnUnauthenticatedRequest", "authenticate");
    assertThat(map(actions.get(1))).containsEntry("Type", "forward").containsEntry("Order", 2);
    assertThat(map(operator.properties("StatusPageTargetGroup"))).containsEntry("TargetType", "ip")
        .containsEntry("Port", 8080).containsEntry("HealthCheckPath", "/q/health/ready");
    assertThat(((List<?>) map(operator.properties("OperatorService").get("LoadBalancers")).get("Fn::If")).get(0))
        .isEqualTo("HasStatusPage");

    Map<String, Object> container = map(((List<?>) operator.properties("OperatorTaskDefinition")
        .get("ContainerDefinitions")).get(0));
    assertThat(((List<?>) container.get("Environment")).stream().map(CfnTemplate::map).toList()).contains(
        Map.of("Name", "QUARKUS_HTTP_HOST", "Value", Map.of("Ref", "HttpBindAddress")));
  }

  @Test
  void theAlarmsCountReconcileErrorsAndTheLeaseHeartbeat() {
    CfnTemplate operator = CfnTemplate.load(CfnTemplate.OPERATOR);

    assertThat(operator.properties("ReconcileErrorsFilter").get("FilterPattern"))
        .isEqualTo("{ ($.level = \"WARN\" || $.level = \"ERROR\") && $.message = \"reconcile failed*\" }");
    assertThat(operator.properties("LeaseHeldFilter").get("FilterPattern"))
        .isEqualTo("{ $.level = \"INFO\" && $.message = \"lease held by *\" }");
    assertThat(operator.properties("NoLeaderAlarm")).containsEntry("TreatMissingData", "breaching")
        .containsEntry("MetricName", "LeaseHeld").containsEntry("ComparisonOperator", "LessThanThreshold");
    assertThat(operator.properties("ReconcileErrorsAlarm")).containsEntry("MetricName", "ReconcileErrors");
  }

  @Test
  void theExampleServiceIsExternallyControlledBehindTwoListenersWithOneRuleEach() {
    CfnTemplate example = CfnTemplate.load(CfnTemplate.EXAMPLE_SERVICE);

    assertThat(map(example.properties("Service").get("DeploymentController"))).containsEntry("Type", "EXTERNAL");
    assertThat(example.properties("ProductionListener")).containsEntry("Port", 80);
    assertThat(example.properties("TestListener")).containsEntry("Port", 8080);
    assertThat(example.properties("ProductionRule").get("ListenerArn")).isEqualTo(Map.of("Ref", "ProductionListener"));
    assertThat(example.properties("TestRule").get("ListenerArn")).isEqualTo(Map.of("Ref", "TestListener"));
    assertThat(example.resources().values()).filteredOn(r -> "AWS::ElasticLoadBalancingV2::ListenerRule"
        .equals(map(r).get("Type"))).hasSize(2);
    assertThat(example.properties("LoadBalancer")).containsEntry("Type", "application");
    assertThat(example.properties("PrimaryTaskSet").get("TaskSetId"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of("InitialTaskSet", "Id")));
    assertThat(example.outputs()).containsKeys("ProductionRuleArn", "TestRuleArn", "Cluster", "ServiceName",
        "TaskDefinitionFamily", "ContainerName", "ContainerPort", "Image", "VpcId", "ServiceArn", "PassableRoleArns");
  }
}
