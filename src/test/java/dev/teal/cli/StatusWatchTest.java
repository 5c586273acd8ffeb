package dev.teal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.document.DocumentCodec;
import dev.teal.document.Fixtures;
import dev.teal.document.SpecHash;
import dev.teal.document.Violation;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.ObjectMeta;
import dev.teal.model.Phase;
import dev.teal.model.RevisionStatus;
import dev.teal.store.StoredDeployment;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The pure decision of {@code status --watch}: table-driven, no I/O. */
class StatusWatchTest {

  private static final DeploymentSpec SPEC = DocumentCodec.read(Fixtures.bytes(Fixtures.minimal())).spec();

  @ParameterizedTest(name = "spec {0}, status {1} -> {2}")
  @CsvSource({
      "preview,  Progressing, WAITING",
      "preview,  Previewing,  REACHED",
      "preview,  Promoting,   WAITING",
      "promote,  Previewing,  WAITING",
      "promote,  Promoting,   WAITING",
      "promote,  Promoted,    REACHED",
      "rollback, RollingBack, WAITING",
      "rollback, RolledBack,  REACHED",
      "rollback, Promoted,    WAITING",
      "preview,  Degraded,    FAILED",
      "promote,  Failed,      FAILED",
  })
  void decidesFromTheDesiredAndReportedPhase(String desired, String reported, StatusWatch.Outcome expected) {
    DeploymentSpec spec = SPEC.withPhase(DesiredPhase.fromWire(desired));

    assertThat(StatusWatch.evaluate(deployment(spec, status(Phase.fromWire(reported), SpecHash.of(spec), null)))
        .outcome()).isEqualTo(expected);
  }

  @Test
  void aStatusForAnEarlierSpecNeverEndsTheWatch() {
    DeploymentSpec spec = SPEC.withPhase(DesiredPhase.PROMOTE);
    String earlier = SpecHash.of(SPEC);

    assertThat(StatusWatch.evaluate(deployment(spec, status(Phase.PROMOTED, earlier, null))).outcome())
        .isEqualTo(StatusWatch.Outcome.WAITING);
    assertThat(StatusWatch.evaluate(deployment(spec, status(Phase.DEGRADED, earlier, null))).outcome())
        .isEqualTo(StatusWatch.Outcome.WAITING);
    assertThat(StatusWatch.evaluate(deployment(spec, null)).reason())
        .startsWith("waiting for the operator to act on the current spec");
  }

  @Test
  void previewIsAlsoReachedWhenTheImageAlreadyServesProduction() {
    RevisionStatus stable = RevisionStatus.of("r1", SPEC.image());
    DeploymentStatus promoted = new DeploymentStatus(Phase.PROMOTED, null, 1L, SpecHash.of(SPEC), stable, null, null,
        List.of(), null, null, null, null, null, null, null, List.of(), List.of());
    DeploymentStatus promotedOther = new DeploymentStatus(Phase.PROMOTED, null, 1L, SpecHash.of(SPEC),
        RevisionStatus.of("r0", "nginx:1.26"), null, null, List.of(), null, null, null, null, null, null, null,
        List.of(), List.of());

    assertThat(StatusWatch.evaluate(deployment(SPEC, promoted)).outcome()).isEqualTo(StatusWatch.Outcome.REACHED);
    assertThat(StatusWatch.evaluate(deployment(SPEC, promotedOther)).outcome()).isEqualTo(StatusWatch.Outcome.WAITING);
  }

  @Test
  void aFailureCarriesTheMessageAndTheConditionReason() {
    Condition degraded = new Condition("Degraded", Condition.TRUE, "ProgressDeadlineExceeded",
        "green was not healthy within 10m", null);

    StatusWatch.Verdict verdict = StatusWatch.evaluate(deployment(SPEC,
        status(Phase.DEGRADED, SpecHash.of(SPEC), degraded)));

    assertThat(verdict.reason()).isEqualTo("Degraded: aborted: condition Degraded=True reason ProgressDeadlineExceeded:"
        + " green was not healthy within 10m");
  }

  @Test
  void anInvalidStoredSpecEndsTheWatchAsAFailure() {
    StoredDeployment broken = new StoredDeployment(
        new BlueGreenDeployment(BlueGreenDeployment.API_VERSION, BlueGreenDeployment.KIND, ObjectMeta.named("web"),
            SPEC, null), SpecHash.of(SPEC), 0, null, List.of(new Violation("spec.imgae", "unknown field 'imgae'")));

    assertThat(StatusWatch.evaluate(broken).outcome()).isEqualTo(StatusWatch.Outcome.FAILED);
    assertThat(StatusWatch.evaluate(broken).reason()).contains("spec.imgae: unknown field 'imgae'");
  }

  private static StoredDeployment deployment(DeploymentSpec spec, DeploymentStatus status) {
    BlueGreenDeployment document = new BlueGreenDeployment(BlueGreenDeployment.API_VERSION, BlueGreenDeployment.KIND,
        new ObjectMeta("web", null, 1L, 1L, null, null, null), spec, status);
    return new StoredDeployment(document, SpecHash.of(spec), 0, null, List.of());
  }

  private static DeploymentStatus status(Phase phase, String hash, Condition condition) {
    return new DeploymentStatus(phase, phase.isFailure() ? "aborted" : null, 1L, hash, null, null, null, List.of(),
        null, null, null, null, null, null, null, condition == null ? List.of() : List.of(condition), List.of());
  }
}
