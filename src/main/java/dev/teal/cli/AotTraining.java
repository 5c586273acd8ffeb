package dev.teal.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run behind the CLI archive's AOT cache (JEP 483/514/515): the build runs this once, on the
 * archive's own Java runtime and class path with {@code -XX:AOTCacheOutput}, and the JVM records the classes
 * each command loads and links so that {@code teal} later maps them instead of loading them again.
 *
 * <p>One JVM can be recorded once, so this runs the commands people run, in process, through the real
 * command path and the real AWS environment, against whatever endpoint the environment names (the build
 * points it at a {@code teal-sandbox} holding the demo document {@code NAME}). What the commands print is
 * thrown away; their exit codes are reported, since a training run that failed early would train little.
 * Without {@code NAME} it trains only what needs no AWS ({@code --help}, {@code --version}, usage errors):
 * the archive's help cache, {@code lib/teal-help.aot}, which {@code bin/teal} maps for those.
 */
public final class AotTraining {

  private AotTraining() {}

  public static void main(String[] args) throws IOException {
    List<String[]> commands = new ArrayList<>();
    commands.add(new String[] {"--help"});
    commands.add(new String[] {"--version"});
    commands.add(new String[] {"get", "--help"});
    commands.add(new String[] {"no-such-command"});
    if (args.length == 1) {
      String name = args[0];
      Path yaml = Files.createTempFile("teal-training-", ".yaml");
      try {
        commands.add(new String[] {"init"});
        commands.add(new String[] {"get"});
        commands.add(new String[] {"get", name});
        commands.add(new String[] {"get", name, "-o", "json"});
        commands.add(new String[] {"describe", name});
        commands.add(new String[] {"status", name, "--no-watch"}); // status watches by default
        commands.add(new String[] {"history", name});
        run(new String[] {"get", name, "-o", "yaml"}, Files.newOutputStream(yaml));
        commands.add(new String[] {"apply", "-f", yaml.toString(), "--dry-run"});
        commands.add(new String[] {"set-image", name, "nginx:1.27"});
        commands.add(new String[] {"status", name, "--timeout", "1s"});
        commands.add(new String[] {"get", "no-such-deployment"});
        for (String[] command : commands) {
          run(command, OutputStream.nullOutputStream());
        }
      } finally {
        Files.deleteIfExists(yaml);
      }
    } else {
      for (String[] command : commands) {
        run(command, OutputStream.nullOutputStream());
      }
    }
    // As TealCli.main ends: System.exit logs the exit through the JDK's System.Logger, whose classes (about
    // forty, and the logging backend's lookup) are then cached too instead of loaded at every command's end.
    System.exit(0);
  }

  private static void run(String[] command, OutputStream output) {
    try (AwsEnvironment environment = new AwsEnvironment();
        PrintWriter out = new PrintWriter(output, true, StandardCharsets.UTF_8)) {
      int code = TealCli.run(command, environment, out, new PrintWriter(OutputStream.nullOutputStream(), true,
          StandardCharsets.UTF_8));
      System.err.println("training: teal " + String.join(" ", command) + " -> exit " + code);
    } catch (UncheckedIOException e) {
      System.err.println("training: teal " + String.join(" ", command) + " -> " + e);
    }
  }
}
