package dev.teal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's GitHub workflow and the reusable action cannot run here, so their files are checked for what
 * can go wrong without running them: they parse, every script and checked-in path they name exists, every
 * input the action's step uses is declared and every declared one is used, and every output comes from the
 * step. The action's script itself runs against the sandbox in {@link ReleaseArchivesIT}.
 */
class CiFilesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path WORKFLOWS = Path.of(".github/workflows");
  private static final Path ACTION = Path.of("deploy/github-action/action.yml");
  /** A path into the repository, as scripts write them: starts at one of its top-level folders or files. */
  private static final Pattern REPO_PATH = Pattern.compile(
      "(?<![\\w./$-])((?:\\.ci|bin|bench|src|deploy|docs|crd-examples)/[\\w./-]*[\\w-]|mvnw|pom\\.xml)(?![\\w/])");
  /** What the build makes: target/teal-cli-VERSION-linux-x86_64.tar.gz, target/teal-sandbox-..., the image (-Pimage). */
  private static final Pattern BUILD_OUTPUT =
      Pattern.compile("target/teal-(cli|sandbox|\\*)-[^\\s\"']*|target/teal-operator-image\\.tar");

  @Test
  void everyWorkflowParsesAndNamesOnlyFilesThatExist() throws IOException {
    List<Path> workflows;
    try (Stream<Path> files = Files.list(WORKFLOWS)) {
      workflows = files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).toList();
    }
    assertThat(workflows).isNotEmpty();
    for (Path workflow : workflows) {
      JsonNode root = YAML.readTree(workflow.toFile());
      assertThat(root.path("jobs").size()).as(workflow + " has jobs").isPositive();
      for (Iterator<Map.Entry<String, JsonNode>> jobs = root.path("jobs").fields(); jobs.hasNext(); ) {
        Map.Entry<String, JsonNode> job = jobs.next();
        assertThat(job.getValue().path("runs-on").asText()).as(workflow + " job " + job.getKey() + " runs-on").isNotBlank();
        for (JsonNode step : job.getValue().path("steps")) {
          assertThat(step.has("run") || step.has("uses")).as(workflow + ": a step runs or uses something").isTrue();
          if (step.has("run")) {
            assertNamedFilesExist(workflow + " job " + job.getKey(), step.get("run").asText());
          }
          step.path("with").path("path").asText("").lines().map(String::strip).filter(line -> !line.isEmpty())
              .forEach(path -> assertThat(BUILD_OUTPUT.matcher(path).matches() || Files.exists(Path.of(path)))
                  .as(workflow + ": uploads " + path + ", which the build makes or the repository has").isTrue());
        }
      }
    }
  }

  @Test
  void theWorkflowTestsWithTheSameScriptAsCi() throws IOException {
    String runs = String.join("\n", YAML.readTree(WORKFLOWS.resolve("build.yml").toFile()).findValuesAsText("run"));
    assertThat(runs).contains("bash .ci/run");
    assertThat(Files.readString(Path.of(".ci/run"))).contains("./mvnw -B verify");
    assertThat(YAML.readTree(WORKFLOWS.resolve("build.yml").toFile()).findValuesAsText("MAVEN_ARGS"))
        .as("the verify job's Maven also builds the image").containsExactly("-Pimage");
    assertThat(Files.readString(Path.of("pom.xml"))).as("the profile that builds the image")
        .contains("<id>image</id>", "target/teal-operator-image.tar");
    assertThat(runs).as("the release pushes the image the verify job built and tested")
        .contains("docker load -i target/teal-operator-image.tar").doesNotContain("docker build");
  }

  @Test
  void theActionRunsItsScriptWithEveryInputAndOutputAccountedFor() throws IOException {
    JsonNode action = YAML.readTree(ACTION.toFile());
    assertThat(action.path("runs").path("using").asText()).isEqualTo("composite");
    JsonNode steps = action.path("runs").path("steps");
    assertThat(steps.size()).isEqualTo(1);
    JsonNode step = steps.get(0);
    assertThat(step.path("shell").asText()).isEqualTo("bash");

    Matcher script = Pattern.compile("\\$GITHUB_ACTION_PATH/([\\w.-]+)").matcher(step.path("run").asText());
    assertThat(script.find()).as("the step runs a script beside action.yml").isTrue();
    Path deploy = ACTION.resolveSibling(script.group(1));
    assertThat(deploy).isRegularFile().isExecutable();

    Set<String> declared = new LinkedHashSet<>();
    action.path("inputs").fieldNames().forEachRemaining(declared::add);
    Set<String> used = new LinkedHashSet<>();
    Matcher input = Pattern.compile("\\$\\{\\{\\s*inputs\\.([\\w-]+)\\s*}}").matcher(YAML.writeValueAsString(step.path("env")));
    while (input.find()) {
      used.add(input.group(1));
    }
    assertThat(used).as("inputs the step passes to the script").containsExactlyInAnyOrderElementsOf(declared);
    for (Iterator<Map.Entry<String, JsonNode>> inputs = action.path("inputs").fields(); inputs.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = inputs.next();
      assertThat(entry.getValue().path("description").asText()).as("input " + entry.getKey() + " is documented")
          .isNotBlank();
    }

    String deployScript = Files.readString(deploy);
    step.path("env").fieldNames().forEachRemaining(variable -> assertThat(deployScript)
        .as("deploy.sh reads " + variable).contains(variable));
    String stepId = step.path("id").asText();
    for (Iterator<Map.Entry<String, JsonNode>> outputs = action.path("outputs").fields(); outputs.hasNext(); ) {
      Map.Entry<String, JsonNode> output = outputs.next();
      assertThat(output.getValue().path("description").asText()).as("output " + output.getKey()).isNotBlank();
      assertThat(output.getValue().path("value").asText())
          .isEqualTo("${{ steps." + stepId + ".outputs." + output.getKey() + " }}");
      assertThat(deployScript).as("deploy.sh writes the output " + output.getKey())
          .containsPattern("echo \"" + Pattern.quote(output.getKey()) + "=");
    }
  }

  @Test
  void theCiGuideShowsTheActionAndGitLab() throws IOException {
    String guide = Files.readString(Path.of("docs/ci.md"));
    JsonNode action = YAML.readTree(ACTION.toFile());
    action.path("inputs").fieldNames().forEachRemaining(input -> assertThat(guide).as("docs/ci.md documents input " + input)
        .contains("`" + input + "`"));
    action.path("outputs").fieldNames().forEachRemaining(output -> assertThat(guide).as("docs/ci.md documents output " + output)
        .contains("`" + output + "`"));
    assertThat(guide).contains("deploy/github-action", ".gitlab-ci.yml", "teal-sandbox");
    assertNamedFilesExist("docs/ci.md", guide);
  }

  private static void assertNamedFilesExist(String where, String text) {
    List<String> missing = new ArrayList<>();
    Matcher path = REPO_PATH.matcher(text);
    while (path.find()) {
      if (!Files.exists(Path.of(path.group(1)))) {
        missing.add(path.group(1));
      }
    }
    assertThat(missing).as(where + " names files that do not exist").isEmpty();
  }
}
