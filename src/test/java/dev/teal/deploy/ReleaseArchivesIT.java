package dev.teal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archives as a user gets them (docs/cli.md, docs/ci.md), after {@code package} built them:
 * each unpacked into its own empty folder outside the clone, run with a bare environment (PATH of
 * /usr/bin:/bin, no JAVA_HOME; the CLI with a PATH of only sh and readlink, so no java or mvn at all). The
 * sandbox archive's {@code teal-sandbox --operator} gives the AWS: the simulator, DynamoDB Local, the demo
 * world and the packaged operator. Against it, the CLI archive's {@code teal get} reads the demo document,
 * and the GitHub Action's script, run exactly as action.yml runs it, installs the CLI archive and deploys
 * nginx:1.27 to the demo service.
 */
class ReleaseArchivesIT {

  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final Duration SANDBOX_UP_WITHIN = Duration.ofMinutes(3);

  @TempDir
  static Path outside;

  private static Process sandbox;
  private static Map<String, String> sandboxEnv;
  private static Path sandboxLog;

  @BeforeAll
  static void startTheSandboxFromItsArchive() throws Exception {
    Path home = unpack(archive("teal-sandbox-"), outside.resolve("sandbox-home"));
    Path envFile = outside.resolve("sandbox.env");
    sandboxLog = outside.resolve("teal-sandbox.log");
    ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/teal-sandbox").toString(), "--operator",
        "--api-port", "0", "--dynamodb-port", "0", "--listener-offset", "auto", "--operator-port", "0",
        "--env-file", envFile.toString())
        .directory(outside.toFile()).redirectErrorStream(true).redirectOutput(sandboxLog.toFile());
    bare(builder.environment());
    sandbox = builder.start();
    Instant deadline = Instant.now().plus(SANDBOX_UP_WITHIN);
    while (!Files.exists(envFile)) {
      assertThat(sandbox.isAlive()).as("teal-sandbox is running; its log:\n%s", log()).isTrue();
      assertThat(Instant.now()).as("teal-sandbox wrote %s; its log:\n%s", envFile, log()).isBefore(deadline);
      Thread.sleep(200);
    }
    sandboxEnv = new LinkedHashMap<>();
    for (String line : Files.readAllLines(envFile)) {
      int eq = line.indexOf('=');
      sandboxEnv.put(line.substring(0, eq), line.substring(eq + 1));
    }
  }

  @AfterAll
  static void stopTheSandbox() throws InterruptedException {
    if (sandbox != null) {
      sandbox.destroy(); // SIGTERM: teal-sandbox stops the operator, then the sandbox
      if (!sandbox.waitFor(60, TimeUnit.SECONDS)) {
        sandbox.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void theCliArchiveRunsTealGetWithNothingInstalled() throws Exception {
    Path home = unpack(archive("teal-cli-"), outside.resolve("cli-home"));
    assertThat(home.resolve("bin/teal-sandbox")).as("the CLI archive carries no sandbox").doesNotExist();

    // Not even /usr/bin: a PATH holding only what the launcher runs (sh, readlink), so no java and no mvn
    // of this machine can stand in for the archive's own runtime.
    Path bin = Files.createDirectories(outside.resolve("launcher-only-bin"));
    for (String tool : List.of("sh", "readlink")) {
      Path found = Stream.of("/usr/bin", "/bin").map(dir -> Path.of(dir, tool)).filter(Files::isExecutable)
          .findFirst().orElseThrow(() -> new AssertionError(tool + " is not in /usr/bin or /bin"));
      Files.createSymbolicLink(bin.resolve(tool), found);
    }
    Map<String, String> launcherOnly = Map.of("PATH", bin.toString());

    Result get = run(List.of(home.resolve("bin/teal").toString(), "get", "web"), launcherOnly);
    assertThat(get.code()).as(get.output()).isZero();
    // nginx:1.26 as seeded, or 1.27 once the action test has deployed it
    assertThat(get.output()).containsPattern("(?m)^web\\s+nginx:1\\.2[67]\\s");

    Result help = run(List.of(home.resolve("bin/teal").toString(), "--help"), launcherOnly);
    assertThat(help.code()).as(help.output()).isZero();
    assertThat(help.output()).contains("set-image", "Exit codes:");
  }

  /** action.yml's one step, with the environment GitHub gives it; the archive comes from the build. */
  @Test
  void theActionsScriptDeploysTheDemoService() throws Exception {
    Path runnerTemp = Files.createDirectories(outside.resolve("runner-temp"));
    Path githubOutput = outside.resolve("github-output");
    Path githubPath = outside.resolve("github-path");
    Files.createFile(githubOutput);
    Files.createFile(githubPath);
    Map<String, String> env = new HashMap<>();
    env.put("INPUT_NAME", "web");
    env.put("INPUT_IMAGE", "nginx:1.27");
    env.put("INPUT_PROMOTE", "true");
    env.put("INPUT_TIMEOUT", "5m");
    env.put("INPUT_TABLE", "");
    env.put("INPUT_VERSION", "");
    env.put("INPUT_ARCHIVE_URL", archive("teal-cli-").toUri().toString());
    env.put("RUNNER_TEMP", runnerTemp.toString());
    env.put("GITHUB_OUTPUT", githubOutput.toString());
    env.put("GITHUB_PATH", githubPath.toString());
    env.put("GITHUB_ACTION_PATH", Path.of("deploy/github-action").toAbsolutePath().toString());

    Result deploy = run(List.of("bash", "-c", "\"$GITHUB_ACTION_PATH/deploy.sh\""), env);

    assertThat(deploy.code()).as("deploy.sh's exit code; its output:\n%s\nteal-sandbox's log:\n%s", deploy.output(), log())
        .isZero();
    assertThat(Files.readAllLines(githubOutput)).contains("result=reached", "exit-code=0")
        .contains("teal=" + runnerTemp.resolve("teal-cli/bin/teal"));
    assertThat(Files.readAllLines(githubPath)).containsExactly(runnerTemp.resolve("teal-cli/bin").toString());

    Result get = run(List.of(runnerTemp.resolve("teal-cli/bin/teal").toString(), "get", "web"), Map.of());
    assertThat(get.output()).containsPattern("(?m)^web\\s+nginx:1\\.27\\s+promote\\s+Promoted\\s+nginx:1\\.27\\s");
  }

  /**
   * The JVM drops an AOT cache silently (bin/teal turns its logging off) when the class path differs from
   * the training run's, so a cache that no unpacked archive can use would pass every other test here. With
   * the cache's logging back on, both caches must be mapped, from wherever the archive was unpacked.
   */
  @Test
  void theUnpackedCliMapsItsAotCaches() throws Exception {
    Path home = unpack(archive("teal-cli-"), outside.resolve("cache-home"));
    Map<String, String> aotLog = Map.of("TEAL_JAVA_OPTS", "-Xlog:aot=info");

    Result version = run(List.of(home.resolve("bin/teal").toString(), "--version"), aotLog);
    assertThat(version.code()).as(version.output()).isZero();
    assertThat(version.output()).as("--version maps the help cache")
        .contains("Opened AOT cache " + home.resolve("lib/teal-help.aot"))
        .contains("Using AOT-linked classes: true").doesNotContain("[error");

    Result get = run(List.of(home.resolve("bin/teal").toString(), "get", "web"), aotLog);
    assertThat(get.code()).as(get.output()).isZero();
    assertThat(get.output()).as("get maps the full cache")
        .contains("Opened AOT cache " + home.resolve("lib/teal.aot"))
        .contains("Using AOT-linked classes: true").doesNotContain("[error");
  }

  /**
   * picocli's own jar is Java 5 bytecode, which an AOT cache cannot hold, so every command loaded its
   * classes from the jar; the archive carries picocli compiled for this Java instead. Both caches must now
   * give picocli's classes, and {@code teal get --help} must answer from the help cache.
   */
  @Test
  void picocliComesFromTheAotCaches() throws Exception {
    Path home = unpack(archive("teal-cli-"), outside.resolve("picocli-home"));
    Map<String, String> classLog = Map.of("TEAL_JAVA_OPTS", "-Xlog:class+load=info");

    for (List<String> args : List.of(List.of("get", "--help"), List.of("get", "web"))) {
      List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/teal").toString()));
      command.addAll(args);
      Result result = run(command, classLog);
      assertThat(result.code()).as(result.output()).isZero();
      assertThat(result.output()).as("teal %s", String.join(" ", args))
          .containsPattern("(?m)^\\[[^]]*\\]\\[info\\]\\[class,load\\] picocli\\.CommandLine source: shared objects file")
          .doesNotContainPattern("picocli\\.\\S+ source: (file|jar):");
    }
  }

  private record Result(int code, String output) {}

  private static Result run(List<String> command, Map<String, String> extra) throws Exception {
    Path output = Files.createTempFile(outside, "run-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(outside.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile());
    bare(builder.environment());
    builder.environment().putAll(sandboxEnv);
    builder.environment().putAll(extra);
    Process process = builder.start();
    if (!process.waitFor(6, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish in 6 minutes:\n" + Files.readString(output));
    }
    return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  /** What a fresh runner has of ours: nothing. No JAVA_HOME, no Maven, no AWS settings of this machine. */
  private static void bare(Map<String, String> env) {
    String home = outside.toString();
    env.clear();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", home);
    env.put("TMPDIR", home);
  }

  private static Path archive(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(TARGET)) {
      List<Path> archives = files.filter(p -> p.getFileName().toString().startsWith(prefix)
          && p.getFileName().toString().endsWith("-linux-x86_64.tar.gz")).toList();
      assertThat(archives).as(prefix + "*-linux-x86_64.tar.gz in target/, built by package").hasSize(1);
      return archives.get(0);
    }
  }

  /** tar -xzf into an empty folder; returns the archive's one top-level folder, teal-VERSION. */
  private static Path unpack(Path archive, Path into) throws Exception {
    Files.createDirectories(into);
    Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString()).inheritIO().start();
    assertThat(tar.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(tar.exitValue()).as("tar -xzf " + archive).isZero();
    try (Stream<Path> top = Files.list(into)) {
      List<Path> folders = top.toList();
      assertThat(folders).as("one top-level folder in " + archive).hasSize(1);
      return folders.get(0);
    }
  }

  private static String log() {
    try {
      return Files.exists(sandboxLog) ? Files.readString(sandboxLog) : "(none)";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
