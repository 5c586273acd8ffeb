package dev.teal.operator.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.history.HistoryEntry;
import dev.teal.history.Notification;
import dev.teal.history.NotificationType;
import dev.teal.history.RevisionRef;
import dev.teal.model.DeploymentEvent;
import dev.teal.model.Phase;
import dev.teal.model.RouteWeight;
import dev.teal.operator.web.DeploymentTimeline.Attempt;
import dev.teal.operator.web.DeploymentTimeline.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The deployment page's timeline from recorded entries, without a server or a browser.
 *
 * <p>Planted faults, each seen to fail here: attempts not cut at a rollback (it joins the promotion
 * before it); the share computed as the raw weight (ALB weights are relative); entries of an earlier
 * incarnation of the same name shown.
 */
class DeploymentTimelineTest {

  static final Instant CREATED = Instant.parse("2030-01-01T00:00:00Z");
  static final RevisionRef BLUE = new RevisionRef("r-blue", "nginx:1.26");
  static final RevisionRef GREEN = new RevisionRef("r-green", "nginx:1.27");

  @Test
  void aPromotionThenARollbackAreTwoAttemptsAfterTheAdoptionNewestFirst() {
    List<HistoryEntry> entries = new ArrayList<>();
    entries.add(entry(1, null, Phase.PROMOTED, BLUE, null, List.of(w(BLUE, 100)), List.of(w(BLUE, 100)), List.of(),
        "Adopted"));
    entries.add(entry(2, Phase.PROMOTED, Phase.PROGRESSING, BLUE, GREEN, List.of(w(BLUE, 100)),
        List.of(w(BLUE, 100), w(GREEN, 0)), List.of(n(NotificationType.STARTED)), "Deploying"));
    entries.add(entry(4, Phase.PROGRESSING, Phase.PREVIEWING, BLUE, GREEN, List.of(w(BLUE, 100)),
        List.of(w(GREEN, 3), w(BLUE, 0)), List.of(n(NotificationType.WAITING_FOR_PROMOTION)), "GreenReady"));
    entries.add(entry(5, Phase.PREVIEWING, Phase.PROMOTING, BLUE, GREEN, List.of(w(BLUE, 3), w(GREEN, 1)),
        List.of(w(GREEN, 1)), List.of(n(NotificationType.STEP)), "ProductionTrafficShifted"));
    entries.add(entry(7, Phase.PROMOTING, Phase.PROMOTED, GREEN, null, List.of(w(GREEN, 1)), List.of(w(GREEN, 1)),
        List.of(n(NotificationType.PROMOTED)), "Promoted"));
    entries.add(entry(8, Phase.PROMOTED, Phase.ROLLING_BACK, GREEN, null, List.of(w(BLUE, 1)),
        List.of(w(BLUE, 1)), List.of(), "RollingBack"));
    entries.add(entry(9, Phase.ROLLING_BACK, Phase.ROLLED_BACK, BLUE, null, List.of(w(BLUE, 1)), List.of(w(BLUE, 1)),
        List.of(n(NotificationType.ROLLED_BACK)), "CleanedUp"));

    List<Attempt> attempts = DeploymentTimeline.of(entries, CREATED, 9, 64).attempts();

    assertThat(attempts).extracting(Attempt::kind).containsExactly("rollback", "deploy", "adopt");
    assertThat(attempts).extracting(Attempt::current).containsExactly(true, false, false);
    assertThat(attempts).extracting(Attempt::outcome).containsExactly("RolledBack", "Promoted", "Promoted");
    Attempt deploy = attempts.get(1);
    assertThat(deploy.revision()).isEqualTo("r-green");
    assertThat(deploy.items()).filteredOn(i -> i.kind().equals("transition")).extracting(i -> i.type())
        .containsExactly("Deployment Started", "Deployment Waiting For Promotion", "Deployment Step",
            "Deployment Promoted");
    assertThat(deploy.items()).filteredOn(i -> i.kind().equals("event")).extracting(i -> i.reason())
        .containsExactly("Deploying", "GreenReady", "ProductionTrafficShifted", "Promoted");
    assertThat(deploy.traffic()).extracting(Point::production).containsExactly(0, 0, 25, 100);
    assertThat(deploy.traffic()).extracting(Point::test).containsExactly(0, 100, 100, 100);
    assertThat(deploy.endedAt()).isEqualTo(CREATED.plusSeconds(7));
    Attempt rollback = attempts.get(0);
    assertThat(rollback.revision()).as("the revision production returns to").isEqualTo("r-blue");
    assertThat(rollback.traffic()).extracting(Point::production).containsExactly(100, 100);
  }

  @Test
  void onlyThisIncarnationsEntriesWithinTheRingsReachAreShownAndAnUnfinishedAttemptHasNoOutcome() {
    List<HistoryEntry> entries = new ArrayList<>();
    // The same name's previous document, deleted at its status version 69: in the window, not this one's.
    entries.add(new HistoryEntry("web", CREATED.minusSeconds(3600), 69, 1, CREATED, Phase.PROMOTED, Phase.PROMOTING,
        null, null, null, null, BLUE, null, List.of(), List.of(), List.of(), List.of(n(NotificationType.PROMOTED)),
        List.of()));
    entries.add(entry(2, Phase.PROMOTED, Phase.PROGRESSING, BLUE, GREEN, List.of(w(BLUE, 1)), List.of(), List.of(
        n(NotificationType.STARTED)), "Deploying"));
    entries.add(entry(70, Phase.PROGRESSING, Phase.PROGRESSING, BLUE, GREEN, List.of(w(BLUE, 1)), List.of(),
        List.of(), "TaskSetCreated"));

    List<Attempt> attempts = DeploymentTimeline.of(entries, CREATED, 70, 64).attempts();

    assertThat(attempts).singleElement().satisfies(a -> {
      assertThat(a.kind()).as("its start fell out of the ring").isEqualTo("earlier");
      assertThat(a.outcome()).isNull();
      assertThat(a.items()).extracting(i -> i.statusVersion()).containsExactly(70L);
    });
  }

  private static HistoryEntry entry(long version, Phase before, Phase after, RevisionRef stable, RevisionRef green,
      List<RouteWeight> production, List<RouteWeight> test, List<Notification> notifications, String event) {
    Instant at = CREATED.plusSeconds(version);
    return new HistoryEntry("web", CREATED, version, 1, at, after, before, null, null, null, null, stable, green,
        production, test, List.of(new DeploymentEvent(at, DeploymentEvent.NORMAL, event, event)), notifications,
        List.of());
  }

  private static Notification n(NotificationType type) {
    return Notification.of(type, type.name(), type.detailType());
  }

  private static RouteWeight w(RevisionRef revision, int weight) {
    return new RouteWeight(revision.revision(), revision.image(), null, weight);
  }
}
