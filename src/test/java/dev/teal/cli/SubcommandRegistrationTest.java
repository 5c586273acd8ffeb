package dev.teal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Command;

/**
 * teal registers only the subcommand a command line names (TealCli.SUBCOMMANDS), so these pin what that
 * must not change: every name is its command's own, every command line that is not plainly one subcommand
 * gets them all, and --help lists them all in the same order.
 */
class SubcommandRegistrationTest {

  @Test
  void eachNameIsTheOneItsCommandDeclares() {
    TealCli.SUBCOMMANDS.forEach((name, command) ->
        assertThat(command.get().getClass().getAnnotation(Command.class).name()).isEqualTo(name));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "get web                     | get",
      "--table t get web           | get",
      "--table=t status web        | status",
      "set-image web nginx:1.27    | set-image",
      "--help                      | -",
      "-h get                      | -",
      "--version                   | -",
      "bogus web                   | -",
      "--tabel t get               | -",
      "@args.txt                   | -",
      "-- get                      | -",
      "--table                     | -"})
  void namesTheSubcommandOnlyWhenThatIsPlain(String line, String expected) {
    assertThat(TealCli.namedSubcommand(line.split(" "))).isEqualTo(expected);
  }

  @Test
  void aCommandLineNamingOneBuildsThatOneAndAnyOtherBuildsAll() {
    assertThat(TealCli.commandLine(null, new String[] {"get", "web"}).getSubcommands().keySet())
        .containsExactly("get");
    List<String> all = new java.util.ArrayList<>(TealCli.SUBCOMMANDS.keySet());
    all.add("help");
    assertThat(TealCli.commandLine(null, new String[] {"--help"}).getSubcommands().keySet())
        .containsExactlyElementsOf(all);
    assertThat(TealCli.commandLine(null, new String[0]).getSubcommands().keySet())
        .containsExactlyElementsOf(all);
    assertThat(TealCli.commandLine(null, new String[] {"help", "get"}).getSubcommands().keySet())
        .containsExactlyElementsOf(all);
  }

  @Test
  void helpListsEverySubcommandInOrder() {
    StringWriter out = new StringWriter();
    TealCli.run(new String[] {"--help"}, null, new PrintWriter(out), new PrintWriter(new StringWriter()));
    List<Integer> positions = TealCli.SUBCOMMANDS.keySet().stream()
        .map(name -> out.toString().indexOf("\n  " + name + " ")).toList();
    assertThat(positions).doesNotContain(-1).isSorted();
  }

  /** kubectl's conventions: {@code teal get --help}, {@code teal get -h} and {@code teal help get}. */
  @Test
  void everySubcommandAnswersHelpInTheThreeUsualSpellings() {
    for (String name : TealCli.SUBCOMMANDS.keySet()) {
      for (String[] line : List.of(new String[] {name, "--help"}, new String[] {name, "-h"},
          new String[] {"help", name}, new String[] {"--table", "t", name, "web", "--help"})) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TealCli.run(line, null, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("teal %s: %s", String.join(" ", line), err).isZero();
        assertThat(out.toString()).as("teal %s", String.join(" ", line)).startsWith("Usage: teal " + name + " ")
            .contains("-h, --help");
      }
    }
  }

  @Test
  void anUnknownSubcommandStillGetsPicocliSuggestions() {
    StringWriter err = new StringWriter();
    int code = TealCli.run(new String[] {"gte", "web"}, null, new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Did you mean: teal");
  }
}
