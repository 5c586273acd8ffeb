package dev.teal.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.AbortStatus;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.NotificationSpec;
import dev.teal.model.Phase;
import dev.teal.model.PromotionSpec;
import dev.teal.model.PromotionStatus;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.model.StrategySpec;
import dev.teal.model.TrafficStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which status writes are transitions, table by table, from the status before and after: the rules of
 * {@link HistoryEntries}, with no store.
 *
 * <p>Planted faults, each seen to fail here: PROMOTED without the "a phase was written before" rule
 * (adoption then notifies); STARTED during a rollback; FAILED only on entering Failed (a new reason then
 * says nothing); new events taken as "those not in before" (a repeated event is then lost).
 */
class HistoryEntriesTest {

  static final Instant T = Instant.parse("2030-01-01T00:00:00Z");
  static final RevisionStatus BLUE = new RevisionStatus("r-blue", "nginx:1.26", null, null, "tg-b", null);
  static final RevisionStatus GREEN = new RevisionStatus("r-green", "nginx:1.27", null, null, "tg-g", null);
  static final RevisionStatus OTHER = new RevisionStatus("r-other", "nginx:1.28", null, null, "tg-o", null);

  static Stream<Arguments> transitions() {
    DeploymentStatus none = DeploymentStatus.empty();
    DeploymentStatus adopted = status(Phase.PROMOTED, BLUE, null, null, null, ready("Complete"));
    DeploymentStatus progressing = status(Phase.PROGRESSING, BLUE, GREEN, null, null, ready("CreatingResources"));
    DeploymentStatus previewing = status(Phase.PREVIEWING, BLUE, GREEN, null, null, ready("AwaitingPromotion"));
    DeploymentStatus step1 = status(Phase.PROMOTING, BLUE, GREEN, new PromotionStatus("r-green", 0, 25, T), null,
        ready("ShiftingTraffic"));
    DeploymentStatus step1Again = message(status(Phase.PROMOTING, BLUE, GREEN, new PromotionStatus("r-green", 0, 25, T),
        null, ready("ShiftingTraffic")), "green: 3/3 healthy");
    DeploymentStatus step2 = status(Phase.PROMOTING, BLUE, GREEN, new PromotionStatus("r-green", 1, 50, T), null,
        ready("ShiftingTraffic"));
    DeploymentStatus promoted = status(Phase.PROMOTED, GREEN, null, null, null, ready("Complete"));
    DeploymentStatus degraded = status(Phase.DEGRADED, BLUE, null, null,
        new AbortStatus("r-green", "nginx:1.27", "h", "ProgressDeadlineExceeded", "not ready within 10m", T),
        ready("Aborted"));
    DeploymentStatus rollingBack = status(Phase.ROLLING_BACK, GREEN, BLUE, null, null, ready("RollingBack"));
    DeploymentStatus rolledBack = status(Phase.ROLLED_BACK, BLUE, null, null, null, ready("Complete"));
    DeploymentStatus failed = status(Phase.FAILED, BLUE, null, null, null, ready("ServiceNotFound"));
    DeploymentStatus failedOtherwise = status(Phase.FAILED, BLUE, null, null, null, ready("AwsRejectedRequest"));
    DeploymentStatus superseded = status(Phase.PROGRESSING, BLUE, OTHER, null, null, ready("CreatingResources"));
    return Stream.of(
        Arguments.of("adopting a running service", none, adopted, List.of()),
        Arguments.of("green starts", adopted, progressing, List.of(NotificationType.STARTED)),
        Arguments.of("a first deployment straight to a step", none, step1,
            List.of(NotificationType.STARTED, NotificationType.STEP)),
        Arguments.of("green replaced by a newer green", progressing, superseded, List.of(NotificationType.STARTED)),
        Arguments.of("still progressing", progressing, message(progressing, "1/3 running"), List.of()),
        Arguments.of("green ready, waiting", progressing, previewing, List.of(NotificationType.WAITING_FOR_PROMOTION)),
        Arguments.of("first step", previewing, step1, List.of(NotificationType.STEP)),
        Arguments.of("the same step written again", step1, step1Again, List.of()),
        Arguments.of("next step", step1, step2, List.of(NotificationType.STEP)),
        Arguments.of("paused back to preview", step2, previewing, List.of(NotificationType.WAITING_FOR_PROMOTION)),
        Arguments.of("promoted", step2, promoted, List.of(NotificationType.PROMOTED)),
        Arguments.of("aborted", progressing, degraded, List.of(NotificationType.DEGRADED)),
        Arguments.of("still degraded", degraded, message(degraded, "cleaned up"), List.of()),
        Arguments.of("a rollback is no new attempt", promoted, rollingBack, List.of()),
        Arguments.of("rolled back", rollingBack, rolledBack, List.of(NotificationType.ROLLED_BACK)),
        Arguments.of("failed", adopted, failed, List.of(NotificationType.FAILED)),
        Arguments.of("failed as a first status", none, failed, List.of(NotificationType.FAILED)),
        Arguments.of("failed again for the same reason", failed, message(failed, "still"), List.of()),
        Arguments.of("failed for another reason", failed, failedOtherwise, List.of(NotificationType.FAILED)),
        Arguments.of("acting again after a failure, same stable", failed, adopted, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void aStatusWriteNotifiesExactlyItsTransitions(String name, DeploymentStatus before, DeploymentStatus after,
      List<NotificationType> expected) {
    assertThat(HistoryEntries.notifications(before, after, spec()).stream().map(Notification::type))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void aStepSaysWhichOfHowManyAndTheWeight() {
    DeploymentStatus previewing = status(Phase.PREVIEWING, BLUE, GREEN, null, null, ready("AwaitingPromotion"));
    DeploymentStatus step2 = status(Phase.PROMOTING, BLUE, GREEN, new PromotionStatus("r-green", 1, 50, T), null,
        ready("ShiftingTraffic"));

    assertThat(HistoryEntries.notifications(previewing, step2, spec())).singleElement().satisfies(n -> {
      assertThat(n.step()).isEqualTo(2);
      assertThat(n.steps()).isEqualTo(3);
      assertThat(n.weight()).isEqualTo(50);
      assertThat(n.message()).isEqualTo("production: 50% to nginx:1.27 (step 2 of 3)");
    });
  }

  @Test
  void degradedCarriesTheAbortsReasonAndGreenIsTheRevisionThatFailed() {
    DeploymentStatus progressing = status(Phase.PROGRESSING, BLUE, GREEN, null, null, ready("CreatingResources"));
    DeploymentStatus degraded = status(Phase.DEGRADED, BLUE, null, null,
        new AbortStatus("r-green", "nginx:1.27", "h", "AnalysisFailed", "3 of 20 requests failed", T), ready("Aborted"));

    HistoryEntry entry = HistoryEntries.of(write(progressing, degraded)).orElseThrow();

    assertThat(entry.notifications()).singleElement().satisfies(n -> {
      assertThat(n.reason()).isEqualTo("AnalysisFailed");
      assertThat(n.message()).isEqualTo("3 of 20 requests failed");
    });
    assertThat(entry.green()).isEqualTo(new RevisionRef("r-green", "nginx:1.27"));
    assertThat(entry.webhooks()).containsExactly("team");
    assertThat(entry.caller()).isEqualTo("arn:aws:iam::000000000000:user/alice");
  }

  @Test
  void theNewEventsAreTheTailAfterWhatBothShareEvenWhenTheOldestWereDroppedOrOneRepeats() {
    List<DeploymentEvent> before = events(0, 20);
    List<DeploymentEvent> after = new ArrayList<>(events(2, 20));
    after.add(event(20));
    after.add(event(21));
    assertThat(HistoryEntries.newEvents(before, after)).containsExactly(event(20), event(21));

    List<DeploymentEvent> repeated = new ArrayList<>(events(0, 3));
    repeated.add(event(2)); // the same event again (same time, reason and message) is still new
    assertThat(HistoryEntries.newEvents(events(0, 3), repeated)).containsExactly(event(2));
    assertThat(HistoryEntries.newEvents(List.of(), events(0, 2))).containsExactly(event(0), event(1));
    assertThat(HistoryEntries.newEvents(events(0, 2), events(0, 2))).isEmpty();
  }

  @Test
  void aWriteThatOnlyRewordsTheMessageHasNoEntryButOneThatMovesARouteHas() {
    DeploymentStatus a = traffic(status(Phase.PROGRESSING, BLUE, GREEN, null, null, ready("WaitingForHealthyTargets")),
        List.of(weight(BLUE, 100)), List.of(weight(BLUE, 100), weight(GREEN, 0)));
    DeploymentStatus reworded = message(a, "2/3 running");
    DeploymentStatus moved = traffic(a, List.of(weight(BLUE, 100)), List.of(weight(GREEN, 100), weight(BLUE, 0)));

    assertThat(HistoryEntries.of(write(a, reworded))).isEmpty();
    assertThat(HistoryEntries.of(write(a, moved))).hasValueSatisfying(entry -> {
      assertThat(entry.notifications()).isEmpty();
      assertThat(entry.test()).containsExactly(new RouteWeight("r-green", "nginx:1.27", null, 100),
          new RouteWeight("r-blue", "nginx:1.26", null, 0));
    });
  }

  @Test
  void keysSortInTheOrderWrittenAndEventIdsAreStableAndDistinct() {
    HistoryEntry v9 = entry(9);
    HistoryEntry v10 = entry(10);
    assertThat(v9.key()).isLessThan(v10.key());
    assertThat(v9.cursor(1)).isLessThan(v10.cursor(0)).isGreaterThan(v9.cursor(0));
    assertThat(v9.eventId(0)).isEqualTo(entry(9).eventId(0)).isNotEqualTo(v9.eventId(1))
        .isNotEqualTo(v10.eventId(0));
    HistoryEntry recreated = new HistoryEntry("web", T.plusSeconds(1), 9, 1, T, Phase.PROMOTED, null, null, null, null,
        null, null, null, null, null, null, v9.notifications(), null);
    assertThat(recreated.eventId(0)).as("a document created again has new ids").isNotEqualTo(v9.eventId(0));
  }

  private static HistoryEntry entry(long version) {
    return new HistoryEntry("web", T, version, 1, T, Phase.PROMOTING, Phase.PROMOTING, null, null, null, null, null,
        null, null, null, null, List.of(Notification.of(NotificationType.STEP, "x", "a"),
            Notification.of(NotificationType.PROMOTED, "y", "b")), null);
  }

  private static HistoryEntries.Write write(DeploymentStatus before, DeploymentStatus after) {
    return new HistoryEntries.Write("web", T, 3, spec(), "arn:aws:iam::000000000000:user/alice", before, after, 8, T);
  }

  private static DeploymentSpec spec() {
    return new DeploymentSpec("demo", "web", "web", "web", 80, "nginx:1.27", DesiredPhase.PROMOTE, null, null,
        new StrategySpec(null, PromotionSpec.of(List.of(25, 50, 100), null), null, null, null, null))
        .withNotifications(new NotificationSpec(List.of("team")));
  }

  static DeploymentStatus status(Phase phase, RevisionStatus stable, RevisionStatus preview, PromotionStatus promotion,
      AbortStatus aborted, Condition ready) {
    return new DeploymentStatus(phase, phase.wireName(), 1L, null, stable, preview, null, List.of(), null, promotion,
        null, null, null, null, aborted, List.of(ready), List.of());
  }

  private static DeploymentStatus message(DeploymentStatus s, String message) {
    return new DeploymentStatus(s.phase(), message, s.observedGeneration(), s.observedSpecHash(), s.stable(),
        s.preview(), s.previous(), s.retired(), s.traffic(), s.promotion(), s.analysis(), s.progressStartedAt(),
        s.previewReadyAt(), s.promotedAt(), s.aborted(), s.conditions(), s.events());
  }

  private static DeploymentStatus traffic(DeploymentStatus s, List<RouteWeight> production, List<RouteWeight> test) {
    return new DeploymentStatus(s.phase(), s.message(), s.observedGeneration(), s.observedSpecHash(), s.stable(),
        s.preview(), s.previous(), s.retired(), new TrafficStatus(production, test), s.promotion(), s.analysis(),
        s.progressStartedAt(), s.previewReadyAt(), s.promotedAt(), s.aborted(), s.conditions(), s.events());
  }

  private static Condition ready(String reason) {
    return new Condition("Ready", "Complete".equals(reason) ? Condition.TRUE : Condition.FALSE, reason, "", T);
  }

  private static RouteWeight weight(RevisionStatus revision, int weight) {
    return new RouteWeight(revision.revision(), revision.image(), revision.targetGroup(), weight);
  }

  private static List<DeploymentEvent> events(int from, int to) {
    return IntStream.range(from, to).mapToObj(HistoryEntriesTest::event).toList();
  }

  private static DeploymentEvent event(int i) {
    return new DeploymentEvent(T.plusSeconds(i), DeploymentEvent.NORMAL, "R" + i, "event " + i);
  }
}
