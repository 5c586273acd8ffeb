package dev.teal.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.operator.OperatorStatus;
import dev.teal.operator.events.EventSources;
import dev.teal.operator.lease.LeaseState;
import dev.teal.operator.lease.LeaseStatus;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** What "ready" means, case by case (the running daemon's readiness is checked in OperatorDaemonTest). */
class ReadinessReportTest {

  private static final TableProbe.Reachability REACHABLE = new TableProbe.Reachability(true, true, "reachable");
  private static final LeaseStatus HOLDER = new LeaseStatus(LeaseState.HOLDER, "a", Instant.parse("2030-01-01T00:00:15Z"));

  private static OperatorStatus status(LeaseStatus lease, boolean firstSyncDone, EventSources.Mode mode) {
    return new OperatorStatus("a", lease, lease.state() == LeaseState.HOLDER, mode, firstSyncDone, 3, 1, 0, true);
  }

  @Test
  void readyWithDataOnceDynamoDbAnswersTheLeaseIsKnownAndTheFirstSyncIsDone() {
    HealthCheckResponse response = ReadinessReport.of(status(HOLDER, true, EventSources.Mode.STREAM), REACHABLE);

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data)
        .containsEntry("dynamodb", "reachable").containsEntry("lease", "holder").containsEntry("leaseHolder", "a")
        .containsEntry("leaseExpiresAt", "2030-01-01T00:00:15Z").containsEntry("firstSyncDone", true)
        .containsEntry("eventSource", "stream").containsEntry("queueDepth", 3L).containsEntry("acting", true));
  }

  @Test
  void notReadyBeforeTheFirstSync() {
    assertThat(ReadinessReport.of(status(HOLDER, false, EventSources.Mode.STREAM), REACHABLE).getStatus())
        .isEqualTo(HealthCheckResponse.Status.DOWN);
  }

  @Test
  void notReadyWhileTheLeaseStateIsUnknown() {
    assertThat(ReadinessReport.of(status(LeaseStatus.UNKNOWN, true, EventSources.Mode.STREAM), REACHABLE).getStatus())
        .isEqualTo(HealthCheckResponse.Status.DOWN);
  }

  @Test
  void notReadyWhenDynamoDbDoesNotAnswerOrWasNotAskedYet() {
    var down = new TableProbe.Reachability(true, false, "unreachable: connection refused");
    HealthCheckResponse response = ReadinessReport.of(status(HOLDER, true, EventSources.Mode.STREAM), down);
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData().orElseThrow()).containsEntry("dynamodb", "unreachable: connection refused");
    assertThat(ReadinessReport.of(status(HOLDER, true, EventSources.Mode.STREAM), TableProbe.Reachability.NOT_CHECKED)
        .getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
  }

  @Test
  void aStandbyIsReadyAndPollingIsShown() {
    HealthCheckResponse response = ReadinessReport.of(status(new LeaseStatus(LeaseState.STANDBY, "b", null), true,
        EventSources.Mode.POLLING), REACHABLE);
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData().orElseThrow()).containsEntry("lease", "standby").containsEntry("leaseHolder", "b")
        .containsEntry("eventSource", "polling").containsEntry("acting", false);
  }
}
