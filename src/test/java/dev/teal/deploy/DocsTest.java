package dev.teal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teal.model.Phase;
import dev.teal.reconcile.Reasons;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs a platform team reads instead of the code stay complete as the code grows: every reason and
 * phase the planner can report is explained, every document field is in the reference, and every
 * relative link leads somewhere. Faults planted once and seen failing: the {@code WaitingForTaskSetSlot}
 * row deleted from operations.md; a link to operation.md; (found for real) {@code spec.network.assignPublicIp}
 * missing from document.md.
 */
class DocsTest {

  /** Reasons that appear only in events, never in a condition: state-machine.md lists them, operations.md need not. */
  static final Set<String> EVENT_ONLY = Set.of(Reasons.ADOPTED, Reasons.DEPLOYING, Reasons.TASK_DEFINITION_REGISTERED,
      Reasons.TARGET_GROUP_CREATED, Reasons.TASK_SET_CREATED, Reasons.TASK_SET_SCALED, Reasons.GREEN_READY,
      Reasons.TEST_TRAFFIC_SHIFTED, Reasons.PRODUCTION_TRAFFIC_SHIFTED, Reasons.PROMOTION_PAUSED, Reasons.PROMOTED,
      Reasons.ROLLED_BACK, Reasons.SUPERSEDED, Reasons.SCALED_DOWN, Reasons.CLEANED_UP, Reasons.ANALYSIS_PASSED,
      Reasons.RESUMED, Reasons.FULL_PROMOTION);

  /** Condition types, not reasons. */
  static final Set<String> CONDITION_TYPES = Set.of(Reasons.READY, Reasons.PROGRESSING, Reasons.AVAILABLE,
      Reasons.DEGRADED);

  @Test
  void everyReasonIsExplained() throws Exception {
    String stateMachine = Files.readString(Path.of("docs/state-machine.md"));
    String operations = Files.readString(Path.of("docs/operations.md"));

    for (String reason : reasons()) {
      assertThat(stateMachine).as("docs/state-machine.md mentions " + reason).contains("`" + reason + "`");
      if (!EVENT_ONLY.contains(reason) && !CONDITION_TYPES.contains(reason)) {
        assertThat(operations).as("docs/operations.md says what to do about " + reason).contains("`" + reason + "`");
      }
    }
  }

  @Test
  void everyPhaseIsExplained() throws Exception {
    String stateMachine = Files.readString(Path.of("docs/state-machine.md"));

    assertThat(Arrays.stream(Phase.values()).map(Phase::wireName))
        .allSatisfy(phase -> assertThat(stateMachine).contains("| `" + phase + "` |"));
  }

  @Test
  void everyDocumentFieldIsInTheReference() throws Exception {
    String reference = Files.readString(Path.of("docs/document.md"));
    JsonNode schema = new ObjectMapper().readTree(
        Files.readString(Path.of("src/main/resources/schema/blue-green-deployment.schema.json")));
    List<String> fields = new ArrayList<>();
    collect(schema.path("properties").path("spec"), "spec", fields);

    assertThat(fields).isNotEmpty().allSatisfy(field -> assertThat(reference).as("docs/document.md")
        .containsPattern(Pattern.quote(field.substring(field.lastIndexOf('.') + 1))));
    assertThat(fields).contains("spec.strategy.analysis.http.maxFailures", "spec.network.assignPublicIp");
  }

  @Test
  void relativeLinksInTheDocsLeadToFiles() throws Exception {
    Pattern link = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)");
    List<String> broken = new ArrayList<>();
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      for (Path doc : Stream.concat(Stream.of(Path.of("README.md")), docs.filter(p -> p.toString().endsWith(".md")))
          .toList()) {
        Matcher m = link.matcher(Files.readString(doc));
        while (m.find()) {
          if (!Files.exists(doc.toAbsolutePath().getParent().resolve(m.group(1)))) {
            broken.add(doc + " -> " + m.group(1));
          }
        }
      }
    }

    assertThat(broken).isEmpty();
  }

  /**
   * CI runs exactly the README's test command, so the two cannot drift apart. Planted once: {@code
   * ./mvnw verify} in .ci/run.
   */
  @Test
  void ciRunsTheReadmesTestCommand() throws Exception {
    Matcher readme = Pattern.compile("(?m)^(\\S.*?)\\s+# run the tests$").matcher(Files.readString(Path.of("README.md")));
    assertThat(readme.find()).as("the README's test command").isTrue();
    List<String> ciCommands = Files.readAllLines(Path.of(".ci/run")).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

    assertThat(ciCommands.get(ciCommands.size() - 1)).isEqualTo(readme.group(1));
  }

  private static List<String> reasons() throws IllegalAccessException {
    List<String> values = new ArrayList<>();
    for (Field field : Reasons.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        values.add((String) field.get(null));
      }
    }
    return values;
  }

  private static void collect(JsonNode node, String path, List<String> into) {
    JsonNode properties = node.path("properties");
    if (properties.isMissingNode()) {
      into.add(path);
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      collect(e.getValue(), path + "." + e.getKey(), into);
    }
  }
}
