package dev.teal.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waiting for the operator, with Awaitility: the condition is checked on the calling thread (the
 * benchmarks' bookkeeping is not shared), and a timeout says what was awaited and what was seen.
 */
final class Waits {

  private Waits() {}

  /** Waits until {@code done}, checking every {@code poll}; on timeout, fails with {@code what} and {@code seen}. */
  static void until(String what, Duration timeout, Duration poll, Callable<Boolean> done, Supplier<String> seen) {
    try {
      Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(poll).pollInSameThread()
          .until(done);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException("timed out after " + timeout + " waiting for " + what + ": " + seen.get(), e);
    }
  }

  static void until(String what, Duration timeout, Duration poll, Callable<Boolean> done) {
    until(what, timeout, poll, done, () -> "not yet");
  }

  /** Waits until {@code value} is present and returns it. */
  static <T> T value(String what, Duration timeout, Duration poll, Supplier<Optional<T>> value) {
    AtomicReference<T> found = new AtomicReference<>();
    until(what, timeout, poll, () -> {
      value.get().ifPresent(found::set);
      return found.get() != null;
    });
    return found.get();
  }
}
