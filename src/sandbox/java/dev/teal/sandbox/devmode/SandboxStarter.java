package dev.teal.sandbox.devmode;

import dev.teal.operator.config.TealConfig;
import dev.teal.operator.devmode.InProcessSandbox;
import dev.teal.sandbox.SandboxLauncher;

/** What dev mode's hook finds with ServiceLoader (META-INF/services in src/sandbox/resources). */
public final class SandboxStarter implements InProcessSandbox.Starter {

  @Override
  public InProcessSandbox start(TealConfig.Sandbox config, String region) {
    return new SandboxRuntime(SandboxLauncher.start(SandboxLauncher.Options.defaults()
        .apiPort(config.apiPort())
        .dynamoDbPort(config.dynamodbPort())
        .listenerPortOffset(config.listenerOffset())
        .region(region)));
  }
}
