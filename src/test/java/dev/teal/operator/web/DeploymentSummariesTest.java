package dev.teal.operator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teal.document.DocumentCodec;
import dev.teal.document.Fixtures;
import dev.teal.document.TealJackson;
import dev.teal.document.Violation;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.ObjectMeta;
import dev.teal.model.Phase;
import dev.teal.model.PromotionSpec;
import dev.teal.model.PromotionStatus;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.model.StrategySpec;
import dev.teal.model.TrafficStatus;
import dev.teal.operator.ReconcileRecord;
import dev.teal.operator.web.DeploymentSummary.Segment;
import dev.teal.store.StoredDeployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The status API's summaries, without a server: what the page draws comes from here, so most of its
 * checks need no browser.
 *
 * <p>Planted faults, each seen to fail here: {@code percent} set to the raw weight instead of the share
 * of the route fails {@link #weightsAreSharesOfTheRouteBecauseAlbWeightsAreRelative}; dropping the sort
 * by role fails {@link #aPromotingDeploymentShowsBlueGreenTheStepAndTheSplit}.
 */
class DeploymentSummariesTest {

  private static final Instant NOW = Instant.parse("2030-01-01T01:00:00Z");
  private static final Instant CREATED = Instant.parse("2030-01-01T00:55:00Z");

  private static final RevisionStatus BLUE = new RevisionStatus("r-blue", "nginx:1.26", null, null, "tg-blue", null);
  private static final RevisionStatus GREEN = new RevisionStatus("r-green", "nginx:1.27", null, null, "tg-green", null);

  @Test
  void aPromotingDeploymentShowsBlueGreenTheStepAndTheSplit() {
    DeploymentStatus status = status(Phase.PROMOTING, new TrafficStatus(
        List.of(weight(GREEN, 25), weight(BLUE, 75)), List.of(weight(GREEN, 100))),
        new PromotionStatus("r-green", 0, 25, NOW), List.of(), List.of());

    DeploymentSummary summary = DeploymentSummaries.of(stored(2, status), Optional.empty(), NOW);

    assertThat(summary.name()).isEqualTo("web");
    assertThat(summary.image()).isEqualTo("nginx:1.27");
    assertThat(summary.desiredPhase()).isEqualTo("promote");
    assertThat(summary.phase()).isEqualTo("Promoting");
    assertThat(summary.stable().image()).isEqualTo("nginx:1.26");
    assertThat(summary.preview().image()).isEqualTo("nginx:1.27");
    assertThat(summary.previous()).isNull();
    assertThat(summary.traffic().production()).as("stable first, whatever order the route lists them in")
        .extracting(Segment::role, Segment::image, Segment::percent)
        .containsExactly(tuple("stable", "nginx:1.26", 75),
            tuple("preview", "nginx:1.27", 25));
    assertThat(summary.traffic().test()).extracting(Segment::role, Segment::percent)
        .containsExactly(tuple("preview", 100));
    assertThat(summary.promotion().step()).as("counted from 1").isEqualTo(1);
    assertThat(summary.promotion().steps()).isEqualTo(3);
    assertThat(summary.promotion().weight()).isEqualTo(25);
    assertThat(summary.age()).isEqualTo("5m");
    assertThat(summary.lastReconcile()).as("a standby has none").isNull();
  }

  @Test
  void weightsAreSharesOfTheRouteBecauseAlbWeightsAreRelative() {
    DeploymentStatus status = status(Phase.PROMOTING, new TrafficStatus(
        List.of(weight(BLUE, 3), weight(GREEN, 1)), List.of(weight(BLUE, 1))), null, List.of(), List.of());

    DeploymentSummary summary = DeploymentSummaries.of(stored(1, status), Optional.empty(), NOW);

    assertThat(summary.traffic().production()).extracting(Segment::weight, Segment::percent)
        .containsExactly(tuple(3, 75), tuple(1, 25));
    assertThat(summary.traffic().test()).extracting(Segment::percent).containsExactly(100);
  }

  @Test
  void aTargetGroupTealDoesNotKnowByRevisionIsMatchedByArnOrCalledOther() {
    DeploymentStatus status = status(Phase.PROGRESSING, new TrafficStatus(List.of(
        new RouteWeight(null, null, "tg-foreign", 0), new RouteWeight(null, null, "tg-blue", 100)), List.of()),
        null, List.of(), List.of());

    DeploymentSummary summary = DeploymentSummaries.of(stored(1, status), Optional.empty(), NOW);

    assertThat(summary.traffic().production()).extracting(Segment::role, Segment::targetGroup, Segment::percent)
        .containsExactly(tuple("stable", "tg-blue", 100),
            tuple("other", "tg-foreign", 0));
  }

  @Test
  void showsReadyAndDegradedOnlyAndTheLastFiveEventsNewestFirst() {
    List<Condition> conditions = List.of(
        new Condition("Progressing", Condition.TRUE, "Shifting", "moving", NOW),
        new Condition("Degraded", Condition.FALSE, "NotDegraded", null, NOW),
        new Condition("Available", Condition.TRUE, "Serving", null, NOW),
        new Condition("Ready", Condition.FALSE, "Promoting", "step 1 of 3", NOW));
    List<DeploymentEvent> events = IntStream.rangeClosed(1, 7)
        .mapToObj(i -> new DeploymentEvent(CREATED.plusSeconds(i), DeploymentEvent.NORMAL, "Reason" + i, "event " + i))
        .toList();

    DeploymentSummary summary = DeploymentSummaries.of(stored(1, status(Phase.PROMOTING, null, null, conditions,
        events)), Optional.empty(), NOW);

    assertThat(summary.conditions()).extracting(Condition::type).containsExactly("Ready", "Degraded");
    assertThat(summary.recentEvents()).extracting(DeploymentEvent::message)
        .containsExactly("event 7", "event 6", "event 5", "event 4", "event 3");
  }

  @Test
  void reportsWhetherTheStatusIsForTheCurrentGenerationAndThisInstancesLastReconcile() {
    DeploymentStatus behind = withObservedGeneration(status(Phase.PREVIEWING, null, null, List.of(), List.of()), 2L);
    ReconcileRecord record = new ReconcileRecord("web", NOW.minusSeconds(3), Duration.ofNanos(150_400_000), "continue",
        Phase.PREVIEWING, 2, "registered the task definition", 0);

    DeploymentSummary stale = DeploymentSummaries.of(stored(3, behind), Optional.of(record), NOW);
    DeploymentSummary current = DeploymentSummaries.of(stored(2, behind), Optional.empty(), NOW);

    assertThat(stale.generation()).isEqualTo(3);
    assertThat(stale.observedGeneration()).isEqualTo(2);
    assertThat(stale.upToDate()).isFalse();
    assertThat(current.upToDate()).isTrue();
    assertThat(stale.lastReconcile().result()).isEqualTo("continue");
    assertThat(stale.lastReconcile().phase()).isEqualTo("Previewing");
    assertThat(stale.lastReconcile().actions()).isEqualTo(2);
    assertThat(TealJackson.json().valueToTree(stale).at("/lastReconcile/took").asText())
        .as("to the millisecond, as the documents write durations").isEqualTo("150ms");
  }

  @Test
  void aDocumentNeverReconciledOrWithABrokenSpecStillHasEveryField() {
    BlueGreenDeployment document = document(1).withSpec(null).withStatus(null);
    StoredDeployment broken = new StoredDeployment(document, "hash", 0, null,
        List.of(new Violation("spec.image", "must not be empty")));

    DeploymentSummary summary = DeploymentSummaries.of(broken, Optional.empty(), NOW);

    assertThat(summary.specProblems()).containsExactly("spec.image: must not be empty");
    assertThat(summary.image()).isNull();
    assertThat(summary.desiredPhase()).isNull();
    assertThat(summary.phase()).isNull();
    assertThat(summary.traffic().production()).isEmpty();
    assertThat(summary.observedGeneration()).isNull();
    assertThat(summary.upToDate()).isFalse();
    JsonNode json = TealJackson.json().valueToTree(summary);
    assertThat(json.has("phase") && json.get("phase").isNull()).as("present, as null").isTrue();
  }

  @Test
  void theJsonFieldsAreTheDocumentedOnesInOrder() throws Exception {
    JsonNode json = TealJackson.json().valueToTree(DeploymentSummaries.of(stored(1, status(Phase.PROMOTING,
        new TrafficStatus(List.of(weight(BLUE, 100)), List.of()), new PromotionStatus("r-green", 0, 25, NOW),
        List.of(), List.of())), Optional.of(new ReconcileRecord("web", NOW, Duration.ZERO, "idle", Phase.PROMOTING,
        0, "", 0)), NOW));
    String docs = Files.readString(Path.of("docs/status-page.md"));

    assertThat(names(json)).containsExactly("name", "image", "desiredPhase", "phase", "message", "specProblems",
        "stable", "preview", "previous", "traffic", "promotion", "conditions", "generation", "observedGeneration",
        "upToDate", "lastReconcile", "createdAt", "age", "updatedAt", "updatedBy", "recentEvents", "labels",
        "attention", "updatedAge");
    List<String> documented = new ArrayList<>(names(json));
    documented.addAll(names(json.at("/traffic/production/0")));
    documented.addAll(names(json.at("/promotion")));
    documented.addAll(names(json.at("/lastReconcile")));
    for (String field : documented) {
      assertThat(docs).as("docs/status-page.md documents " + field).contains("`" + field + "`");
    }
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static RouteWeight weight(RevisionStatus revision, int weight) {
    return new RouteWeight(revision.revision(), revision.image(), revision.targetGroup(), weight);
  }

  private static DeploymentStatus status(Phase phase, TrafficStatus traffic, PromotionStatus promotion,
      List<Condition> conditions, List<DeploymentEvent> events) {
    return new DeploymentStatus(phase, "a message", 1L, null, BLUE, GREEN, null, List.of(), traffic, promotion,
        null, null, null, null, null, conditions, events);
  }

  private static DeploymentStatus withObservedGeneration(DeploymentStatus s, Long generation) {
    return new DeploymentStatus(s.phase(), s.message(), generation, s.observedSpecHash(), s.stable(), s.preview(),
        s.previous(), s.retired(), s.traffic(), s.promotion(), s.analysis(), s.progressStartedAt(),
        s.previewReadyAt(), s.promotedAt(), s.aborted(), s.conditions(), s.events());
  }

  /** The fixtures' document, promoting in three steps, at {@code generation}. */
  private static BlueGreenDeployment document(long generation) {
    BlueGreenDeployment read = DocumentCodec.read(Fixtures.bytes(Fixtures.minimal("web", "nginx:1.27")));
    return read.withSpec(read.spec().withPhase(DesiredPhase.PROMOTE)
            .withStrategy(new StrategySpec(null, PromotionSpec.of(List.of(25, 50, 100), null), null, null, null,
                null)))
        .withMetadata(new ObjectMeta("web", Map.of(), generation, generation, CREATED, CREATED, "ci"));
  }

  private static StoredDeployment stored(long generation, DeploymentStatus status) {
    return new StoredDeployment(document(generation).withStatus(status), "hash", 1);
  }
}
