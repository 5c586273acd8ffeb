package dev.teal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The documented exit codes are the ones {@code teal --help} prints. */
class DocsTest {

  @Test
  void docsCliListsTheExitCodesOfTealHelp() throws Exception {
    StringWriter out = new StringWriter();
    TealCli.run(new String[] {"--help"}, null, new PrintWriter(out), new PrintWriter(new StringWriter()));
    String docs = Files.readString(Path.of("docs/cli.md"));

    String codes = out.toString().substring(out.toString().indexOf("Exit codes:"));
    int listed = 0;
    for (String line : codes.lines().skip(1).toList()) {
      String[] parts = line.trim().split("\\s{2,}", 2);
      assertThat(docs).as("docs/cli.md row for exit code " + parts[0])
          .contains("| " + parts[0] + " | " + parts[1] + " |");
      listed++;
    }
    assertThat(listed).isEqualTo(12);
  }

  @Test
  void theStoreDocShowsTheCiOneLiner() throws Exception {
    assertThat(Files.readString(Path.of("docs/document-store.md")))
        .contains("--update-expression 'SET spec.image = :i'")
        .contains("--key '{\"name\":{\"S\":\"web\"},\"sk\":{\"S\":\"deployment\"}}'");
  }
}
