package dev.teal.bench;

import dev.teal.testing.FleetWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * teal's benchmark harness: runs the real daemon ({@code OperatorAssembly}, as the Quarkus application
 * builds it) against the sandbox (the simulator and DynamoDB Local) and prints one table of the issue's
 * targets beside the measured values; the same table goes to {@code target/benchmarks.md} as Markdown.
 *
 * <p>{@code bench/run --quick} runs a small fleet in about a minute (CI runs it, through
 * {@code BenchmarksQuickTest}, so the harness cannot rot); {@code bench/run --full} is the documented run.
 * Nothing here asserts a timing.
 */
public final class Benchmarks {

  /** Kept so the level set on them is not lost to garbage collection. */
  private static final List<Logger> QUIETED = new ArrayList<>();

  private Benchmarks() {}

  public static void main(String[] args) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    quietLogs();
    ResultTable table = run(options);
    System.out.println();
    System.out.println(table.text());
    System.out.println("Markdown: " + options.output());
    System.exit(table.rows().stream().allMatch(Row::isMeasured) ? 0 : 1);
  }

  /** Runs every benchmark and returns the table (also written to {@code options.output()}). */
  static ResultTable run(BenchOptions options) {
    Instant started = Instant.now();
    Machine machine = Machine.now();
    ResultTable table = new ResultTable();
    List<Row> rows = new ArrayList<>();
    progress("teal benchmarks, " + options.mode() + " mode: " + options.n() + " deployments, " + options.samples()
        + " samples; " + machine.describe());

    if (options.runs(3)) {
      MinimalWritesBenchmark writes = new MinimalWritesBenchmark();
      rows.add(measure("3", MinimalWritesBenchmark.TARGET, writes::run));
      table.fact("3: the writes of adoption, two whole cycles and 10 quiet minutes are exactly the necessary set",
          writes.exact());
      table.details("Target 3: the writes of one whole cycle", writes.details());
    }
    if (options.runs(2)) {
      OverheadBenchmark overhead = new OverheadBenchmark(options, false);
      rows.addAll(measureAll(List.of("2a", "2b"),
          List.of(OverheadBenchmark.HEALTHY_TARGET, OverheadBenchmark.PROMOTE_TARGET), () -> {
            overhead.run();
            return List.of(overhead.healthyRow(), overhead.promoteRow());
          }));
      table.fact("2: every overhead cycle (preview, promote, scale-down) converged",
          overhead.completedCycles() == options.overheadCycles());
      table.details("Describes per cycle without throttling (the overhead run)", overhead.details());
      OverheadBenchmark notifying = new OverheadBenchmark(options, true);
      rows.addAll(measureAll(List.of("2c", "2d"), List.of(OverheadBenchmark.HANGING + OverheadBenchmark.HEALTHY_TARGET,
          OverheadBenchmark.HANGING + OverheadBenchmark.PROMOTE_TARGET), () -> {
            notifying.run();
            return List.of(notifying.healthyRow(), notifying.promoteRow());
          }));
      table.fact("2: with a webhook that never answers, every cycle converged and EventBridge got every notification",
          notifying.completedCycles() == options.overheadCycles()
              && notifying.everyNotificationOnTheBusWhileTheWebhookHangs());
    }
    if (options.runs(4)) {
      SteadyStateBenchmark steady = new SteadyStateBenchmark(options);
      rows.addAll(measureAll(List.of("4a", "4b", "4c", "4d"), List.of("ELB Describe* per minute",
          "ECS Describe* per minute", "no DescribeTargetHealth in steady state", "drift detected"), () -> {
            steady.run();
            return List.of(steady.elbRow(), steady.ecsRow(), steady.targetHealthRow(), steady.driftRow());
          }));
      table.fact("4: " + options.n() + " converged deployments made no write and no DescribeTargetHealth in 10"
          + " simulated minutes", steady.quiet());
      table.fact("4: a production rule changed by hand was put back", steady.driftRepaired());
    }
    if (options.runs(1) || options.runs(5) || options.runs(6)) {
      systemClockFleet(options, table, rows);
    }

    rows.sort(Comparator.comparing(Row::id));
    table.context("mode: " + options.mode() + " (" + options.n() + " deployments, " + options.samples()
        + " samples per reaction row), run " + started + ", took " + minutes(Duration.between(started, Instant.now())));
    table.context("machine: " + machine.describe() + "; load average at the end " + Machine.currentLoadAverage());
    table.context("sandbox: simulator API latency 0, tasks start " + BenchSandbox.TASK_START_DELAY.toSeconds()
        + " s after placement, target groups checked every " + FleetWorld.HEALTH_INTERVAL_SECONDS + " s with a healthy"
        + " threshold of " + FleetWorld.HEALTHY_THRESHOLD + " (one cycle waits " + BenchSandbox.SIMULATED_WAIT.toSeconds()
        + " s on AWS), one task per service; the operator with the daemon's defaults (teal.*)");
    table.addAll(rows);
    write(table, options);
    return table;
  }

  /** Targets 1, 6 and 5 share one fleet on the system clock (5 last: it changes the fleet). */
  private static void systemClockFleet(BenchOptions options, ResultTable table, List<Row> rows) {
    progress("seeding the fleet of " + options.n() + " on the system clock");
    try (BenchSandbox fleet = BenchSandbox.onSystemClock(options.n())) {
      if (options.runs(1)) {
        ReactionBenchmark reaction = new ReactionBenchmark(fleet, options);
        rows.add(measure("1a", ReactionBenchmark.TARGET, reaction::streamWithOne));
        rows.add(measure("1b", ReactionBenchmark.TARGET, reaction::streamWithAll));
        rows.add(measure("1c", "polling fallback", reaction::pollingWithAll));
      }
      if (options.runs(6) && !FootprintBenchmark.packaged()) {
        for (String id : List.of("6a", "6b", "6c", "6d")) {
          rows.add(Row.notMeasured(id, "footprint of the packaged operator", FootprintBenchmark.JAR
              + " or " + FootprintBenchmark.RELEASE + " is missing: run mvn package -DskipTests (bench/run does)"));
        }
      } else if (options.runs(6)) {
        FootprintBenchmark footprint = new FootprintBenchmark(fleet, options);
        rows.addAll(measureAll(List.of("6a", "6b", "6c", "6d"),
            List.of("resident memory", "start to ready", "teal get NAME vs the AWS CLI", "teal --help"),
            () -> {
              footprint.run();
              return List.of(footprint.memoryRow(), footprint.readyRow(), footprint.getRow(), footprint.helpRow());
            }));
      }
      if (options.runs(5)) {
        ScaleRun scale = new ScaleRun(fleet, options);
        rows.addAll(measureAll(List.of("5"), List.of(ScaleBenchmark.TARGET), scale::run));
        table.fact("5: every deployment cycling under the token bucket converged, none Failed or Degraded",
            scale.allConverged());
        table.details("Describes per cycle under the bucket (the scale run)", scale.details());
      }
    }
  }

  /** Runs one benchmark; a failure becomes a "not measured" row with the reason, and the others go on. */
  static Row measure(String id, String target, Supplier<Row> benchmark) {
    progress("running " + id + ": " + target);
    Instant start = Instant.now();
    try {
      Row row = benchmark.get();
      progress("  " + row.id() + " " + row.measured() + " [" + row.verdict().label() + "] in "
          + Duration.between(start, Instant.now()).toSeconds() + " s");
      return row;
    } catch (RuntimeException e) {
      e.printStackTrace();
      return Row.notMeasured(id, target, "failed: " + e);
    }
  }

  /** As {@link #measure}, for a benchmark that yields several rows at once. */
  static List<Row> measureAll(List<String> ids, List<String> targets, Supplier<List<Row>> benchmark) {
    progress("running " + String.join(", ", ids));
    Instant start = Instant.now();
    try {
      List<Row> result = benchmark.get();
      result.forEach(row -> progress("  " + row.id() + " " + row.measured() + " [" + row.verdict().label() + "]"));
      progress("  in " + Duration.between(start, Instant.now()).toSeconds() + " s");
      return result;
    } catch (RuntimeException e) {
      e.printStackTrace();
      List<Row> failed = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        failed.add(Row.notMeasured(ids.get(i), targets.get(i), "failed: " + e));
      }
      return failed;
    }
  }

  static void progress(String line) {
    System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + line);
    System.out.flush();
  }

  private static void write(ResultTable table, BenchOptions options) {
    try {
      if (options.output().getParent() != null) {
        Files.createDirectories(options.output().getParent());
      }
      Files.writeString(options.output(), table.markdown());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String minutes(Duration d) {
    return d.toMinutes() + " min " + d.toSecondsPart() + " s";
  }

  /** The operator logs every reconcile that acted at INFO; a benchmark of a thousand wants warnings only. */
  private static void quietLogs() {
    for (String name : List.of("dev.teal", "software.amazon", "com.amazonaws", "org.eclipse.jetty")) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.WARNING);
      QUIETED.add(logger);
    }
  }
}
