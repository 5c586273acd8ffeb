package dev.teal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.document.DocumentCodec;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus (src/test/resources/hostile): each file goes through the real {@code teal
 * apply} path and must exit 3, name the field path its MANIFEST line gives, and leave DynamoDB empty.
 */
class HostileDocumentsTest {

  @RegisterExtension
  static SandboxExtension sandbox = SandboxExtension.create();

  static SandboxCli teal;
  static final Path CORPUS = corpus();

  @TempDir
  Path dir;

  @BeforeAll
  static void createTable() {
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    teal = new SandboxCli(sandbox, sandbox.tableName());
  }

  static Stream<Arguments> manifest() throws IOException {
    List<Arguments> entries = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS.resolve("MANIFEST"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t");
      entries.add(Arguments.of(fields[0], fields[1]));
    }
    return entries.stream();
  }

  @ParameterizedTest(name = "{0} names {1}")
  @MethodSource("manifest")
  void isRefusedWithExitCode3NamingTheFieldAndNothingIsWritten(String file, String path) {
    SandboxCli.Result result = teal.run("apply", "-f", CORPUS.resolve(file).toString());

    assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.INVALID_DOCUMENT);
    assertThat(result.err()).startsWith("error: " + CORPUS.resolve(file) + " is invalid; nothing was written:\n")
        .contains("\n  " + path + ": ");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aFileOverOneMebibyteIsRefusedWithoutReadingIt() throws IOException {
    Path huge = dir.resolve("huge.yaml");
    String line = "# " + "x".repeat(1021) + "\n";
    Files.writeString(huge, line.repeat(3 * 1024), StandardCharsets.UTF_8);

    SandboxCli.Result result = teal.run("apply", "-f", huge.toString());

    assertThat(result.code()).isEqualTo(ExitCodes.INVALID_DOCUMENT);
    assertThat(result.err()).contains("  (document): the file is larger than 1048576 bytes (1 MiB)");
  }

  @Test
  void anEndlessStreamOnStandardInputIsCutOffAtTheLimit() {
    byte[] endless = new byte[4 * DocumentCodec.MAX_BYTES];
    java.util.Arrays.fill(endless, (byte) 'a');

    SandboxCli.Result result = teal.runWithInput(endless, "apply", "-f", "-");

    assertThat(result.code()).isEqualTo(ExitCodes.INVALID_DOCUMENT);
    assertThat(result.err()).startsWith("error: standard input is invalid");
  }

  @Test
  void theManifestCoversEveryFileAndTheCorpusIsLargeEnough() throws IOException {
    List<String> listed = manifest().map(a -> (String) a.get()[0]).toList();
    try (Stream<Path> files = Files.list(CORPUS)) {
      List<String> present = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("MANIFEST")).toList();
      assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
    }
    assertThat(listed).hasSizeGreaterThanOrEqualTo(60).doesNotHaveDuplicates();
  }

  @AfterEach
  void nothingWasWritten() {
    assertThat(sandbox.dynamoDb().scan(r -> r.tableName(sandbox.tableName()).consistentRead(true)).count())
        .as("items in the table").isZero();
  }

  private static Path corpus() {
    try (InputStream probe = HostileDocumentsTest.class.getResourceAsStream("/hostile/MANIFEST")) {
      if (probe == null) {
        throw new IllegalStateException("hostile/MANIFEST is not on the test classpath");
      }
      return Path.of(HostileDocumentsTest.class.getResource("/hostile/MANIFEST").toURI()).getParent();
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
