package dev.teal.bench;

import dev.teal.sandbox.SandboxClients;
import dev.teal.testing.FleetWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Target 6: the packaged operator as a process of its own, pointed at the sandbox through its {@code TEAL_*}
 * environment, with N documents in its table: start-to-ready (process start to {@code /q/health/ready}
 * answering 200) over several starts, with the release tree's runtime and AOT cache and, paired with them,
 * without the cache; resident memory ({@code VmRSS}, and its peak {@code VmHWM}, from
 * {@code /proc/<pid>/status}) once it has adopted all N and settled. Then the CLI from the release tree
 * (target/dist/teal, what the archive holds): {@code teal get NAME} side by side with the AWS CLI's
 * {@code dynamodb get-item} of the same item (and the clone's {@code bin/teal}), and {@code teal --help}.
 */
final class FootprintBenchmark {

  static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  /** The release tree that src/main/dist/build-archives.sh stages and archives. */
  static final Path RELEASE = Path.of("target/dist/teal");
  static final Path CLI = RELEASE.resolve("bin/teal");
  static final Path CLONE_CLI = Path.of("bin/teal");
  /** The operator's argfile, which the release tree stages for the image, the sandbox and the cache's training. */
  static final Path OPERATOR_JVM_OPTIONS = Path.of("src/main/dist/operator/jvm.options");
  private static final long RSS_LIMIT_MB = 256;
  private static final Duration READY_LIMIT = Duration.ofSeconds(1);
  private static final Duration GET_LIMIT = Duration.ofMillis(300);
  private static final double GET_RATIO_LIMIT = 0.4;
  private static final Duration HELP_LIMIT = Duration.ofMillis(150);

  private final BenchSandbox sandbox;
  private final BenchOptions options;
  private final Path logs = Path.of("target/bench-logs");
  private final List<Duration> readiness = new ArrayList<>();
  /** The same starts without the AOT cache, each right after one with it. */
  private final List<Duration> readinessWithoutCache = new ArrayList<>();
  /** What Quarkus itself logs as its start ("started in 1.234s"): the JVM's own start-up is not in it. */
  private final List<Duration> quarkusStarted = new ArrayList<>();
  private final List<Duration> get = new ArrayList<>();
  private final List<Duration> awsGet = new ArrayList<>();
  private final List<Duration> cloneGet = new ArrayList<>();
  private final List<Double> getRatios = new ArrayList<>();
  private final List<Duration> help = new ArrayList<>();
  private String awsCli;
  private long rssKb;
  private long peakKb;
  private long defaultFlagsRssKb = -1;
  /** The first start's CPU time (user + system) until every document was adopted, and while it then settled. */
  private Duration cpuToAdopt = Duration.ZERO;
  private Duration cpuSettled = Duration.ZERO;
  private Documents documents;

  FootprintBenchmark(BenchSandbox sandbox, BenchOptions options) {
    this.sandbox = sandbox;
    this.options = options;
  }

  /** The packaged operator and the release tree (./mvnw package builds both; bench/run does). */
  static boolean packaged() {
    return Files.isRegularFile(JAR) && released();
  }

  void run() {
    if (!packaged()) {
      throw new IllegalStateException(JAR + " or " + RELEASE + " is missing: run mvn package -DskipTests (bench/run does)");
    }
    try {
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    documents = sandbox.table("footprint", true, sandbox.fleet().deployments());
    List<String> names = sandbox.fleet().deployments().stream().map(FleetWorld.Deployment::name).toList();
    for (int i = 0; i < options.starts(); i++) {
      boolean first = i == 0;
      if (released()) {
        runOperator(withoutCache(), "operator-nocache-" + (i + 1), process -> { });
      }
      runOperator(withCache(), "operator-" + (i + 1), process -> {
        if (first) {
          // The first start adopts every document; memory is read once that is done and the queue is quiet.
          awaitAdopted(names);
          cpuToAdopt = cpuTime(process);
          Pause.millis(options.settleBeforeMemory().toMillis()); // let the last reconciles and GC finish
          rssKb = statusField(process, "VmRSS");
          peakKb = statusField(process, "VmHWM");
          cpuSettled = cpuTime(process).minus(cpuToAdopt);
        }
      });
    }
    if (!options.quick()) {
      runOperator(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toAbsolutePath().toString()),
          "operator-jvm-defaults", process -> {
        Pause.millis(10_000); // the table is settled: ten seconds of resync and stream polling
        defaultFlagsRssKb = statusField(process, "VmRSS");
      });
    }
    awsCli = awsCli();
    String name = names.get(0);
    List<String> tealGet = List.of(CLI.toString(), "get", name);
    List<String> cloneGet = List.of(CLONE_CLI.toString(), "get", name);
    List<String> awsGetItem = awsCli == null ? null : List.of(awsCli, "dynamodb", "get-item", "--consistent-read",
        "--table-name", documents.table(), "--key", "{\"name\":{\"S\":\"" + name + "\"},\"sk\":{\"S\":\"deployment\"}}");
    // One unmeasured round: bin/teal writes its class-data archive on its first run after a build.
    runCli(tealGet);
    runCli(cloneGet);
    if (awsGetItem != null) {
      runCli(awsGetItem);
    }
    for (int i = 0; i < options.cliRuns(); i++) { // in turn, so a drift in the machine's speed hits all alike
      Duration teal = runCli(tealGet);
      get.add(teal);
      if (awsGetItem != null) {
        Duration aws = runCli(awsGetItem);
        awsGet.add(aws);
        getRatios.add((double) teal.toNanos() / aws.toNanos());
      }
      this.cloneGet.add(runCli(cloneGet));
      help.add(runCli(List.of(CLI.toString(), "--help")));
    }
  }

  /** Whether the release tree is there (bench/run builds it; -Dteal.archives.skip leaves it out). */
  static boolean released() {
    return Files.isRegularFile(CLI) && Files.isRegularFile(RELEASE.resolve("operator/quarkus-run.jar"));
  }

  /** The image's way: the release runtime and the operator's AOT cache, with the measured flags. */
  private List<String> withCache() {
    if (!released()) {
      return javaCommand(Path.of(System.getProperty("java.home"), "bin", "java"), List.of(), JAR);
    }
    Path operator = RELEASE.resolve("operator");
    return javaCommand(RELEASE.resolve("runtime/bin/java"), List.of("-XX:AOTCache=" + operator.resolve("app.aot").toAbsolutePath(),
        "-Xlog:aot=off", "-Xlog:cds=off"), operator.resolve("quarkus-run.jar"));
  }

  private List<String> withoutCache() {
    Path operator = RELEASE.resolve("operator");
    return javaCommand(RELEASE.resolve("runtime/bin/java"), List.of(), operator.resolve("quarkus-run.jar"));
  }

  private List<String> javaCommand(Path java, List<String> cache, Path jar) {
    List<String> command = new ArrayList<>();
    command.add(java.toAbsolutePath().toString()); // the operator runs from its own folder
    command.addAll(cache);
    command.addAll(options.operatorJvmFlags());
    command.add("-jar");
    // By its absolute path, as the image names it: the cache was trained so, and the JVM refuses it for a
    // relative class path started from another directory.
    command.add(jar.toAbsolutePath().toString());
    return command;
  }

  /** The AWS CLI on PATH, if there is one. */
  private static String awsCli() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path aws = Path.of(dir, "aws");
      if (Files.isExecutable(aws)) {
        return aws.toString();
      }
    }
    return null;
  }

  private interface WhileRunning {
    void accept(Process process);
  }

  private void runOperator(List<String> command, String logName, WhileRunning body) {
    int port = freePort();
    // From the operator's folder, as the image (its WORKDIR) and teal-sandbox --operator run it: the AOT cache
    // names the jars relative to it (src/main/dist/build-archives.sh says why).
    Path jar = Path.of(command.get(command.size() - 1));
    ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile()).redirectErrorStream(true)
        .redirectOutput(logs.resolve(logName + ".log").toFile());
    Map<String, String> env = builder.environment();
    String aws = sandbox.awsEndpoint().toString();
    String dynamo = sandbox.dynamoDbEndpoint().toString();
    env.put("TEAL_ENDPOINTS_ECS", aws);
    env.put("TEAL_ENDPOINTS_ELB", aws);
    env.put("TEAL_ENDPOINTS_APPLICATION_AUTOSCALING", aws);
    env.put("TEAL_ENDPOINTS_CLOUDWATCH", aws);
    env.put("TEAL_ENDPOINTS_LAMBDA", aws);
    env.put("TEAL_ENDPOINTS_STS", aws);
    env.put("TEAL_ENDPOINTS_DYNAMODB", dynamo);
    env.put("TEAL_ENDPOINTS_DYNAMODB_STREAMS", dynamo);
    env.put("TEAL_TABLE", documents.table());
    env.put("TEAL_REGION", sandbox.region());
    env.put("TEAL_AWS_ACCESS_KEY_ID", SandboxClients.ACCESS_KEY_ID);
    env.put("TEAL_AWS_SECRET_ACCESS_KEY", SandboxClients.SECRET_ACCESS_KEY);
    env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      awaitReady(process, port);
      Duration ready = Duration.ofNanos(System.nanoTime() - started);
      if (logName.startsWith("operator-nocache-")) {
        readinessWithoutCache.add(ready);
      } else if (logName.startsWith("operator-") && !logName.equals("operator-jvm-defaults")) {
        readiness.add(ready);
        quarkusStartedIn(logs.resolve(logName + ".log")).ifPresent(quarkusStarted::add);
      }
      body.accept(process);
    } finally {
      stop(process);
    }
  }

  private static void awaitReady(Process process, int port) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
        .timeout(Duration.ofSeconds(2)).build();
    Waits.until("the operator to be ready", Duration.ofSeconds(120), Duration.ofMillis(10), () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator exited with " + process.exitValue() + " before it was ready");
      }
      try {
        return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException notListeningYet) {
        return false;
      }
    });
  }

  private void awaitAdopted(List<String> names) {
    // a Scan of the whole table each time: once a second is enough
    Waits.until("the packaged operator to adopt all " + names.size() + " deployments", Duration.ofMinutes(10),
        Duration.ofSeconds(1), () -> documents.store().list().stream()
            .filter(d -> StatusLog.settled(d.status(), d.specHash())).count() == names.size());
  }

  /** SIGTERM, as ECS stops a task: the operator drains and releases its lease. */
  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(40, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** Runs one command to its end with the sandbox's AWS environment; its wall time, process start to exit. */
  private Duration runCli(List<String> command) {
    Path log = logs.resolve("cli-" + Path.of(command.get(0)).getFileName() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("TEAL_"));
    env.put("AWS_REGION", sandbox.region());
    env.put("AWS_DEFAULT_REGION", sandbox.region()); // the AWS CLI v1 reads only this one
    env.put("AWS_ACCESS_KEY_ID", SandboxClients.ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", SandboxClients.SECRET_ACCESS_KEY);
    env.put("AWS_ENDPOINT_URL", sandbox.awsEndpoint().toString());
    env.put("AWS_ENDPOINT_URL_DYNAMODB", sandbox.dynamoDbEndpoint().toString());
    env.put("TEAL_TABLE", documents.table());
    long started = System.nanoTime();
    try {
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish within 60 s");
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(command + " exited with " + process.exitValue() + "; see " + log);
      }
      return took;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static java.util.Optional<Duration> quarkusStartedIn(Path log) {
    try {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("started in ([0-9.]+)s").matcher(Files.readString(log));
      return m.find() ? java.util.Optional.of(Duration.ofMillis((long) (Double.parseDouble(m.group(1)) * 1000)))
          : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The JVM flags the operator is measured with: its argfile's (the file says why each), as everything that
   * starts it uses them, and a heap cap sized for a thousand deployments. Spelled out instead of passed as
   * {@code @file}, so that the report says what they were.
   */
  static List<String> flags() {
    List<String> flags = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(OPERATOR_JVM_OPTIONS)) {
        String flag = line.strip();
        if (!flag.isEmpty() && !flag.startsWith("#")) {
          flags.addAll(List.of(flag.split("\\s+")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    flags.add("-Xmx96m");
    return flags;
  }

  /** The process's CPU time so far, user and system (the JDK reads /proc/PID/stat). */
  private static Duration cpuTime(Process process) {
    return process.toHandle().info().totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("no CPU time for the operator's process"));
  }

  private static long statusField(Process process, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException(field + " not found for pid " + process.pid());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Row memoryRow() {
    long mb = rssKb / 1024;
    String measured = String.format("VmRSS %d MB (peak VmHWM %d MB) with %d deployments adopted", mb, peakKb / 1024,
        sandbox.fleet().size());
    String notes = "JVM flags: " + String.join(" ", options.operatorJvmFlags())
        + "."
        + (defaultFlagsRssKb < 0 ? "" : " With the JVM's defaults on this machine (heap up to a quarter of its RAM)"
            + " the same operator sits at " + defaultFlagsRssKb / 1024 + " MB: the cap is what keeps it small.")
        + " Read " + options.settleBeforeMemory().toSeconds() + " s after the last document was adopted."
        + String.format(" CPU time (user + system): %.1f s from start until all were adopted, %.1f s in the %d s after.",
            cpuToAdopt.toMillis() / 1000.0, cpuSettled.toMillis() / 1000.0, options.settleBeforeMemory().toSeconds());
    return new Row("6a", "operator with " + sandbox.fleet().size() + " deployments: < 256 MB resident", measured,
        Verdict.of(mb < RSS_LIMIT_MB), notes);
  }

  Row readyRow() {
    Distribution d = new Distribution(readiness);
    String without = readinessWithoutCache.isEmpty() ? ""
        : " Paired starts without the AOT cache (same runtime, same flags): " + new Distribution(readinessWithoutCache).render()
            + " (median with/without " + ratio(median(readiness), median(readinessWithoutCache)) + ").";
    return new Row("6b", "packaged operator, process start → ready (/q/health/ready): ≤ 1 s", d.render(),
        Verdict.of(d.p50().compareTo(READY_LIMIT) <= 0), "Verdict on the median. "
        + (released() ? "The release tree's operator (target/dist/teal/operator, what the image copies; Quarkus's"
            + " aot-jar layout, so every class is the JDK class path loader's and can be cached) on its runtime"
            + " with its AOT cache (app.aot, trained at package time against the sandbox), JVM flags as in 6a."
            : "target/quarkus-app on the build JDK without an AOT cache (no release tree: -Dteal.archives.skip).")
        + without + " Ready = DynamoDB answers, the lease state is known and every document has been listed once;"
        + " the first start found " + sandbox.fleet().size() + " unadopted documents, the later ones a settled table."
        + (quarkusStarted.isEmpty() ? "" : " Quarkus's own \"started in\": " + new Distribution(quarkusStarted).render()
            + "; the rest is the JVM starting and mapping the cache.")
        + " Bounded by the JVM loading the cache's ~13,000 classes before main (AOT class linking), Quarkus's"
        + " runtime start (CDI, Vert.x, config, metrics) and the first resync's calls (DynamoDB Scan, ECS and ELB"
        + " describes: three SDK clients' first requests), on a shared 2-core machine.");
  }

  /** teal get NAME from the release tree, side by side with the AWS CLI reading the same item. */
  Row getRow() {
    if (get.isEmpty()) {
      return Row.notMeasured("6c", "teal get NAME", "not run");
    }
    Distribution d = new Distribution(get);
    String target = "teal get NAME (the archive's CLI): ≤ 300 ms wall and ≤ 0.4 × the AWS CLI's get-item";
    if (awsGet.isEmpty()) {
      return new Row("6c", target, d.render(), Verdict.of(d.p50().compareTo(GET_LIMIT) <= 0),
          "No AWS CLI on PATH, so no ratio; verdict on the median wall time alone.");
    }
    double ratio = medianRatio();
    Distribution aws = new Distribution(awsGet);
    return new Row("6c", target, d.render() + "; AWS CLI " + aws.render() + "; ratio " + String.format("%.2f", ratio),
        Verdict.of(d.p50().compareTo(GET_LIMIT) <= 0 && ratio <= GET_RATIO_LIMIT),
        "Verdict on the medians; the ratio is the median of per-pair ratios, teal and `aws dynamodb get-item"
        + " --consistent-read` (" + awsCli + ") run in turn against the same sandbox item, " + get.size()
        + " pairs. The clone's bin/teal in the same turns: " + new Distribution(cloneGet).render() + "."
        + " The archive's teal runs its jlink runtime with the AOT cache trained at package time (C1 only, serial GC)."
        + " Bounded by what runs on every start whatever the cache holds (docs/cli.md): loading the cache's ~6,600"
        + " classes before main (AOT class linking); picocli (compiled for this Java, so from the cache) reading"
        + " the root's and get's annotations reflectively (only the subcommand named is registered); building the"
        + " DynamoDB client (the SDK's signing-region lookup builds its metadata for every AWS service); the first"
        + " request (SigV4, endpoint rules, the JSON protocol); Jackson binding the spec and status records.");
  }

  Row helpRow() {
    Distribution d = new Distribution(help);
    return new Row("6d", "teal --help (the archive's CLI): ≤ 150 ms wall", d.render(),
        Verdict.of(d.p50().compareTo(HELP_LIMIT) <= 0), "Verdict on the median. bin/teal maps the help cache"
        + " (lib/teal-help.aot, trained on help, version and usage errors alone) instead of the full one, and"
        + " picocli's classes come from it (compiled for this Java). Bounded by picocli reading every subcommand's"
        + " annotations reflectively, since help lists them all; the JVM itself starts in about 40 ms here.");
  }

  private double medianRatio() {
    List<Double> sorted = new ArrayList<>(getRatios);
    sorted.sort(Double::compare);
    return sorted.get(sorted.size() / 2);
  }

  private static Duration median(List<Duration> samples) {
    return new Distribution(samples).p50();
  }

  private static String ratio(Duration a, Duration b) {
    return String.format("%.2f", (double) a.toNanos() / b.toNanos());
  }
}
