package dev.teal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The harness in quick mode, so it cannot rot: every row of the table gets a value and the functional
 * facts hold (everything converged, the writes were the necessary set). No timing is asserted: the
 * verdicts of timed rows depend on the machine. The footprint rows need the packaged operator, which
 * surefire runs before; they are asserted when target/quarkus-app exists (bench/run builds it).
 */
class BenchmarksQuickTest {

  @Test
  void everyRowIsMeasuredAndTheFunctionalFactsHold() {
    BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--output", "target/benchmarks-quick.md"});
    assertThat(options.output()).isEqualTo(Path.of("target/benchmarks-quick.md"));

    ResultTable table = Benchmarks.run(options);
    System.out.println(table.text());

    assertThat(table.rows()).extracting(Row::id)
        .containsExactly("1a", "1b", "1c", "2a", "2b", "2c", "2d", "3", "4a", "4b", "4c", "4d", "5", "6a", "6b",
            "6c", "6d");
    assertThat(table.rows())
        .filteredOn(r -> FootprintBenchmark.packaged() || !r.id().startsWith("6"))
        .allSatisfy(r -> assertThat(r.isMeasured()).as("row %s: %s", r.id(), r.notes()).isTrue());
    assertThat(table.facts()).hasSize(6).allSatisfy((what, holds) -> assertThat(holds).as(what).isTrue());
  }
}
