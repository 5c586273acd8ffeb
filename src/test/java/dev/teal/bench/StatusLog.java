package dev.teal.bench;

import dev.teal.model.Condition;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import dev.teal.reconcile.Reasons;
import dev.teal.store.DeploymentStore;
import dev.teal.store.ForwardingDeploymentStore;
import dev.teal.store.StatusWriteGuard;
import dev.teal.store.StoredDeployment;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The document store the benchmarked operator is built on, recording every status it writes with the
 * wall-clock instant the write returned ("status Promoted" is that instant), and counting the store
 * calls in flight, so a driver on a virtual clock knows when the operator is done for now.
 */
final class StatusLog extends ForwardingDeploymentStore {

  /** One status write: what the benchmarks need of it, not the whole status. */
  record Write(String name, Instant at, Phase phase, String observedSpecHash, boolean progressing,
      String previewTargetGroup) {

    /** Promoted, nothing left to do on its own (scale-down and clean-up done), for the spec with this hash. */
    boolean settledFor(String specHash) {
      return phase == Phase.PROMOTED && !progressing && specHash.equals(observedSpecHash);
    }
  }

  /** As {@link Write#settledFor}, for a status read from the table. */
  static boolean settled(DeploymentStatus status, String specHash) {
    if (status == null) {
      return false;
    }
    Condition progressing = status.condition(Reasons.PROGRESSING);
    return status.phase() == Phase.PROMOTED && progressing != null && !progressing.isTrue()
        && specHash.equals(status.observedSpecHash());
  }

  private final Clock wall = Clock.systemUTC();
  private final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
  private final Map<String, Write> latest = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  StatusLog(DeploymentStore delegate) {
    super(delegate);
  }

  @Override
  public Optional<StoredDeployment> get(String name) {
    inFlight.incrementAndGet();
    try {
      return super.get(name);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public List<StoredDeployment> list() {
    inFlight.incrementAndGet();
    try {
      return super.list();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public void updateStatus(String name, StatusWriteGuard guard, DeploymentStatus status) {
    inFlight.incrementAndGet();
    try {
      super.updateStatus(name, guard, status);
      Condition progressing = status.condition(Reasons.PROGRESSING);
      Write write = new Write(name, wall.instant(), status.phase(), status.observedSpecHash(),
          progressing == null || progressing.isTrue(),
          status.preview() == null ? null : status.preview().targetGroup());
      writes.add(write);
      latest.put(name, write);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  int inFlight() {
    return inFlight.get();
  }

  Optional<Write> latest(String name) {
    return Optional.ofNullable(latest.get(name));
  }

  /** The first status written for {@code name} after {@code after} that satisfies {@code condition}. */
  Optional<Write> first(String name, Instant after, Predicate<Write> condition) {
    return writes.stream().filter(w -> w.name().equals(name) && w.at().isAfter(after) && condition.test(w))
        .findFirst();
  }

  List<Write> writes() {
    return List.copyOf(writes);
  }
}
