package dev.teal.reconcile;

import static dev.teal.reconcile.Fixtures.BLUE_TD;
import static dev.teal.reconcile.Fixtures.BLUE_TG;
import static dev.teal.reconcile.Fixtures.BLUE_TS;
import static dev.teal.reconcile.Fixtures.NAME;
import static dev.teal.reconcile.Fixtures.T0;
import static dev.teal.reconcile.Fixtures.blue;
import static dev.teal.reconcile.Fixtures.green;
import static dev.teal.reconcile.Fixtures.owned;
import static dev.teal.reconcile.Fixtures.spec;
import static dev.teal.reconcile.Fixtures.strategy;
import static dev.teal.reconcile.Fixtures.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.document.SpecHash;
import dev.teal.model.AbortStatus;
import dev.teal.model.ControlSpec;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.HttpAnalysisSpec;
import dev.teal.model.RevisionStatus;
import dev.teal.reconcile.Fixtures.World;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code teal plan}'s output at each phase of a cycle, compared with the files in
 * {@code src/test/resources/plan-golden/}. After an intended change of the planner or of the plan's
 * layout, write them again with {@code -Dteal.golden.update=true} and review the diff.
 */
class PlanGoldenTest {

  static final Path GOLDEN = Path.of("src/test/resources/plan-golden");
  static final Duration POLL = Duration.ofSeconds(5);
  static final DeploymentSpec STEPPED = withStrategy(spec("nginx:1.27", DesiredPhase.PROMOTE),
      strategy(100, List.of(10, 50, 100), null, new HttpAnalysisSpec("/healthz", 200, 10, 0)));
  static final RevisionStatus G = green(STEPPED);
  static final TaskDefinitionInfo RUNNING = new TaskDefinitionInfo(BLUE_TD, "web", 1, Map.of("web", "nginx:1.26"),
      Map.of(), "awsvpc", Map.of("web", Map.of("environment", "1", "memory", "200")));
  static final TaskDefinitionInfo TEMPLATE = new TaskDefinitionInfo(BLUE_TD, "web", 1, Map.of("web", "nginx:1.26"),
      Map.of(), "awsvpc", Map.of("web", Map.of("environment", "2", "memory", "200")));

  record Case(DeploymentSpec spec, DeploymentStatus status, World world, TaskDefinitionInfo running) {
    Case(DeploymentSpec spec, DeploymentStatus status, World world) {
      this(spec, status, world, RUNNING);
    }
  }

  /** Green's own definition, once it serves production: what the template gives, with its image. */
  static final TaskDefinitionInfo GREEN_RUNNING = new TaskDefinitionInfo(G.taskDefinition(), "web", 2,
      Map.of("web", "nginx:1.27"), Map.of(), "awsvpc", TEMPLATE_SETTINGS());

  static Map<String, Map<String, String>> TEMPLATE_SETTINGS() {
    return Map.of("web", Map.of("environment", "2", "memory", "200"));
  }

  static World greenReady() {
    return World.blueOnly().green(G, true, 3).healthy(G.targetGroup(), 3).testOnGreen(G.targetGroup());
  }

  static Stream<Arguments> phases() {
    var previewing = StatusFixture.onStable(blue()).preview(G, T0).ready(T0);
    previewing.analysis = new dev.teal.model.AnalysisStatus(G.revision(), Planner.PREVIEW_STAGE, true, 10, 0, "ok",
        T0);
    var promoting = StatusFixture.onStable(blue()).preview(G, T0).ready(T0).step(0, 10, T0);
    promoting.analysis = previewing.analysis;
    var degraded = StatusFixture.onStable(blue());
    degraded.aborted = new AbortStatus(G.revision(), "nginx:1.27", SpecHash.ofAttempt(STEPPED),
        Reasons.PROGRESS_DEADLINE_EXCEEDED, "green nginx:1.27 was not ready within 10m", T0);
    World afterPromotion = World.blueOnly().green(G, true, 3).production(Map.of(G.targetGroup(), 100))
        .testOnGreen(G.targetGroup()).replace(G.taskSet(), t -> t.withStatus("PRIMARY"))
        .replace(BLUE_TS, t -> t.withStatus("ACTIVE").withTags(owned(blue().revision())));
    DeploymentSpec paused = STEPPED.withControl(ControlSpec.NONE.withPause(new ControlSpec.PauseRequest(
        "arn:aws:iam::000000000000:user/alice", T0)));
    return Stream.of(
        Arguments.of("1-progressing", new Case(STEPPED, StatusFixture.onStable(blue()).build(), World.blueOnly())),
        Arguments.of("2-previewing", new Case(STEPPED.withPhase(DesiredPhase.PREVIEW), previewing.build(),
            greenReady())),
        Arguments.of("3-promoting", new Case(STEPPED, promoting.build(),
            greenReady().production(Map.of(BLUE_TG, 90, G.targetGroup(), 10)))),
        Arguments.of("4-paused", new Case(paused, promoting.build(),
            greenReady().production(Map.of(BLUE_TG, 90, G.targetGroup(), 10)))),
        Arguments.of("5-promoted", new Case(STEPPED, StatusFixture.onStable(G).keeping(blue(), T0).build(),
            afterPromotion, GREEN_RUNNING)),
        Arguments.of("6-rolling-back", new Case(STEPPED.withPhase(DesiredPhase.ROLLBACK),
            StatusFixture.onStable(G).keeping(blue(), T0).build(), afterPromotion.healthy(BLUE_TG, 3), GREEN_RUNNING)),
        Arguments.of("7-degraded", new Case(STEPPED, degraded.build(), World.blueOnly())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("phases")
  void planOutputAtEachPhaseOfACycle(String phase, Case c) throws Exception {
    PlanPreview.Result plan = PlanPreview.fromObservation(NAME, 4, SpecHash.of(c.spec()), c.spec(), c.status(),
        c.world().observed(), T0.plusSeconds(30), POLL, TEMPLATE, c.running());

    String text = plan.render();

    Path file = GOLDEN.resolve(phase + ".txt");
    if (Boolean.getBoolean("teal.golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, text, StandardCharsets.UTF_8);
    }
    assertThat(text).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
