package dev.teal.operator.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.document.TealJackson;
import dev.teal.history.HistoryEntry;
import dev.teal.history.Notification;
import dev.teal.history.NotificationType;
import dev.teal.history.RevisionRef;
import dev.teal.model.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/notifications.md says what the code sends: every transition, every field of the detail (a table
 * row each), the whole cycle's sequence the end-to-end test checks, and an EventBridge rule whose pattern
 * matches the Degraded event teal puts. Planted fault seen failing: a {@code caller} renamed to
 * {@code actor} in NotificationEvent; the rule's pattern written with {@code "Deployment degraded"}.
 */
class NotificationDocsTest {

  static final String DOCS = "docs/notifications.md";

  @Test
  void everyTransitionAndEveryDetailFieldIsDocumented() throws Exception {
    String docs = Files.readString(Path.of(DOCS));
    for (NotificationType type : NotificationType.values()) {
      assertThat(docs).contains("| `" + type.detailType() + "` |");
    }
    ObjectNode detail = degraded().detail();
    List<String> fields = names(detail);
    assertThat(fields).containsExactly("version", "eventId", "deployment", "type", "time", "reason", "message",
        "phase", "previousPhase", "desiredPhase", "revision", "images", "caller", "step", "steps", "weight",
        "generation", "statusVersion");
    for (String field : fields) {
      assertThat(docs).as("a row for detail." + field).contains("| `" + field + "` |");
    }
    assertThat(names(detail.path("images"))).containsExactly("desired", "green", "stable");
  }

  @Test
  void theWholeCycleListedIsTheOneTheEndToEndTestChecks() throws Exception {
    String docs = Files.readString(Path.of(DOCS));
    String section = docs.substring(docs.indexOf("### What one whole cycle sends"), docs.indexOf("## The event"));
    List<String> listed = new ArrayList<>();
    Matcher item = Pattern.compile("(?m)^\\d+\\. `([^`]+)`(?: \\(step (\\d) of \\d)?").matcher(section);
    while (item.find()) {
      listed.add(item.group(2) == null ? item.group(1) : NotificationRig.describe(item.group(1),
          Integer.parseInt(item.group(2))));
    }
    List<String> tested = new ArrayList<>(NotificationDeliveryTest.PREVIEW_THEN_PROMOTE);
    tested.addAll(List.of("Deployment Rolled Back", "Deployment Started", "Deployment Degraded"));
    assertThat(listed).containsExactlyElementsOf(tested);
  }

  @Test
  void theExampleRuleMatchesTheDegradedEventTealPuts() throws Exception {
    String docs = Files.readString(Path.of(DOCS));
    Matcher block = Pattern.compile("event\\s+pattern:\\s*```json\\s*(\\{.*?})\\s*```", Pattern.DOTALL).matcher(docs);
    assertThat(block.find()).as("the rule's event pattern as a JSON block").isTrue();
    JsonNode pattern = TealJackson.json().readTree(block.group(1));
    ObjectNode event = degraded().envelope();

    // EventBridge's matching for these two keys: the event's value must be one of the pattern's.
    for (String key : List.of("source", "detail-type")) {
      List<String> allowed = new ArrayList<>();
      pattern.path(key).forEach(v -> allowed.add(v.asText()));
      assertThat(allowed).as(key).contains(event.path(key).asText());
    }
    assertThat(names(pattern)).containsExactlyInAnyOrder("source", "detail-type");
  }

  private static NotificationEvent degraded() {
    HistoryEntry entry = new HistoryEntry("web", Instant.parse("2030-01-01T00:00:00Z"), 27, 5,
        Instant.parse("2030-01-01T00:30:00Z"), Phase.DEGRADED, Phase.PROGRESSING, "aborted", "promote",
        "nginx:1.29", "arn:aws:iam::000000000000:user/alice", new RevisionRef("r-blue", "nginx:1.26"),
        new RevisionRef("r-bad", "nginx:1.29"), List.of(), List.of(), List.of(),
        List.of(Notification.of(NotificationType.DEGRADED, "ProgressDeadlineExceeded", "not ready")), List.of());
    return NotificationEvent.of(entry, 0);
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      names.add(it.next().getKey());
    }
    return names;
  }
}
