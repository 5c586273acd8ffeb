package dev.teal.cli;

import dev.teal.aws.ApplicationAutoScaling;
import dev.teal.aws.EcsGateway;
import dev.teal.aws.ElbGateway;
import dev.teal.store.CallerIdentity;
import dev.teal.store.DeploymentStore;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Everything the commands need from outside: the AWS clients behind the store, the caller's identity,
 * ECS and ELB (read only), time and the process environment. {@link AwsEnvironment} is the real one; tests pass one wired
 * to the sandbox, so they drive the real command path.
 */
public interface CliEnvironment extends AutoCloseable {

  DeploymentStore store(String table);

  DynamoDbClient dynamoDb();

  CallerIdentity callerIdentity();

  TaskSetLookup taskSets();

  /**
   * ECS through teal's gateway, for reading only: {@code teal plan} observes with it, and commands that
   * name containers check them against the task definition.
   */
  EcsGateway ecs();

  /** ELB through teal's gateway, for reading only ({@code teal plan}). */
  ElbGateway elb();

  /**
   * Application Auto Scaling, for reading only: {@code teal plan} looks up the service's scalable target as
   * the operator does, so a plan shows the suspension of its scale-in. None by default.
   */
  default ApplicationAutoScaling autoScaling() {
    return ApplicationAutoScaling.NONE;
  }

  Clock clock();

  /** How {@code status --watch} waits between polls. */
  Sleeper sleeper();

  /** How often {@code status --watch} polls (about once a second). */
  Duration pollInterval();

  /** Environment variables (for {@code TEAL_TABLE}). */
  Map<String, String> variables();

  InputStream stdin();

  @Override
  default void close() {}

  /** Waits; injectable so tests need not. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }
}
