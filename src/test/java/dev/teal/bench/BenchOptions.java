package dev.teal.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a run measures and how much of it. {@code --quick} (the CI default: a small fleet, a few samples,
 * well under two minutes) or {@code --full} (a thousand deployments, two hundred samples), then
 * {@code --n}, {@code --samples} and {@code --scale-n} to change one thing.
 *
 * @param n deployments in the large fleet (reaction, steady state, footprint)
 * @param samples timing samples per reaction row; the overhead rows take half as many cycles
 * @param scaleN deployments cycling at once in the scale run; empty in full mode means "as many of n as
 *     fit the scale budget, estimated from a pilot run"
 * @param scaleBudget how long the scale run may take when its size is chosen from the pilot
 * @param output where the Markdown table is written
 * @param only the targets (1 to 6) to run; empty means all
 * @param operatorJvmFlags the JVM flags of the packaged operator in the footprint benchmark
 */
record BenchOptions(boolean quick, int n, int samples, Optional<Integer> scaleN, Duration scaleBudget, Path output,
    Set<String> only, List<String> operatorJvmFlags) {

  static final String USAGE = "usage: bench/run [--quick|--full] [--n N] [--samples S] [--scale-n M]"
      + " [--scale-budget-minutes B] [--only 1,2,...] [--operator-jvm-flags \"-Xmx96m ...\"] [--output FILE]";

  static BenchOptions quickDefaults() {
    return new BenchOptions(true, 20, 8, Optional.of(8), Duration.ofMinutes(5), Path.of("target/benchmarks.md"),
        Set.of(), FootprintBenchmark.flags());
  }

  static BenchOptions fullDefaults() {
    return new BenchOptions(false, 1000, 200, Optional.empty(), Duration.ofMinutes(45),
        Path.of("target/benchmarks.md"), Set.of(), FootprintBenchmark.flags());
  }

  /** Whether target {@code number} (1 to 6) is to run. */
  boolean runs(int number) {
    return only.isEmpty() || only.contains(String.valueOf(number));
  }

  static BenchOptions parse(String[] args) {
    List<String> list = List.of(args);
    BenchOptions options = list.contains("--full") ? fullDefaults() : quickDefaults();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--quick", "--full" -> { }
        case "--n" -> options = options.withN(Integer.parseInt(value(args, ++i)));
        case "--samples" -> options = new BenchOptions(options.quick, options.n, Integer.parseInt(value(args, ++i)),
            options.scaleN, options.scaleBudget, options.output, options.only, options.operatorJvmFlags);
        case "--scale-n" -> options = new BenchOptions(options.quick, options.n, options.samples,
            Optional.of(Integer.parseInt(value(args, ++i))), options.scaleBudget, options.output, options.only,
            options.operatorJvmFlags);
        case "--scale-budget-minutes" -> options = new BenchOptions(options.quick, options.n, options.samples,
            options.scaleN, Duration.ofMinutes(Long.parseLong(value(args, ++i))), options.output, options.only,
            options.operatorJvmFlags);
        case "--only" -> options = new BenchOptions(options.quick, options.n, options.samples, options.scaleN,
            options.scaleBudget, options.output, Set.of(value(args, ++i).split(",")), options.operatorJvmFlags);
        case "--operator-jvm-flags" -> options = new BenchOptions(options.quick, options.n, options.samples,
            options.scaleN, options.scaleBudget, options.output, options.only,
            List.of(value(args, ++i).trim().split("\\s+")));
        case "--output" -> options = new BenchOptions(options.quick, options.n, options.samples, options.scaleN,
            options.scaleBudget, Path.of(value(args, ++i)), options.only, options.operatorJvmFlags);
        default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
      }
    }
    return options;
  }

  BenchOptions withN(int newN) {
    return new BenchOptions(quick, newN, samples, scaleN.map(m -> Math.min(m, newN)), scaleBudget, output, only,
        operatorJvmFlags);
  }

  String mode() {
    return quick ? "quick" : "full";
  }

  /** Reaction samples through the polling fallback: each takes seconds (the poll interval is 5 s). */
  int pollingSamples() {
    return Math.max(2, Math.min(50, samples / 4));
  }

  /** Whole blue/green cycles in the overhead run; each gives one sample of both transitions. */
  int overheadCycles() {
    return quick ? 2 : Math.max(2, samples / 2);
  }

  /** Deployments cycling side by side in the overhead run, started apart so their windows rarely overlap. */
  int overheadParallel() {
    return quick ? 2 : 5;
  }

  /** Reaction samples made and thrown away first, while the JIT warms up. */
  int warmUpSamples() {
    return quick ? 1 : 10;
  }

  /** Virtual-clock step of the steady-state run: the resolution of its drift-detection time. */
  Duration steadyStep() {
    return quick ? Duration.ofSeconds(20) : Duration.ofSeconds(2);
  }

  /** Operator starts measured for start-to-ready. */
  int starts() {
    return quick ? 1 : 5;
  }

  /** {@code teal get} runs measured (in full mode after one warm-up run). */
  int cliRuns() {
    return quick ? 1 : 10;
  }

  /** How long the packaged operator idles after adopting the fleet before its memory is read. */
  Duration settleBeforeMemory() {
    return quick ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
    }
    return args[i];
  }
}
