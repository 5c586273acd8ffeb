package dev.teal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.cli.ExitCodes;
import dev.teal.cli.SandboxCli;
import dev.teal.document.FieldChange;
import dev.teal.document.SpecHash;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.reconcile.cycle.CycleHarness;
import dev.teal.store.AuditRecord;
import dev.teal.testing.SandboxExtension;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Racing writers: 50 concurrent {@code set-image}, {@code set-image --promote} and {@code rollback} runs
 * through the real CLI path while the operator reconciles. No accepted write is lost, every rejected one
 * gets the conflict error and exit code, and the operator ends on the last accepted spec.
 *
 * <p>Every writer reads the same version before any writes (a barrier makes that certain), so exactly one
 * write can land. Shown to catch: a spec write whose condition accepts any newer resourceVersion, with
 * audit keys made unique per write (both planted in the store, since the audit record's key is a second
 * guard): 20 of 50 writes were accepted.
 */
class RacingWritersTest {

  static final int WRITERS = 50;

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  record Write(int index, List<String> args, SandboxCli.Result result) {
    String image() {
      return args.get(0).equals("set-image") ? args.get(2) : null;
    }
  }

  @Test
  void noAcceptedWriteIsLostAndTheOperatorEndsOnTheLastOne() throws Exception {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    SandboxCli cli = new SandboxCli(sandbox, sandbox.tableName());
    cli.storeWrapper = RacingWritersTest::readThenWaitForEveryone;
    long auditBefore = h.store.history(CycleHarness.NAME).size();

    List<Write> writes = raceWithTheOperator(h, cli);

    List<Write> accepted = writes.stream().filter(w -> w.result().code() == ExitCodes.OK).toList();
    List<Write> rejected = writes.stream().filter(w -> w.result().code() != ExitCodes.OK).toList();
    assertThat(accepted).as("every writer read the same version, so exactly one write can land").hasSize(1);
    assertThat(rejected).allSatisfy(w -> {
      assertThat(w.result().code()).as(w.result().err()).isEqualTo(ExitCodes.CONFLICT);
      assertThat(w.result().err()).contains("changed by someone else");
    });
    List<AuditRecord> audit = h.store.history(CycleHarness.NAME).stream()
        .sorted(Comparator.comparingLong(AuditRecord::resourceVersion)).skip(auditBefore).toList();
    List<String> auditedImages = audit.stream().flatMap(a -> a.changes().stream())
        .filter(c -> c.path().equals("spec.image")).map(FieldChange::to).toList();
    for (Write w : accepted) {
      if (w.image() != null) {
        assertThat(auditedImages).as("accepted write %d is in the audit trail", w.index()).contains(w.image());
      }
    }
    for (Write w : rejected) {
      assertThat(auditedImages).as("rejected write %d left no trace", w.index()).doesNotContain(w.image());
    }
    assertThat(audit).extracting(AuditRecord::resourceVersion).doesNotHaveDuplicates();
    assertEveryChangeStartsWhereThePreviousOneEnded(audit);

    DeploymentSpec last = h.store.get(CycleHarness.NAME).orElseThrow().effectiveSpec();
    String lastImage = auditedImages.isEmpty() ? "nginx:1.26" : auditedImages.get(auditedImages.size() - 1);
    assertThat(last.image()).isEqualTo(lastImage);

    DeploymentStatus converged = h.runUntilQuiet();
    assertThat(converged.observedSpecHash()).isEqualTo(SpecHash.of(last));
    String running = last.phase() == DesiredPhase.PREVIEW ? converged.preview().image() : converged.stable().image();
    if (last.phase() != DesiredPhase.ROLLBACK) {
      assertThat(running).isEqualTo(last.image());
    }
    h.assertInvariantsHeld();
    System.out.printf("Racing writers: %d writes, %d accepted, %d rejected with the conflict error; "
        + "audit trail has all %d accepted image changes; operator converged on %s (%s)%n", writes.size(),
        accepted.size(), rejected.size(), auditedImages.size(), last.image(), last.phase().wireName());
  }

  private static final java.util.concurrent.CyclicBarrier EVERYONE_HAS_READ =
      new java.util.concurrent.CyclicBarrier(WRITERS);

  /**
   * Every writer reads, then waits until all have read, then writes: the worst interleaving, made certain
   * rather than hoped for. Exactly one write per version can win; all others must get the conflict.
   */
  private static dev.teal.store.DeploymentStore readThenWaitForEveryone(dev.teal.store.DeploymentStore store) {
    var firstRead = ThreadLocal.withInitial(() -> Boolean.TRUE);
    return (dev.teal.store.DeploymentStore) java.lang.reflect.Proxy.newProxyInstance(
        RacingWritersTest.class.getClassLoader(), new Class<?>[] {dev.teal.store.DeploymentStore.class},
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(store, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("get") && firstRead.get()) {
            firstRead.set(false);
            EVERYONE_HAS_READ.await(30, java.util.concurrent.TimeUnit.SECONDS);
          }
          return result;
        });
  }

  /**
   * The precise "no lost update": in version order, each write's {@code from} is what the previous write
   * left. A writer that overwrote a version it had not read shows up as a change from a stale value.
   */
  private static void assertEveryChangeStartsWhereThePreviousOneEnded(List<AuditRecord> audit) {
    var current = new java.util.HashMap<String, String>();
    for (AuditRecord record : audit) {
      for (FieldChange change : record.changes()) {
        if (current.containsKey(change.path())) {
          assertThat(change.from()).as("resourceVersion %d changed %s from a value the previous write had replaced",
              record.resourceVersion(), change.path()).isEqualTo(current.get(change.path()));
        }
        current.put(change.path(), change.to());
      }
    }
  }

  private List<Write> raceWithTheOperator(CycleHarness h, SandboxCli cli) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread operator = new Thread(() -> {
      while (writing.get()) {
        try {
          h.reconciler.reconcile(CycleHarness.NAME);
        } catch (RuntimeException tolerated) {
          // the operator's retries are not under test here
        }
      }
    }, "operator");
    try {
      List<Future<Write>> futures = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        int index = i;
        List<String> args = switch (i % 3) {
          case 0 -> List.of("set-image", "web", "nginx:1.27-r" + i);
          case 1 -> List.of("set-image", "web", "nginx:1.27-r" + i, "--promote");
          default -> List.of("rollback", "web");
        };
        futures.add(pool.submit(() -> {
          start.await();
          return new Write(index, args, cli.run(args.toArray(String[]::new)));
        }));
      }
      operator.start();
      start.countDown();
      List<Write> writes = new ArrayList<>();
      for (Future<Write> f : futures) {
        writes.add(f.get());
      }
      return writes;
    } finally {
      writing.set(false);
      operator.join();
      pool.shutdownNow();
    }
  }
}
