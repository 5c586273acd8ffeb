package dev.teal.operator.sandbox;

import dev.teal.aws.ListenerEndpoints;
import dev.teal.aws.sdk.ElbListenerEndpoints;
import dev.teal.operator.config.TealConfig;
import dev.teal.operator.wiring.StartupOrder;
import dev.teal.sandbox.DemoIds;
import dev.teal.store.ChangeContext;
import dev.teal.store.DeploymentStore;
import dev.teal.store.TableSetup;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Dev mode's sandbox AWS ({@code teal.sandbox.enabled}, on in the dev profile only): before the operator
 * starts, DynamoDB Local and the ECS/ELB/STS simulator start on their fixed loopback ports, the demo
 * world is seeded, the table created and the {@code web} document written unless it exists; once the
 * operator runs, a banner says how to point the CLI at it. teal's own clients reach it through the
 * dev profile's {@code teal.endpoints.*}.
 *
 * <p>Nothing in this bean's fields or method signatures names a sandbox-only type: with the sandbox
 * off (production), {@link SandboxRuntime} is never loaded, so the packaged operator runs without
 * DynamoDB Local on its class path.
 */
@ApplicationScoped
public class DevSandbox {

  private static final Logger LOG = Logger.getLogger(DevSandbox.class);

  @Inject
  TealConfig config;

  @Inject
  DynamoDbClient dynamoDb;

  @Inject
  DeploymentStore store;

  @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
  int httpPort;

  private volatile SandboxRuntime running;

  /**
   * Where analysis requests reach a listener: the simulator's data plane while the sandbox runs in this
   * process, the load balancer's DNS name otherwise. Replaces the operator's default, which knows only
   * the latter.
   */
  @Produces
  @Singleton
  ListenerEndpoints listenerEndpoints(ElasticLoadBalancingV2Client elb) {
    ListenerEndpoints viaElb = new ElbListenerEndpoints(elb);
    return arn -> {
      SandboxRuntime sandbox = running;
      return sandbox == null ? viaElb.urlOf(arn) : sandbox.listenerEndpoints().urlOf(arn);
    };
  }

  void start(@Observes @Priority(StartupOrder.SANDBOX) StartupEvent event) {
    if (!config.sandbox().enabled()) {
      return;
    }
    String region = config.region().orElse("us-east-1");
    LOG.infof("starting the sandbox AWS: simulator on 127.0.0.1:%d, DynamoDB Local on 127.0.0.1:%d",
        config.sandbox().apiPort(), config.sandbox().dynamodbPort());
    SandboxRuntime sandbox;
    try {
      sandbox = SandboxRuntime.start(config.sandbox(), region);
    } catch (NoClassDefFoundError e) {
      throw new IllegalStateException("teal.sandbox.enabled is true, but DynamoDB Local is not on the class path:"
          + " the sandbox runs in dev mode (./mvnw quarkus:dev) and in tests, not in the packaged operator", e);
    }
    running = sandbox;
    TableSetup.ensureTable(dynamoDb, config.table());
    if (config.sandbox().seedDemo()) {
      DemoIds demo = sandbox.seedDemo();
      if (store.get(DemoDocument.NAME).isEmpty()) {
        store.create(DemoDocument.of(demo), new ChangeContext("teal-dev-mode", "./mvnw quarkus:dev (demo seed)"));
      }
    }
  }

  void announce(@Observes @Priority(StartupOrder.ANNOUNCE) StartupEvent event) {
    SandboxRuntime sandbox = running;
    if (sandbox != null) {
      LOG.info(Banner.text(sandbox.environment(), config.table(), sandbox.productionUrl(), sandbox.testUrl(),
          sandbox.endpoint(), httpPort, config.sandbox().seedDemo()));
    }
  }

  void stop(@Observes @Priority(StartupOrder.STOP_SANDBOX) ShutdownEvent event) {
    SandboxRuntime sandbox = running;
    running = null;
    if (sandbox != null) {
      sandbox.close();
      LOG.info("sandbox AWS stopped");
    }
  }
}
