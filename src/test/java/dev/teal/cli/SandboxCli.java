package dev.teal.cli;

import dev.teal.store.CallerIdentity;
import dev.teal.store.DeploymentStore;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.StsCallerIdentity;
import dev.teal.testing.SandboxExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs {@code teal} through its real command path ({@link TealCli#run}) against the sandbox: DynamoDB
 * Local for the store, the simulator's STS for the caller and ECS for the delete check, and the
 * sandbox's virtual clock. {@code status --watch} sleeps by advancing that clock and running
 * {@link #onSleep}, which tests use to play the operator.
 */
public final class SandboxCli {

  private final SandboxExtension sandbox;
  final Map<String, String> variables = new HashMap<>();
  Runnable onSleep = () -> {};
  /** Wraps the store each command uses, e.g. to hold every writer between its read and its write. */
  public java.util.function.UnaryOperator<DeploymentStore> storeWrapper = java.util.function.UnaryOperator.identity();
  int sleeps;

  public SandboxCli(SandboxExtension sandbox, String table) {
    this.sandbox = sandbox;
    variables.put(TealCli.TABLE_VARIABLE, table);
  }

  public record Result(int code, String out, String err) {}

  public Result run(String... args) {
    return runWithInput(new byte[0], args);
  }

  Result runWithInput(byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TealCli.run(args, environment(stdin), new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  DeploymentStore store() {
    return new DynamoDeploymentStore(sandbox.dynamoDb(), variables.get(TealCli.TABLE_VARIABLE), sandbox.clock());
  }

  private CliEnvironment environment(byte[] stdin) {
    return new CliEnvironment() {
      @Override
      public DeploymentStore store(String table) {
        return storeWrapper.apply(new DynamoDeploymentStore(sandbox.dynamoDb(), table, sandbox.clock()));
      }

      @Override
      public DynamoDbClient dynamoDb() {
        return sandbox.dynamoDb();
      }

      @Override
      public CallerIdentity callerIdentity() {
        return new StsCallerIdentity(sandbox.sts());
      }

      @Override
      public TaskSetLookup taskSets() {
        return new EcsTaskSetLookup(sandbox.ecs());
      }

      @Override
      public dev.teal.aws.EcsGateway ecs() {
        return new dev.teal.aws.sdk.SdkEcsGateway(sandbox.ecs());
      }

      @Override
      public dev.teal.aws.ElbGateway elb() {
        return new dev.teal.aws.sdk.SdkElbGateway(sandbox.elb());
      }

      @Override
      public dev.teal.aws.ApplicationAutoScaling autoScaling() {
        return new dev.teal.aws.sdk.SdkApplicationAutoScaling(sandbox.autoScaling());
      }

      @Override
      public Clock clock() {
        return sandbox.clock();
      }

      @Override
      public Sleeper sleeper() {
        return duration -> {
          sleeps++;
          sandbox.clock().advance(duration);
          onSleep.run();
        };
      }

      @Override
      public Duration pollInterval() {
        return Duration.ofSeconds(1);
      }

      @Override
      public Map<String, String> variables() {
        return variables;
      }

      @Override
      public InputStream stdin() {
        return new ByteArrayInputStream(stdin);
      }
    };
  }
}
