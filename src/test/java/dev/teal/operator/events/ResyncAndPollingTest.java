package dev.teal.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.ObjectMeta;
import dev.teal.sandbox.VirtualClock;
import dev.teal.store.DeploymentStore;
import dev.teal.store.StoredDeployment;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The resync and the polling fallback, ticked by hand on the virtual clock. */
class ResyncAndPollingTest {

  private final VirtualClock clock = new VirtualClock();
  private final List<String> reported = new ArrayList<>();

  @Test
  void theResyncRunsAtOnceThenEveryIntervalAndWhenAsked() {
    List<String> names = new ArrayList<>(List.of("api", "web"));
    AtomicBoolean failing = new AtomicBoolean();
    Resync resync = new Resync(() -> {
      if (failing.get()) {
        throw new IllegalStateException("DynamoDB is down");
      }
      Map<String, String> due = new java.util.LinkedHashMap<>();
      names.forEach(n -> due.put(n, "resync"));
      return due;
    }, clock, Duration.ofMinutes(5), Duration.ofSeconds(5), reported::add);
    assertThat(resync.firstDone()).isFalse();

    resync.tick();
    assertThat(reported).containsExactly("api", "web");
    assertThat(resync.firstDone()).isTrue();
    resync.tick();
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    resync.tick();
    assertThat(reported).hasSize(2);

    clock.advance(Duration.ofMillis(1));
    resync.tick();
    assertThat(reported).hasSize(4);

    resync.requestNow();
    resync.tick();
    assertThat(reported).hasSize(6);
    assertThat(resync.completed()).isEqualTo(3);

    failing.set(true);
    clock.advance(Duration.ofMinutes(5));
    resync.tick();
    failing.set(false);
    clock.advanceSeconds(4);
    resync.tick();
    assertThat(resync.completed()).isEqualTo(3);
    clock.advanceSeconds(1);
    resync.tick();
    assertThat(resync.completed()).as("retried after the failure interval, not the resync interval").isEqualTo(4);
  }

  /** Planted once: the part index never advancing (always part 0) fails the sequence below. */
  @Test
  void aTimedResyncChecksOnePartOfTheFleetEachFifthOfTheIntervalAndARequestedOneAllOfIt() {
    List<String> asked = new ArrayList<>();
    ResyncSelection selection = new ResyncSelection() {
      @Override
      public Map<String, String> due() {
        asked.add("all");
        return Map.of();
      }

      @Override
      public Map<String, String> due(int part, int parts) {
        asked.add(part + "/" + parts);
        return Map.of();
      }
    };
    Resync resync = new Resync(selection, clock, Duration.ofMinutes(5), 5, Duration.ofSeconds(5), reported::add);

    resync.tick(); // at the start: requested
    for (int minute = 1; minute <= 6; minute++) {
      clock.advance(Duration.ofMinutes(1));
      resync.tick();
      resync.tick(); // nothing more within the same fifth
    }
    resync.requestNow();
    resync.tick();
    clock.advance(Duration.ofMinutes(1));
    resync.tick();

    assertThat(asked).containsExactly("all", "0/5", "1/5", "2/5", "3/5", "4/5", "0/5", "all", "0/5");
  }

  @Test
  void pollingReportsOnlyDocumentsThatChangedAppearedOrDisappeared() {
    List<StoredDeployment> documents = new ArrayList<>(List.of(stored("api", 1, "h1"), stored("web", 3, "h3")));
    PollingSource polling = new PollingSource(listing(documents), clock, Duration.ofSeconds(5), reported::add);

    polling.tick();
    assertThat(reported).containsExactlyInAnyOrder("api", "web");
    reported.clear();

    documents.set(1, stored("web", 3, "h3-direct-write"));
    documents.add(stored("shop", 1, "h1"));
    polling.tick();
    assertThat(reported).as("not due yet").isEmpty();
    clock.advanceSeconds(5);
    polling.tick();
    assertThat(reported).containsExactlyInAnyOrder("web", "shop");
    reported.clear();

    documents.remove(0);
    clock.advanceSeconds(5);
    polling.tick();
    assertThat(reported).containsExactly("api");
    reported.clear();

    clock.advanceSeconds(5);
    polling.tick();
    assertThat(reported).as("a steady state is quiet").isEmpty();
  }

  private static StoredDeployment stored(String name, long generation, String specHash) {
    return new StoredDeployment(new BlueGreenDeployment(BlueGreenDeployment.API_VERSION, BlueGreenDeployment.KIND,
        new ObjectMeta(name, null, generation, generation, null, null, null), null, null), specHash, 0);
  }

  private static DeploymentStore listing(List<StoredDeployment> documents) {
    return (DeploymentStore) Proxy.newProxyInstance(ResyncAndPollingTest.class.getClassLoader(),
        new Class<?>[] {DeploymentStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("list")) {
            return List.copyOf(documents);
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
