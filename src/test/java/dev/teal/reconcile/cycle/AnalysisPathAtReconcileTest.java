package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.CycleHarness.analysis;
import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.reconcile.Reasons;
import dev.teal.reconcile.Reconciler;
import dev.teal.testing.SandboxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An analysis path written straight into DynamoDB, around the CLI's validation: the operator refuses the
 * document clearly (phase Failed, reason InvalidSpec, the message names the field) before any AWS write or
 * analysis request, instead of failing at resolve time with an unhandled exception or sending the request
 * to another host. The "other host" is a local server standing in for the instance metadata service.
 */
class AnalysisPathAtReconcileTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  private final AtomicInteger metadataRequests = new AtomicInteger();
  private HttpServer metadata;

  @BeforeEach
  void metadataService() throws IOException {
    metadata = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    metadata.createContext("/", exchange -> {
      metadataRequests.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    metadata.start();
  }

  @AfterEach
  void stop() {
    metadata.stop(0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"//127.0.0.1:METADATA/latest/meta-data/", "/a|b", "/%zz", "http://127.0.0.1:METADATA/x"})
  void aPathWrittenAroundTheValidatorIsRefusedBeforeAnythingIsSent(String template) {
    String path = template.replace("METADATA", String.valueOf(metadata.getAddress().getPort()));
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.apply(withStrategy(h.spec("nginx:1.27", DesiredPhase.PREVIEW), s -> analysis(s, 5, 0)));
    int mutatingBefore = h.mutatingCalls().size();
    sandbox.dynamoDb().updateItem(r -> r.tableName(sandbox.tableName())
        .key(Map.of("name", AttributeValue.fromS(CycleHarness.NAME), "sk", AttributeValue.fromS("deployment")))
        .updateExpression("SET spec.strategy.analysis.http.#path = :p")
        .expressionAttributeNames(Map.of("#path", "path"))
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(path))));

    Reconciler.Result result = h.reconcileOnce();

    assertThat(result.outcome()).isEqualTo(Reconciler.Result.Outcome.REJECTED);
    DeploymentStatus status = h.status();
    assertThat(status.phase()).isEqualTo(Phase.FAILED);
    assertThat(status.condition(Reasons.READY).reason()).isEqualTo(Reasons.INVALID_SPEC);
    assertThat(status.message()).contains("spec.strategy.analysis.http.path");
    assertThat(h.mutatingCalls()).as("no AWS write").hasSize(mutatingBefore);
    assertThat(metadataRequests).as("nothing reached the other host").hasValue(0);
  }
}
