package dev.teal.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teal.model.AnalysisSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.HttpAnalysisSpec;
import dev.teal.model.Phase;
import dev.teal.model.StrategySpec;
import dev.teal.operator.lease.MonotonicClock;
import dev.teal.operator.metrics.OperatorMetrics;
import dev.teal.sandbox.VirtualClock;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.StoredDeployment;
import dev.teal.store.TableSetup;
import dev.teal.testing.FleetWorld;
import dev.teal.testing.FleetWorld.Deployment;
import dev.teal.testing.SandboxExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One operator with a single reconcile worker and two deployments. The first runs an analysis of 1 000
 * requests, a minute's timeout each, against a test listener that accepts connections and never answers:
 * a thousand minutes of waiting. Meanwhile the second deployment is changed and previews its new image as
 * if the first were not there, and no reconcile of the first waits for a single request: the requests run
 * on the analysis threads, and each reconcile only records how far they got.
 *
 * <p>Planted fault: with the analysis run on the reconcile worker again (the runner built with
 * {@code HttpAnalysisRunner.ON_THE_CALLER} in OperatorAssembly), the only worker stayed inside the first
 * deployment's analysis and the second was never reconciled: this test failed waiting for it.
 */
class AnalysisStarvationTest {

  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(1);

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  @Test
  void anAnalysisAgainstASilentListenerHoldsNoWorkerAndAnotherDeploymentGoesAhead() throws Exception {
    FleetWorld fleet = FleetWorld.seed(sandbox, 2);
    Deployment analysed = fleet.deployments().get(0);
    Deployment other = fleet.deployments().get(1);
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    VirtualClock clock = sandbox.clock();
    var store = new DynamoDeploymentStore(sandbox.dynamoDb(), sandbox.tableName(), clock);
    try (ServerSocket silent = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress())) {
      OperatorSettings settings = TestOperators.withAnalysisRequestTimeout(
          TestOperators.settings("solo", sandbox.tableName(), 1), REQUEST_TIMEOUT);
      URI nowhere = URI.create("http://127.0.0.1:" + silent.getLocalPort());
      Operator operator = OperatorAssembly.assemble(settings, new OperatorClients(sandbox.dynamoDb(),
          sandbox.dynamoDbStreams(), sandbox.ecs(), sandbox.elb()), store, clock, MonotonicClock.of(clock),
          arn -> Optional.of(nowhere), new OperatorMetrics(new SimpleMeterRegistry()), new Random(1));
      operator.start();
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.leadership().canAct());
        fleet.writeDocuments(store, List.of(analysed, other));
        advanceUntil(operator, clock, store, other, s -> s.phase() == Phase.PROMOTED);
        advanceUntil(operator, clock, store, analysed, s -> s.phase() == Phase.PROMOTED);

        change(store, analysed, FleetWorld.spec(analysed, "registry.bench/app:2", DesiredPhase.PREVIEW)
            .withStrategy(withAnalysis(FleetWorld.spec(analysed, "x:1", DesiredPhase.PREVIEW).strategy())));
        DeploymentStatus analysing = advanceUntil(operator, clock, store, analysed,
            s -> s.analysis() != null && s.analysis().inProgress());
        assertThat(analysing.analysis().requests()).isZero();

        change(store, other, FleetWorld.spec(other, "registry.bench/app:2", DesiredPhase.PREVIEW));
        DeploymentStatus previewing = advanceUntil(operator, clock, store, other,
            s -> s.phase() == Phase.PREVIEWING);

        assertThat(previewing.preview().image()).isEqualTo("registry.bench/app:2");
        DeploymentStatus stillAnalysing = store.get(analysed.name()).orElseThrow().status();
        assertThat(stillAnalysing.analysis().inProgress()).as("the analysis is still waiting for its first answer")
            .isTrue();
        assertThat(operator.reconciles().last(analysed.name())).hasValueSatisfying(r -> {
          assertThat(r.took()).as("a reconcile of the analysed deployment").isLessThan(REQUEST_TIMEOUT);
          assertThat(r.message()).contains("analysing green");
        });
        System.out.printf("Analysis isolation: %s previewed while %s's analysis of 1000 requests to a silent"
            + " listener ran off the only reconcile worker (%s)%n", other.name(), analysed.name(),
            stillAnalysing.analysis().message());
      } finally {
        operator.halt();
      }
    }
  }

  private static StrategySpec withAnalysis(StrategySpec s) {
    return new StrategySpec(s.previewScale(), s.promotion(), s.autoPromoteAfter(), s.scaleDownDelay(),
        s.progressDeadline(), new AnalysisSpec(new HttpAnalysisSpec("/healthz", 200, 1000, 1000)));
  }

  private static void change(DynamoDeploymentStore store, Deployment d, dev.teal.model.DeploymentSpec spec) {
    StoredDeployment current = store.get(d.name()).orElseThrow();
    store.updateSpec(d.name(), current.resourceVersion(), spec, null, FleetWorld.BENCH);
  }

  /** Lets the operator do what is due, then moves the clock a step, until {@code d}'s status satisfies {@code done}. */
  private static DeploymentStatus advanceUntil(Operator operator, VirtualClock clock, DynamoDeploymentStore store,
      Deployment d, Predicate<DeploymentStatus> done) {
    for (int step = 0; step < 400; step++) {
      DaemonDriver.awaitSettled(operator);
      DeploymentStatus status = store.get(d.name()).map(StoredDeployment::status).orElse(null);
      if (status != null && done.test(status)) {
        return status;
      }
      clock.advance(DaemonDriver.STEP);
    }
    throw new AssertionError(d.name() + " did not get there: " + store.get(d.name()).orElseThrow().status());
  }
}
