package dev.teal.operator.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(2), 2, Duration.ofMinutes(5), new Random(42));

  @Test
  void theCeilingDoublesFromTheInitialWaitUpToTheMaximum() {
    assertThat(IntStream.rangeClosed(1, 10).mapToObj(backoff::ceiling).map(Duration::toSeconds).toList())
        .containsExactly(2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L);
    assertThat(backoff.ceiling(1000)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void eachDelayIsDrawnBetweenZeroAndTheCeilingRepeatablyForASeed() {
    Random same = new Random(42);
    for (int failures = 1; failures <= 12; failures++) {
      Duration delay = backoff.delay(failures);
      assertThat(delay).isBetween(Duration.ZERO, backoff.ceiling(failures));
      assertThat(delay.toMillis()).isEqualTo((long) (same.nextDouble() * backoff.ceiling(failures).toMillis()));
    }
  }

  @Test
  void aMultiplierOfOneAndAHalfGrowsMoreGently() {
    Backoff gentle = new Backoff(Duration.ofSeconds(2), 1.5, Duration.ofMinutes(5), new Random(1));
    assertThat(gentle.ceiling(3)).isEqualTo(Duration.ofMillis(4500));
  }

  @Test
  void refusesSettingsThatCannotBackOff() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, 2, Duration.ofMinutes(5), new Random()))
        .hasMessageContaining("initial");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), 0.5, Duration.ofMinutes(5), new Random()))
        .hasMessageContaining("multiplier");
    assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(10), 2, Duration.ofMinutes(5), new Random()))
        .hasMessageContaining("shorter");
  }
}
