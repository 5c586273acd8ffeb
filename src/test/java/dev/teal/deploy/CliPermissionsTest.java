package dev.teal.deploy;

import static dev.teal.deploy.OperatorPermissionsTest.grantedTo;
import static dev.teal.deploy.OperatorPermissionsTest.minus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.EcsGateway;
import dev.teal.aws.ElbGateway;
import dev.teal.aws.sdk.AwsClientSettings;
import dev.teal.aws.sdk.SdkApplicationAutoScaling;
import dev.teal.aws.sdk.SdkEcsGateway;
import dev.teal.aws.sdk.SdkElbGateway;
import dev.teal.aws.sdk.AwsClientSettings.AwsService;
import dev.teal.aws.sdk.AwsClientSettings.StaticCredentials;
import dev.teal.aws.sdk.AwsClients;
import dev.teal.cli.CliEnvironment;
import dev.teal.cli.EcsTaskSetLookup;
import dev.teal.cli.TaskSetLookup;
import dev.teal.cli.TealCli;
import dev.teal.reconcile.AnalysisRunner;
import dev.teal.reconcile.Executor;
import dev.teal.reconcile.Observer;
import dev.teal.reconcile.Planner;
import dev.teal.reconcile.Reconciler;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.SandboxClients;
import dev.teal.store.CallerIdentity;
import dev.teal.store.DeploymentStore;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.StsCallerIdentity;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The CLI's managed policy in deploy/cloudformation/operator.yaml grants exactly the IAM actions the
 * CLI's commands call: every command except {@code init} (the stack creates the table) runs through
 * the real command path ({@link TealCli#run}) on SDK clients built by {@link AwsClients}, every call is
 * recorded, and {@link IamActions} turns the calls into actions. Faults planted once and seen failing:
 * {@code dynamodb:Query} removed from the policy ({@code teal history} is denied); an unused
 * {@code dynamodb:BatchWriteItem} added.
 */
class CliPermissionsTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  @TempDir
  Path files;

  @Test
  void theCliPolicyGrantsExactlyWhatTheCommandsCall() throws Exception {
    DemoIds demo = sandbox.seedDemo();
    String table = sandbox.tableName();
    TableSetup.ensureTable(sandbox.dynamoDb(), table);
    CallRecording calls = new CallRecording();
    AwsClients aws = new AwsClients(AwsClientSettings.defaults()
        .withRegion(Region.of(sandbox.region()))
        .withEndpoint(AwsService.ECS, sandbox.endpoint())
        .withEndpoint(AwsService.ELB, sandbox.endpoint())
        .withEndpoint(AwsService.STS, sandbox.endpoint())
        .withEndpoint(AwsService.APPLICATION_AUTOSCALING, sandbox.endpoint())
        .withEndpoint(AwsService.DYNAMODB, sandbox.dynamoDbEndpoint())
        .withStaticCredentials(StaticCredentials.of(SandboxClients.ACCESS_KEY_ID, SandboxClients.SECRET_ACCESS_KEY))
        .withListener(calls));
    try (var ecs = aws.newEcsClient(); var elb = aws.newElbClient(); var sts = aws.newStsClient();
        var dynamoDb = aws.newDynamoDbClient(); var autoScaling = aws.newApplicationAutoScalingClient()) {
      Cli teal = new Cli(calls.recordRequests(dynamoDb), new StsCallerIdentity(sts), new EcsTaskSetLookup(ecs), table,
          new SdkEcsGateway(ecs), new SdkElbGateway(elb), new SdkApplicationAutoScaling(autoScaling));
      Path web = document(demo, "nginx:1.27");

      teal.expect(0, "apply", "-f", web.toString());
      teal.expect(0, "apply", "-f", document(demo, "nginx:1.28").toString(), "--dry-run"); // and its plan
      teal.expect(0, "apply", "-f", document(demo, "nginx:1.28").toString());
      teal.expect(0, "get");
      teal.expect(0, "get", "web", "-o", "yaml");
      teal.expect(0, "get", "-l", "team=web", "-o", "wide");
      teal.expect(0, "get", "web", "-o", "jsonpath={.spec.image}");
      teal.expect(0, "describe", "web");
      teal.expect(0, "diff", "-f", web.toString());
      teal.expect(0, "set-image", "web", "nginx:1.29", "--promote");
      teal.expect(0, "promote", "web");
      teal.expect(0, "rollback", "web");
      teal.expect(0, "history", "web");
      teal.expect(0, "status", "web", "--no-watch");
      teal.expect(8, "status", "web", "--timeout", "3s"); // no operator here: times out
      // The control commands read the status and write a request; the operator has not run: nothing in flight.
      teal.expect(6, "pause", "web");
      teal.expect(6, "abort", "web");
      teal.expect(6, "retry", "web");
      teal.expect(6, "undo", "web");
      teal.expect(0, "delete", "web"); // asks ECS for teal's task sets first

      teal.expect(0, "apply", "-f", web.toString());
      operatorReconciles(table); // green nginx:1.27 comes up, so the plan reads its target group and health
      teal.expect(0, "plan", "web");
      teal.expect(0, "plan", "web", "-f", listenerDocument(demo).toString()); // a listener as production
      teal.expect(0, "pause", "web");
      teal.expect(0, "resume", "web");
      teal.expect(0, "promote", "web", "--full", "--reason", "INC-42");
      teal.expect(0, "abort", "web");
      teal.expect(3, "set-image", "web", "web=nginx:1.30", "log-router=fluent-bit:3.1"); // not in the task definition
      teal.expect(0, "delete", "web", "--force");
      // A plan for a document teal has no status for: green's target group is found by name, with its tags.
      teal.expect(0, "plan", "web", "-f", web.toString());
    }

    Set<String> needed = calls.neededActions();
    Set<String> granted = grantedTo(CfnTemplate.load(CfnTemplate.OPERATOR), "CliPolicy");

    assertThat(minus(granted, needed)).as("granted but never needed").isEmpty();
    assertThat(minus(needed, granted)).as("needed but not granted").isEmpty();
  }

  /** The operator, on clients that are not recorded: its calls are OperatorPermissionsTest's business. */
  private void operatorReconciles(String table) {
    var ecs = new SdkEcsGateway(sandbox.ecs());
    var elb = new SdkElbGateway(sandbox.elb());
    var store = new DynamoDeploymentStore(sandbox.dynamoDb(), table, sandbox.clock());
    AnalysisRunner noAnalysis = request -> {
      throw new AssertionError("no analysis is configured");
    };
    new Reconciler(store, new Observer(ecs, elb), new Planner(Duration.ofSeconds(5), Duration.ofMinutes(1)),
        new Executor(ecs, elb, noAnalysis), sandbox.clock(), 20, java.util.Optional::empty).reconcile("web");
  }

  private Path listenerDocument(DemoIds demo) throws Exception {
    Path file = files.resolve("web-listener.yaml");
    Files.writeString(file, Files.readString(document(demo, "nginx:1.27"))
        .replace("productionRule: " + demo.productionRuleArn(), "productionListener: " + demo.productionListenerArn()));
    return file;
  }

  private Path document(DemoIds demo, String image) throws Exception {
    Path file = files.resolve("web-" + image.replace(':', '-') + ".yaml");
    Files.writeString(file, String.join("\n",
        "apiVersion: teal.dev/v1alpha1",
        "kind: BlueGreenDeployment",
        "metadata:",
        "  name: web",
        "  labels: {team: web}",
        "spec:",
        "  cluster: " + demo.cluster(),
        "  service: " + demo.service(),
        "  taskDefinition: " + demo.taskDefinitionFamily(),
        "  container: " + demo.containerName(),
        "  containerPort: " + demo.containerPort(),
        "  image: " + image,
        "  traffic:",
        "    productionRule: " + demo.productionRuleArn(),
        "    testRule: " + demo.testRuleArn(),
        "    targetGroup:",
        "      vpcId: " + demo.vpcId(),
        ""));
    return file;
  }

  /** The real command path, on recorded clients, with the sandbox's virtual clock. */
  private final class Cli implements CliEnvironment {
    private final DynamoDbClient dynamoDb;
    private final CallerIdentity caller;
    private final TaskSetLookup taskSets;
    private final String table;

    private final EcsGateway ecs;
    private final ElbGateway elb;
    private final dev.teal.aws.ApplicationAutoScaling autoScaling;

    Cli(DynamoDbClient dynamoDb, CallerIdentity caller, TaskSetLookup taskSets, String table, EcsGateway ecs,
        ElbGateway elb, dev.teal.aws.ApplicationAutoScaling autoScaling) {
      this.dynamoDb = dynamoDb;
      this.caller = caller;
      this.taskSets = taskSets;
      this.table = table;
      this.ecs = ecs;
      this.elb = elb;
      this.autoScaling = autoScaling;
    }

    @Override
    public dev.teal.aws.ApplicationAutoScaling autoScaling() {
      return autoScaling;
    }

    @Override
    public EcsGateway ecs() {
      return ecs;
    }

    @Override
    public ElbGateway elb() {
      return elb;
    }

    void expect(int code, String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int actual = TealCli.run(args, this, new PrintWriter(out), new PrintWriter(err));
      assertThat(actual).as("teal " + String.join(" ", args) + "\n" + out + err).isEqualTo(code);
    }

    @Override
    public DeploymentStore store(String name) {
      return new DynamoDeploymentStore(dynamoDb, name, sandbox.clock());
    }

    @Override
    public DynamoDbClient dynamoDb() {
      return dynamoDb;
    }

    @Override
    public CallerIdentity callerIdentity() {
      return caller;
    }

    @Override
    public TaskSetLookup taskSets() {
      return taskSets;
    }

    @Override
    public Clock clock() {
      return sandbox.clock();
    }

    @Override
    public Sleeper sleeper() {
      return duration -> sandbox.clock().advance(duration);
    }

    @Override
    public Duration pollInterval() {
      return Duration.ofSeconds(1);
    }

    @Override
    public Map<String, String> variables() {
      return Map.of("TEAL_TABLE", table);
    }

    @Override
    public InputStream stdin() {
      return new ByteArrayInputStream(new byte[0]);
    }
  }
}
