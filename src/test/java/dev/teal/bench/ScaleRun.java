package dev.teal.bench;

import dev.teal.testing.FleetWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Target 5 on the system-clock fleet: how many deployments cycle at once. In quick mode, or when
 * {@code --scale-n} says, that many. Otherwise a pilot run of a few dozen measures the describes one cycle
 * costs and how close to the bucket's bound teal runs, and the main run takes as many of the fleet as that
 * estimate fits in the scale budget (45 min): the bucket allows ten describes a second, so a thousand
 * deployments at about {@code d} describes each need {@code 100·d} seconds whatever teal does.
 */
final class ScaleRun {

  private static final int PILOT = 50;

  private final BenchSandbox sandbox;
  private final BenchOptions options;
  private ScaleBenchmark.Result main;

  ScaleRun(BenchSandbox sandbox, BenchOptions options) {
    this.sandbox = sandbox;
    this.options = options;
  }

  List<Row> run() {
    FleetWorld fleet = sandbox.fleet();
    Documents documents = sandbox.table("scale", true, fleet.deployments());
    ScaleBenchmark benchmark = new ScaleBenchmark(sandbox, documents);
    List<Row> rows = new ArrayList<>();
    int size;
    String extra = "";
    if (options.scaleN().isPresent()) {
      size = Math.min(options.scaleN().get(), fleet.size());
      if (size < fleet.size()) {
        extra = "Run with " + size + " of the " + fleet.size() + " deployments (--scale-n).";
      }
    } else {
      int pilotSize = Math.min(PILOT, Math.max(1, fleet.size() / 4));
      List<FleetWorld.Deployment> last = fleet.deployments().subList(fleet.size() - pilotSize, fleet.size());
      Benchmarks.progress("  scale pilot: " + pilotSize + " deployments");
      ScaleBenchmark.Result pilot = benchmark.run(last, options.scaleBudget());
      rows.add(ScaleBenchmark.row("5p", pilot, "Pilot run, to size the main one."));
      size = fit(pilot, fleet.size());
      Duration fullEstimate = estimate(pilot, fleet.size());
      extra = size < fleet.size()
          ? String.format("All %d would take about %d min by the pilot's numbers (%.1f describes per cycle at 10/s,"
              + " ratio %.2f), over the %d min budget: ran the largest N that fits, %d.", fleet.size(),
              fullEstimate.toMinutes(), pilot.describesPerCycle(), pilot.ratio(), options.scaleBudget().toMinutes(),
              size)
          : String.format("The pilot estimated %d min for all %d.", fullEstimate.toMinutes(), fleet.size());
    }
    Benchmarks.progress("  scale: " + size + " deployments at once");
    main = benchmark.run(fleet.first(size), options.scaleBudget().multipliedBy(2));
    rows.add(0, ScaleBenchmark.row("5", main, extra));
    return rows;
  }

  /** What a run of {@code n} should take by the pilot: its ratio times the bucket's bound for n cycles. */
  private static Duration estimate(ScaleBenchmark.Result pilot, int n) {
    double bound = n * pilot.describesPerCycle() / ScaleBenchmark.REFILL_PER_SECOND
        + BenchSandbox.SIMULATED_WAIT.toSeconds();
    return Duration.ofSeconds((long) (bound * Math.max(1, pilot.ratio())));
  }

  private int fit(ScaleBenchmark.Result pilot, int max) {
    int n = max;
    while (n > 1 && estimate(pilot, n).compareTo(options.scaleBudget()) > 0) {
      n = n * 9 / 10;
    }
    return n;
  }

  /** Every deployment of the main run converged and none ended Failed or Degraded. */
  boolean allConverged() {
    return main != null && main.converged() == main.deployments() && main.failedOrDegraded() == 0;
  }

  List<String> details() {
    return main == null ? List.of() : ScaleBenchmark.details(main);
  }
}
