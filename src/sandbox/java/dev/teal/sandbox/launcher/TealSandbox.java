package dev.teal.sandbox.launcher;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.PromotionSpec;
import dev.teal.model.StrategySpec;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.SandboxClients;
import dev.teal.sandbox.SandboxLauncher;
import dev.teal.sandbox.devmode.DemoDocument;
import dev.teal.store.ChangeContext;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.TableSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code teal-sandbox}: the sandbox AWS for a team's own CI, from the release archive, with no Maven and
 * no AWS account. It starts DynamoDB Local and the ECS/ELBv2/STS simulator on loopback, then either the
 * demo world ({@code web} running nginx:1.26 behind an ALB, the table, and the {@code web} document) or
 * nothing, optionally the packaged operator beside them, and prints the environment to export, as dev
 * mode does. It runs until it is stopped (Ctrl-C or SIGTERM), then stops the operator and the sandbox.
 *
 * <p>Readiness for scripts: {@code --env-file FILE} is written (whole, by a rename) only once everything
 * asked for is up, as {@code NAME=value} lines that both {@code set -a; . FILE} and {@code $GITHUB_ENV} read.
 */
public final class TealSandbox {

  static final String USAGE = """
      usage: teal-sandbox [--empty] [--operator] [--env-file FILE] [--table NAME] [--region REGION]
                          [--api-port 4566] [--dynamodb-port 8000] [--listener-offset 10000|auto]
                          [--operator-port 8080] [--seed 42]

        --empty            no demo world: no cluster, load balancer, table or document
        --operator         also run the packaged operator against the sandbox (from this archive)
        --env-file FILE    once everything is up, write the environment there (NAME=value lines)
        port 0             a free port; --listener-offset auto: a free pair for the demo's :80 and :8080
      """;

  private TealSandbox() {}

  /** What the command line asks for. */
  record Options(boolean demo, boolean operator, Path envFile, String table, String region, int apiPort,
      int dynamoDbPort, Integer listenerOffset, int operatorPort, long seed) {

    static Options parse(List<String> args) {
      boolean demo = true;
      boolean operator = false;
      Path envFile = null;
      String table = "teal-deployments";
      String region = "us-east-1";
      int apiPort = SandboxLauncher.DEFAULT_API_PORT;
      int dynamoDbPort = SandboxLauncher.DEFAULT_DYNAMODB_PORT;
      Integer listenerOffset = SandboxLauncher.DEFAULT_LISTENER_PORT_OFFSET;
      int operatorPort = 8080;
      long seed = 42;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "--empty" -> demo = false;
          case "--demo" -> demo = true;
          case "--operator" -> operator = true;
          case "--env-file" -> envFile = Path.of(value(args, ++i, arg));
          case "--table" -> table = value(args, ++i, arg);
          case "--region" -> region = value(args, ++i, arg);
          case "--api-port" -> apiPort = port(value(args, ++i, arg), arg);
          case "--dynamodb-port" -> dynamoDbPort = port(value(args, ++i, arg), arg);
          case "--listener-offset" -> {
            String value = value(args, ++i, arg);
            listenerOffset = "auto".equals(value) ? null : port(value, arg);
          }
          case "--operator-port" -> operatorPort = port(value(args, ++i, arg), arg);
          case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      return new Options(demo, operator, envFile, table, region, apiPort, dynamoDbPort, listenerOffset,
          operatorPort, seed);
    }

    private static String value(List<String> args, int i, String option) {
      if (i >= args.size()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args.get(i);
    }

    private static int port(String value, String option) {
      try {
        int port = Integer.parseInt(value);
        if (port < 0 || port > 65535) {
          throw new IllegalArgumentException(option + " must be a port (0-65535), was " + value);
        }
        return port;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " must be a number, was " + value, e);
      }
    }
  }

  public static void main(String[] args) throws InterruptedException {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(USAGE);
      return;
    }
    Options options;
    try {
      options = Options.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("teal-sandbox: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    Running running = start(options, System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "teal-sandbox-shutdown"));
    stopped.await();
  }

  /** Starts everything {@code options} asks for and prints the environment; the caller closes it. */
  static Running start(Options options, PrintStream out) {
    SandboxLauncher sandbox = SandboxLauncher.start(SandboxLauncher.Options.defaults()
        .apiPort(options.apiPort() == 0 ? freePort() : options.apiPort())
        .dynamoDbPort(options.dynamoDbPort())
        .listenerPortOffset(options.listenerOffset() == null ? freeListenerOffset() : options.listenerOffset())
        .region(options.region())
        .seed(options.seed()));
    Running running = new Running(sandbox);
    try {
      if (options.demo()) {
        seedDemo(sandbox, options.table());
      }
      Map<String, String> environment = environment(sandbox, options.table());
      if (options.operator()) {
        running.operator = PackagedOperator.start(environment, options.region(),
            options.operatorPort() == 0 ? freePort() : options.operatorPort());
      }
      print(out, environment, sandbox, options, running.operator);
      if (options.envFile() != null) {
        writeEnvFile(options.envFile(), environment);
      }
      return running;
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
  }

  /**
   * The demo world, the table and the {@code web} document. The document is dev mode's demo with two
   * changes for a pipeline: one promotion step (100 %), so a promote finishes as soon as green is
   * healthy, and no HTTP analysis: the packaged operator reaches a listener at its load balancer's DNS
   * name, which the simulated ALB has but nothing resolves (dev mode runs the operator in the sandbox's
   * process and hands it the listener's loopback address instead).
   */
  static void seedDemo(SandboxLauncher sandbox, String table) {
    DemoIds ids = sandbox.seedDemo();
    BlueGreenDeployment dev = DemoDocument.of(ids);
    StrategySpec strategy = new StrategySpec(100, PromotionSpec.of(List.of(100), Duration.ofSeconds(30)), null,
        Duration.ofSeconds(30), Duration.ofMinutes(10), null);
    BlueGreenDeployment document = new BlueGreenDeployment(dev.apiVersion(), dev.kind(), dev.metadata(),
        dev.spec().withStrategy(strategy), null);
    try (DynamoDbClient dynamoDb = SandboxClients.dynamoDb(sandbox.dynamoDbEndpoint(), sandbox.simulator().region())) {
      TableSetup.ensureTable(dynamoDb, table);
      var store = new DynamoDeploymentStore(dynamoDb, table, Clock.systemUTC());
      if (store.get(document.name()).isEmpty()) {
        store.create(document, new ChangeContext("teal-sandbox", "teal-sandbox (demo seed)"));
      }
    }
  }

  /** What the CLI (and any SDK) needs to talk to this sandbox. */
  static Map<String, String> environment(SandboxLauncher sandbox, String table) {
    Map<String, String> env = new LinkedHashMap<>(sandbox.environment());
    env.put("TEAL_TABLE", table);
    return env;
  }

  private static void print(PrintStream out, Map<String, String> environment, SandboxLauncher sandbox,
      Options options, PackagedOperator operator) {
    out.println("teal sandbox is up (no AWS account needed). Paste into your shell:");
    environment.forEach((k, v) -> out.println("  export " + k + "=" + v));
    out.println();
    if (options.demo()) {
      out.println("Demo: cluster 'demo', service 'web' running nginx:1.26 behind an ALB (production " + sandbox.productionUrl()
          + ", test " + sandbox.testUrl() + "), and the document 'web' in table " + options.table() + ".");
    } else {
      out.println("Empty: create the table with 'teal init', then your cluster, service and load balancer with any AWS SDK"
          + " or the AWS CLI against " + sandbox.endpoint() + ".");
    }
    if (operator != null) {
      out.println("Operator: ready at " + operator.url() + " (status page), log " + operator.log() + ".");
      if (options.demo()) {
        out.println("Try: teal set-image web nginx:1.27 --promote && teal status web");
      }
      out.println("Notifications: the operator puts every transition on the default event bus: " + sandbox.endpoint()
          + "/_sim/events.");
    } else {
      out.println("No operator runs (add --operator): teal writes documents, nothing converges them.");
    }
    out.println("Simulator faults and call log: " + sandbox.endpoint() + "/_sim/faults, /_sim/calls. Ctrl-C stops.");
    out.flush();
  }

  /** Written whole or not at all, so a script may wait for the file to appear. */
  static void writeEnvFile(Path file, Map<String, String> environment) {
    StringBuilder lines = new StringBuilder();
    environment.forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
    try {
      Path absolute = file.toAbsolutePath();
      Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
      Files.writeString(partial, lines);
      Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An offset at which the demo's listener ports (:80 and :8080) are both free. */
  static int freeListenerOffset() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int offset = 20_000 + (int) (Math.random() * 30_000);
      if (free(offset + 80) && free(offset + 8080)) {
        return offset;
      }
    }
    throw new IllegalStateException("found no free pair of ports for the demo's listeners");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The running sandbox and, if asked for, the operator; closing stops the operator first. */
  static final class Running implements AutoCloseable {
    private final SandboxLauncher sandbox;
    private volatile PackagedOperator operator;

    Running(SandboxLauncher sandbox) {
      this.sandbox = sandbox;
    }

    SandboxLauncher sandbox() {
      return sandbox;
    }

    URI operatorUrl() {
      return operator == null ? null : operator.url();
    }

    @Override
    public void close() {
      try {
        if (operator != null) {
          operator.close();
        }
      } finally {
        sandbox.close();
      }
    }
  }
}
