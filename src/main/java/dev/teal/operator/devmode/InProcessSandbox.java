package dev.teal.operator.devmode;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.operator.config.TealConfig;
import java.net.URI;
import java.util.Optional;

/**
 * The sandbox AWS that dev mode runs inside the operator: DynamoDB Local and the ECS/ELBv2/STS
 * simulator on their loopback ports. Implemented beside the simulator in src/sandbox, which the
 * packaged operator does not contain; {@link SandboxClasses} finds the implementation.
 */
public interface InProcessSandbox extends AutoCloseable {

  /**
   * Starts the sandbox. Implementations are listed in {@code META-INF/services} and have a public
   * no-argument constructor, as {@link java.util.ServiceLoader} needs.
   */
  interface Starter {

    /** DynamoDB Local and the simulator on the configured loopback ports, on the real-time clock. */
    InProcessSandbox start(TealConfig.Sandbox config, String region);
  }

  /** Creates the demo world and returns the document that deploys its service. */
  BlueGreenDeployment seedDemo();

  /** Where analysis requests reach a listener: the simulator's data plane for it, if it exists. */
  Optional<URI> listenerUrl(String listenerArn);

  /** What dev mode prints once the operator runs: the CLI's environment and the walkthrough. */
  String banner(String table, int httpPort, boolean demo);

  /** Stops the simulator and DynamoDB Local. */
  @Override
  void close();
}
