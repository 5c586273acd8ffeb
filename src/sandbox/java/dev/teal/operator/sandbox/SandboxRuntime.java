package dev.teal.operator.sandbox;

import dev.teal.aws.ListenerEndpoints;
import dev.teal.operator.config.TealConfig;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.SandboxLauncher;
import java.net.URI;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The running sandbox of dev mode. Only this class touches {@link SandboxLauncher} (and through it
 * DynamoDB Local, which the packaged operator does not contain); it is loaded only when
 * {@code teal.sandbox.enabled} is true.
 */
final class SandboxRuntime implements AutoCloseable {

  private final SandboxLauncher launcher;

  private SandboxRuntime(SandboxLauncher launcher) {
    this.launcher = launcher;
  }

  /** DynamoDB Local and the simulator on their fixed loopback ports, on the real-time clock. */
  static SandboxRuntime start(TealConfig.Sandbox config, String region) {
    return new SandboxRuntime(SandboxLauncher.start(SandboxLauncher.Options.defaults()
        .apiPort(config.apiPort())
        .dynamoDbPort(config.dynamodbPort())
        .listenerPortOffset(config.listenerOffset())
        .region(region)));
  }

  DemoIds seedDemo() {
    return launcher.seedDemo();
  }

  /** Analysis requests go straight to the simulator's data plane for the listener. */
  ListenerEndpoints listenerEndpoints() {
    return arn -> {
      try {
        return Optional.of(launcher.simulator().listenerUrl(arn));
      } catch (NoSuchElementException | IllegalStateException e) {
        return Optional.empty();
      }
    };
  }

  /** What the CLI needs in its environment. */
  Map<String, String> environment() {
    return launcher.environment();
  }

  URI endpoint() {
    return launcher.endpoint();
  }

  URI dynamoDbEndpoint() {
    return launcher.dynamoDbEndpoint();
  }

  URI productionUrl() {
    return launcher.productionUrl();
  }

  URI testUrl() {
    return launcher.testUrl();
  }

  @Override
  public void close() {
    launcher.close();
  }
}
