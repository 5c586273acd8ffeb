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
 * Target 6: the packaged operator ({@code target/quarkus-app/quarkus-run.jar}) as a process of its own,
 * pointed at the sandbox through its {@code TEAL_*} environment, with N documents in its table:
 * start-to-ready (process start to {@code /q/health/ready} answering 200) over several starts; resident
 * memory ({@code VmRSS}, and its peak {@code VmHWM}, from {@code /proc/<pid>/status}) once it has adopted
 * all N and settled; and the wall time of {@code bin/teal get} listing them.
 */
final class FootprintBenchmark {

  static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  static final Path CLI = Path.of("bin/teal");
  /**
   * The JVM flags the operator is measured with (pass them in JAVA_OPTS_APPEND to the image): a heap cap
   * sized for a thousand deployments, the serial collector (one GC thread, no per-thread buffers: the daemon
   * is I/O bound), and a smaller code cache and thread stacks.
   */
  static final List<String> FLAGS = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=48m",
      "-Xss512k");
  private static final long RSS_LIMIT_MB = 256;
  private static final Duration READY_LIMIT = Duration.ofSeconds(3);
  private static final Duration CLI_LIMIT = Duration.ofSeconds(1);

  private final BenchSandbox sandbox;
  private final BenchOptions options;
  private final Path logs = Path.of("target/bench-logs");
  private final List<Duration> readiness = new ArrayList<>();
  /** What Quarkus itself logs as its start ("started in 1.234s"): the JVM's own start-up is not in it. */
  private final List<Duration> quarkusStarted = new ArrayList<>();
  private final List<Duration> cli = new ArrayList<>();
  private long rssKb;
  private long peakKb;
  private long defaultFlagsRssKb = -1;
  private Documents documents;

  FootprintBenchmark(BenchSandbox sandbox, BenchOptions options) {
    this.sandbox = sandbox;
    this.options = options;
  }

  static boolean packaged() {
    return Files.isRegularFile(JAR);
  }

  void run() {
    if (!packaged()) {
      throw new IllegalStateException(JAR + " is missing: run mvn package -DskipTests (bench/run does)");
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
      runOperator(options.operatorJvmFlags(), "operator-" + (i + 1), process -> {
        if (first) {
          // The first start adopts every document; memory is read once that is done and the queue is quiet.
          awaitAdopted(names);
          Pause.millis(options.settleBeforeMemory().toMillis()); // let the last reconciles and GC finish
          rssKb = statusField(process, "VmRSS");
          peakKb = statusField(process, "VmHWM");
        }
      });
    }
    if (!options.quick()) {
      runOperator(List.of(), "operator-jvm-defaults", process -> {
        Pause.millis(10_000); // the table is settled: ten seconds of resync and stream polling
        defaultFlagsRssKb = statusField(process, "VmRSS");
      });
    }
    if (!options.quick()) {
      runCli(); // the first run after a build writes bin/teal's class-data archive: not measured
    }
    for (int i = 0; i < options.cliRuns(); i++) {
      cli.add(runCli());
    }
  }

  private interface WhileRunning {
    void accept(Process process);
  }

  private void runOperator(List<String> flags, String logName, WhileRunning body) {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.add("-jar");
    command.add(JAR.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(logs.resolve(logName + ".log").toFile());
    Map<String, String> env = builder.environment();
    String aws = sandbox.awsEndpoint().toString();
    String dynamo = sandbox.dynamoDbEndpoint().toString();
    env.put("TEAL_ENDPOINTS_ECS", aws);
    env.put("TEAL_ENDPOINTS_ELB", aws);
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
      if (!flags.isEmpty()) {
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

  private Duration runCli() {
    ProcessBuilder builder = new ProcessBuilder(CLI.toString(), "get").redirectErrorStream(true)
        .redirectOutput(logs.resolve("teal-get.log").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("TEAL_"));
    env.put("AWS_REGION", sandbox.region());
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
        throw new IllegalStateException("teal get did not finish within 60 s");
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("teal get exited with " + process.exitValue() + "; see "
            + logs.resolve("teal-get.log"));
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
        + " Read " + options.settleBeforeMemory().toSeconds() + " s after the last document was adopted.";
    return new Row("6a", "operator with " + sandbox.fleet().size() + " deployments: < 256 MB resident", measured,
        Verdict.of(mb < RSS_LIMIT_MB), notes);
  }

  Row readyRow() {
    Distribution d = new Distribution(readiness);
    return new Row("6b", "packaged operator, process start → ready (/q/health/ready): ≤ 3 s", d.render(),
        Verdict.of(d.max().compareTo(READY_LIMIT) <= 0), "Verdict on the slowest start. Ready = DynamoDB answers,"
        + " the lease state is known and every document has been listed once (the first resync's fleet check"
        + " included); the first start found " + sandbox.fleet().size() + " unadopted documents, the later ones a"
        + " settled table. JVM flags as in 6a, no class-data archive."
        + (quarkusStarted.isEmpty() ? "" : " Quarkus's own \"started in\": " + new Distribution(quarkusStarted).render()
            + "; the rest is the JVM starting and loading classes.")
        + " Bounded by JVM and Quarkus start-up on this CPU; an AppCDS archive, fewer extensions or a native build"
        + " would move it.");
  }

  Row cliRow() {
    Distribution d = new Distribution(cli);
    return new Row("6c", "bin/teal get against the sandbox: ≤ 1 s wall", d.render(),
        Verdict.of(d.max().compareTo(CLI_LIMIT) <= 0), "Verdict on the slowest run. Lists all "
        + sandbox.fleet().size() + " documents (one Scan). bin/teal's own flags (C1 only, serial GC, its"
        + " class-data archive" + (options.quick() ? ")." : ", written by one unmeasured run first).")
        + " Bounded by JVM start-up (bin/teal is a shell script starting a JVM); a native build would move it.");
  }
}
