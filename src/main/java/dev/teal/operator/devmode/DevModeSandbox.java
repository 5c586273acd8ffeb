package dev.teal.operator.devmode;

import dev.teal.aws.ListenerEndpoints;
import dev.teal.aws.sdk.ElbListenerEndpoints;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.operator.config.TealConfig;
import dev.teal.operator.wiring.StartupOrder;
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
 * <p>The sandbox itself is not part of the operator: {@link SandboxClasses} loads it from the test
 * classes ({@code teal.sandbox.classes}) when the sandbox is on, and only then.
 */
@ApplicationScoped
public class DevModeSandbox {

  private static final Logger LOG = Logger.getLogger(DevModeSandbox.class);

  @Inject
  TealConfig config;

  @Inject
  DynamoDbClient dynamoDb;

  @Inject
  DeploymentStore store;

  @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
  int httpPort;

  private volatile Running running;

  /** A started sandbox and the class loader it came from. */
  private record Running(InProcessSandbox sandbox, SandboxClasses classes) {}

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
      Running sandbox = running;
      return sandbox == null ? viaElb.urlOf(arn) : sandbox.sandbox().listenerUrl(arn);
    };
  }

  void start(@Observes @Priority(StartupOrder.SANDBOX) StartupEvent event) {
    if (!config.sandbox().enabled()) {
      return;
    }
    String region = config.region().orElse("us-east-1");
    LOG.infof("starting the sandbox AWS: simulator on 127.0.0.1:%d, DynamoDB Local on 127.0.0.1:%d",
        config.sandbox().apiPort(), config.sandbox().dynamodbPort());
    SandboxClasses classes = SandboxClasses.load(config.sandbox().classes(), DevModeSandbox.class.getClassLoader());
    InProcessSandbox sandbox;
    try {
      sandbox = classes.starter().start(config.sandbox(), region);
    } catch (LinkageError e) {
      classes.close();
      throw new IllegalStateException("teal.sandbox.enabled is true, but the sandbox's dependencies (DynamoDB"
          + " Local) are not on the class path: the packaged operator leaves them out; the sandbox runs in dev"
          + " mode (./mvnw quarkus:dev) and in the tests", e);
    } catch (RuntimeException e) {
      classes.close();
      throw e;
    }
    running = new Running(sandbox, classes);
    TableSetup.ensureTable(dynamoDb, config.table());
    if (config.sandbox().seedDemo()) {
      BlueGreenDeployment demo = sandbox.seedDemo();
      if (store.get(demo.name()).isEmpty()) {
        store.create(demo, new ChangeContext("teal-dev-mode", "./mvnw quarkus:dev (demo seed)"));
      }
    }
  }

  void announce(@Observes @Priority(StartupOrder.ANNOUNCE) StartupEvent event) {
    Running sandbox = running;
    if (sandbox != null) {
      LOG.info(sandbox.sandbox().banner(config.table(), httpPort, config.sandbox().seedDemo()));
    }
  }

  void stop(@Observes @Priority(StartupOrder.STOP_SANDBOX) ShutdownEvent event) {
    Running sandbox = running;
    running = null;
    if (sandbox != null) {
      sandbox.sandbox().close();
      sandbox.classes().close();
      LOG.info("sandbox AWS stopped");
    }
  }
}
