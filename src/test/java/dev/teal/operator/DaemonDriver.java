package dev.teal.operator;

import static org.awaitility.Awaitility.await;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.VirtualClock;
import dev.teal.sandbox.devmode.DemoDocument;
import dev.teal.sandbox.http.CallLog;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.store.ChangeContext;
import dev.teal.store.DeploymentStore;
import dev.teal.store.StoredDeployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Drives a running operator on the virtual clock the way CycleHarness drives a reconciler: wait (real
 * time) until the operator has done everything due now, then move the clock one step, until the
 * deployment's status satisfies a condition. Public for the status page's browser test.
 */
public final class DaemonDriver {

  public static final String NAME = DemoDocument.NAME;
  public static final Duration STEP = Duration.ofSeconds(5);
  public static final ChangeContext TEST = new ChangeContext("arn:aws:iam::000000000000:user/test", "test");

  private final DeploymentStore store;
  private final VirtualClock clock;

  public DaemonDriver(DeploymentStore store, VirtualClock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The demo document with {@code image} to preview. */
  public static BlueGreenDeployment demoDocument(DemoIds demo, String image) {
    BlueGreenDeployment document = DemoDocument.of(demo);
    return document.withSpec(document.spec().withImage(image));
  }

  public StoredDeployment create(BlueGreenDeployment document) {
    return store.create(document, TEST);
  }

  public void setPhase(DesiredPhase phase) {
    StoredDeployment current = store.get(NAME).orElseThrow();
    store.updateSpec(NAME, current.resourceVersion(), current.spec().withPhase(phase), null, TEST);
  }

  public DeploymentStatus status() {
    return store.get(NAME).map(StoredDeployment::status).orElse(DeploymentStatus.empty());
  }

  /** Waits until {@code operator} has nothing left to do now; does not move the clock. */
  public static void awaitSettled(Operator operator) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
        .until(() -> operator.leadership().canAct() && operator.queue().settled());
  }

  /** Moves the clock a step at a time, letting {@code operator} settle between steps, until {@code done}. */
  public DeploymentStatus advanceUntil(Operator operator, Predicate<DeploymentStatus> done, Duration virtualLimit) {
    Instant deadline = clock.instant().plus(virtualLimit);
    while (true) {
      awaitSettled(operator);
      DeploymentStatus status = status();
      if (done.test(status)) {
        return status;
      }
      if (clock.instant().isAfter(deadline)) {
        throw new AssertionError("not reached within " + virtualLimit + " of virtual time; status: " + status.phase()
            + " - " + status.message() + "; events: " + status.events());
      }
      clock.advance(STEP);
    }
  }

  /** Successful calls of {@code operation} the simulator has answered. */
  public static long okCalls(CallLog calls, String operation) {
    return calls.records(operation).stream().filter(CallRecord::ok).count();
  }

  /** GETs {@code url} and returns the image that answered (the simulator's data plane says in a header). */
  public static Optional<String> servedImage(URI url) {
    try {
      HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.headers().firstValue("x-teal-image");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
