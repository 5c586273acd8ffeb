package dev.teal.operator;

import dev.teal.aws.ListenerEndpoints;
import dev.teal.operator.lease.MonotonicClock;
import dev.teal.testing.SandboxTestResource;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * In {@code @QuarkusTest}s the daemon runs on the sandbox that {@link SandboxTestResource} started: its
 * virtual clock (shared with the simulator, so a test moves both worlds at once) and its listeners'
 * data planes for analysis requests.
 */
@ApplicationScoped
public class SandboxBeans {

  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  Clock sandboxClock() {
    return SandboxTestResource.clock();
  }

  /** Elapsed time read off the same virtual clock, so the lease runs out when the test moves the clock. */
  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  MonotonicClock sandboxMonotonicClock() {
    return MonotonicClock.of(SandboxTestResource.clock());
  }

  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  ListenerEndpoints sandboxListeners() {
    return arn -> {
      try {
        return Optional.of(SandboxTestResource.simulator().listenerUrl(arn));
      } catch (NoSuchElementException e) {
        return Optional.empty();
      }
    };
  }
}
