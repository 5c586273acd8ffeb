package dev.teal.reliability;

import static dev.teal.reconcile.cycle.CycleHarness.analysis;
import static dev.teal.reconcile.cycle.CycleHarness.steps;
import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.reconcile.cycle.CycleHarness;
import dev.teal.reconcile.cycle.Stops;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stopped at every step: for a whole cycle and for each rollback path, the reconciler is killed right
 * before and right after each of its mutating ECS and ELB calls, all in-memory state is
 * discarded, and a fresh instance converges. Every run must end in the same state as the uninterrupted
 * run, with no orphaned task set, target group or task definition revision, and with the safety
 * invariants holding at every observed moment.
 *
 * <p>Two scenarios run in a harder world ({@link WorldMode}) at no extra cost: the whole cycle with
 * Application Auto Scaling and Fargate changing the service while production shifts to green (it covers every
 * call of the plain whole cycle, plus the scale-in suspension), and the longest rollback with AWS eventually
 * consistent (every call that AWS answers "not yet" is a stop point too). The other rollbacks run plain.
 *
 * <p>Shown to catch: resuming without the task-definition lookup by tag (planted in {@code Observer}): a
 * stop right after RegisterTaskDefinition then made the fresh instance register a second revision, and
 * one stop point per scenario failed with "tealTaskDefinitions=2".
 */
@Tag("own-jvm") // pom.xml: surefire runs it in a JVM of its own
class StopAtEveryStepTest {

  /** @param before run once when the stage's spec is applied (e.g. to schedule autoscaling) */
  record Stage(String label, Function<CycleHarness, DeploymentSpec> spec, Predicate<DeploymentStatus> until,
      Consumer<CycleHarness> before) {

    Stage(String label, Function<CycleHarness, DeploymentSpec> spec, Predicate<DeploymentStatus> until) {
      this(label, spec, until, h -> { });
    }
  }

  static final Predicate<DeploymentStatus> SCALED_DOWN = s -> s.phase() == Phase.PROMOTED && s.previous() != null
      && s.previous().taskSet() == null && s.retired().isEmpty() && s.scaleIn() == null;
  static final Predicate<DeploymentStatus> ROLLED_BACK = s -> s.phase() == Phase.ROLLED_BACK && s.retired().isEmpty();

  static Stage adopt() {
    return new Stage("adopt nginx:1.26", h -> h.spec("nginx:1.26", DesiredPhase.PREVIEW),
        s -> s.phase() == Phase.PROMOTED);
  }

  static Function<CycleHarness, DeploymentSpec> green(DesiredPhase phase, List<Integer> steps, Duration interval) {
    return h -> withStrategy(h.spec("nginx:1.27", phase), s -> analysis(steps(s, steps, interval), 5, 0));
  }

  static List<Stage> wholeCycle(WorldMode mode) {
    List<Integer> twoSteps = List.of(50, 100);
    return List.of(adopt(),
        new Stage("preview", green(DesiredPhase.PREVIEW, twoSteps, Duration.ofMinutes(2)),
            s -> s.phase() == Phase.PREVIEWING),
        new Stage("stepped promote", green(DesiredPhase.PROMOTE, twoSteps, Duration.ofMinutes(2)),
            s -> s.phase() == Phase.PROMOTED, mode::duringPromotion),
        new Stage("scale-down", green(DesiredPhase.PROMOTE, twoSteps, Duration.ofMinutes(2)), SCALED_DOWN));
  }

  static Stream<Arguments> scenarios() {
    List<Integer> twoSteps = List.of(50, 100);
    return Stream.of(
        Arguments.of("whole cycle, autoscaling and task churn mid-promotion", WorldMode.AUTOSCALING,
            wholeCycle(WorldMode.AUTOSCALING)),
        Arguments.of("rollback before promotion", WorldMode.PLAIN, List.of(adopt(),
            new Stage("preview", green(DesiredPhase.PREVIEW, twoSteps, Duration.ofMinutes(2)),
                s -> s.phase() == Phase.PREVIEWING),
            new Stage("rollback", green(DesiredPhase.ROLLBACK, twoSteps, Duration.ofMinutes(2)), ROLLED_BACK))),
        Arguments.of("rollback during steps", WorldMode.PLAIN, List.of(adopt(),
            new Stage("promote to 50%", green(DesiredPhase.PROMOTE, twoSteps, Duration.ofMinutes(30)),
                s -> s.promotion() != null && s.promotion().weight() == 50),
            new Stage("rollback", green(DesiredPhase.ROLLBACK, twoSteps, Duration.ofMinutes(30)), ROLLED_BACK))),
        Arguments.of("rollback after promotion", WorldMode.PLAIN, List.of(adopt(),
            new Stage("promote", green(DesiredPhase.PROMOTE, List.of(100), Duration.ofMinutes(1)),
                s -> s.phase() == Phase.PROMOTED),
            new Stage("rollback", green(DesiredPhase.ROLLBACK, List.of(100), Duration.ofMinutes(1)), ROLLED_BACK))),
        Arguments.of("rollback after scale-down, AWS eventually consistent", WorldMode.EVENTUALLY_CONSISTENT,
            List.of(adopt(),
            new Stage("promote and scale down", green(DesiredPhase.PROMOTE, List.of(100), Duration.ofMinutes(1)),
                SCALED_DOWN),
            new Stage("rollback", green(DesiredPhase.ROLLBACK, List.of(100), Duration.ofMinutes(1)), ROLLED_BACK))));
  }

  /**
   * Worlds run at a time. Four, on two cores: a run spends much of its time waiting for the simulator and
   * DynamoDB Local (in this JVM) to answer over loopback, so two runs left the cores half idle.
   */
  static final int THREADS = 4;

  /** What a scenario found: how many mutating calls its uninterrupted run made, and the stop points that failed. */
  record Outcome(int stopPoints, int runs, List<String> failures) {
  }

  private static ExecutorService pool;
  private static final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();

  /**
   * Starts every scenario at once on one pool: each baseline, as soon as it is done, queues that scenario's
   * stop points, so no thread waits for a scenario's last stop point before the next scenario starts. The
   * tests below only collect each scenario's outcome.
   */
  @BeforeAll
  static void startEveryScenario() {
    pool = Executors.newFixedThreadPool(THREADS);
    scenarios().forEach(arguments -> {
      Object[] args = arguments.get();
      outcomes.put((String) args[0], start((WorldMode) args[1], castStages(args[2])));
    });
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  @SuppressWarnings("unchecked")
  private static List<Stage> castStages(Object stages) {
    return (List<Stage>) stages;
  }

  private static CompletableFuture<Outcome> start(WorldMode mode, List<Stage> stages) {
    Stops counting = Stops.countingOnly();
    return CompletableFuture.supplyAsync(() -> inFreshSandbox(mode, sandbox -> {
      CycleHarness baseline = run(sandbox, mode, stages, counting);
      baseline.assertInvariantsHeld();
      return WorldSnapshot.of(baseline);
    }), pool).thenCompose(expected -> {
      int stopPoints = counting.calls();
      List<CompletableFuture<String>> results = new ArrayList<>();
      for (int k = 1; k <= stopPoints; k++) {
        for (boolean after : new boolean[] {false, true}) {
          int call = k;
          String where = (after ? "after" : "before") + " call " + k + " (" + counting.seen().get(k - 1) + ")";
          results.add(CompletableFuture.supplyAsync(() -> inFreshSandbox(mode, sandbox -> {
            try {
              CycleHarness h = run(sandbox, mode, stages, new Stops(call, after));
              assertThat(h.stoppedAt).as("the stop point was reached").isNotNull();
              assertThat(WorldSnapshot.of(h)).isEqualTo(expected);
              h.assertInvariantsHeld();
              h.assertIdempotent();
              return null;
            } catch (AssertionError | RuntimeException e) {
              return where + ": " + e.getMessage();
            }
          }), pool));
        }
      }
      return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(done -> new Outcome(
          stopPoints, results.size(), results.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList()));
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void convergesToTheSameStateFromEveryStopPoint(String scenario, WorldMode mode, List<Stage> stages)
      throws Throwable {
    Outcome outcome;
    try {
      outcome = outcomes.get(scenario).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
    }
    System.out.printf("%s: %d of %d stop points converged (%d mutating calls, stopped before and after each)%n",
        scenario, outcome.runs() - outcome.failures().size(), outcome.runs(), outcome.stopPoints());
    assertThat(outcome.runs()).as("stop points of " + scenario).isEqualTo(2 * outcome.stopPoints()).isPositive();
    assertThat(outcome.failures()).as(scenario).isEmpty();
  }

  private static <T> T inFreshSandbox(WorldMode mode, Function<SandboxExtension, T> body) {
    SandboxExtension sandbox = SandboxExtension.create();
    sandbox.restart();
    try {
      mode.prepare(sandbox);
      return body.apply(sandbox);
    } finally {
      sandbox.close();
    }
  }

  private static CycleHarness run(SandboxExtension sandbox, WorldMode mode, List<Stage> stages, Stops stops) {
    CycleHarness h = mode.harness(new CycleHarness(sandbox));
    h.stopWith(stops);
    for (Stage stage : stages) {
      h.apply(stage.spec().apply(h));
      stage.before().accept(h);
      h.runUntil(stage.until(), Duration.ofHours(3));
    }
    return h;
  }
}
