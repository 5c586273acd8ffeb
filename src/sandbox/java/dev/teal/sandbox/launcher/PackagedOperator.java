package dev.teal.sandbox.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator (the archive's {@code operator/quarkus-run.jar}, the same build the image ships) as
 * a child process on the archive's Java runtime, configured through its {@code TEAL_*} environment to use
 * the sandbox. Started and awaited until {@code /q/health/ready} answers 200; stopped with SIGTERM, as ECS
 * stops a task, so it releases its lease.
 */
final class PackagedOperator implements AutoCloseable {

  /** The archive's root; {@code bin/teal-sandbox} sets it. */
  static final String HOME_PROPERTY = "teal.home";
  private static final Duration READY_WITHIN = Duration.ofSeconds(90);

  private final Process process;
  private final URI url;
  private final Path log;

  private PackagedOperator(Process process, URI url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  static PackagedOperator start(Map<String, String> sandbox, String region, int port) {
    Path home = Path.of(System.getProperty(HOME_PROPERTY, ".")).toAbsolutePath().normalize();
    Path jar = home.resolve("operator/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("--operator: no packaged operator at " + jar
          + " (it ships in the teal-sandbox archive)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path aot = home.resolve("operator/app.aot");
    if (Files.isRegularFile(aot)) {
      command.add("-XX:AOTCache=" + aot);
      command.add("-Xlog:aot=off");
      command.add("-Xlog:cds=off");
    }
    // The flags of the image and of the cache's training run (the operator's argfile), and a heap cap.
    command.addAll(List.of("@" + home.resolve("operator/jvm.options"), "-Xmx96m", "-jar", jar.toString()));
    Path log;
    try {
      log = Files.createTempFile("teal-operator-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    String api = sandbox.get("AWS_ENDPOINT_URL");
    String dynamoDb = sandbox.get("AWS_ENDPOINT_URL_DYNAMODB");
    env.put("TEAL_ENDPOINTS_ECS", api);
    env.put("TEAL_ENDPOINTS_ELB", api);
    env.put("TEAL_ENDPOINTS_APPLICATION_AUTOSCALING", api);
    env.put("TEAL_ENDPOINTS_CLOUDWATCH", api); // the alarm gate
    env.put("TEAL_ENDPOINTS_LAMBDA", api); // Lambda lifecycle hooks
    env.put("TEAL_ENDPOINTS_STS", api);
    // As dev mode: every transition goes on the simulator's default event bus (GET /_sim/events lists them).
    env.put("TEAL_ENDPOINTS_EVENTS", api);
    env.put("TEAL_NOTIFICATIONS_EVENT_BUS", "default");
    if (dynamoDb != null) {
      env.put("TEAL_ENDPOINTS_DYNAMODB", dynamoDb);
      env.put("TEAL_ENDPOINTS_DYNAMODB_STREAMS", dynamoDb);
    }
    env.put("TEAL_TABLE", sandbox.get("TEAL_TABLE"));
    env.put("TEAL_REGION", region);
    env.put("TEAL_AWS_ACCESS_KEY_ID", sandbox.get("AWS_ACCESS_KEY_ID"));
    env.put("TEAL_AWS_SECRET_ACCESS_KEY", sandbox.get("AWS_SECRET_ACCESS_KEY"));
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the operator: " + command, e);
    }
    PackagedOperator operator = new PackagedOperator(process, URI.create("http://127.0.0.1:" + port + "/"), log);
    try {
      operator.awaitReady();
    } catch (RuntimeException e) {
      operator.close();
      throw e;
    }
    return operator;
  }

  URI url() {
    return url;
  }

  Path log() {
    return log;
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready = HttpRequest.newBuilder(url.resolve("/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(READY_WITHIN);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator exited with " + process.exitValue() + " before it was ready;"
            + " see " + log);
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // not up yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the operator", e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the operator", e);
      }
    }
    throw new IllegalStateException("the operator was not ready within " + READY_WITHIN.toSeconds() + " s; see " + log);
  }

  /** SIGTERM, then up to 40 s for the drain (teal.shutdown-timeout is 20 s), then SIGKILL. */
  @Override
  public void close() {
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
}
