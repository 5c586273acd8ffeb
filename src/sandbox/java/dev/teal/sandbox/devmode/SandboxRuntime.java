package dev.teal.sandbox.devmode;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.operator.devmode.InProcessSandbox;
import dev.teal.sandbox.SandboxLauncher;
import java.net.URI;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The running sandbox of dev mode: the launcher's DynamoDB Local and simulator, as the operator's
 * dev-mode hook ({@code dev.teal.operator.devmode}) sees them.
 */
final class SandboxRuntime implements InProcessSandbox {

  private final SandboxLauncher launcher;

  SandboxRuntime(SandboxLauncher launcher) {
    this.launcher = launcher;
  }

  @Override
  public BlueGreenDeployment seedDemo() {
    return DemoDocument.of(launcher.seedDemo());
  }

  /** Analysis requests go straight to the simulator's data plane for the listener. */
  @Override
  public Optional<URI> listenerUrl(String listenerArn) {
    try {
      return Optional.of(launcher.simulator().listenerUrl(listenerArn));
    } catch (NoSuchElementException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  @Override
  public String banner(String table, int httpPort, boolean demo) {
    return Banner.text(launcher.environment(), table, launcher.productionUrl(), launcher.testUrl(),
        launcher.endpoint(), httpPort, demo);
  }

  @Override
  public void close() {
    launcher.close();
  }
}
