package dev.teal.operator.events;

import dev.teal.aws.AwsException;
import dev.teal.aws.ElbGateway;
import dev.teal.operator.queue.TokenBucket;
import dev.teal.reconcile.HealthWait;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Wakes a deployment the moment its green targets are healthy, instead of when its next timed requeue
 * comes round: for every deployment whose reconcile ended waiting for target health, one
 * DescribeTargetHealth every {@code interval}, all of them together within a describe budget (a token
 * bucket), so a few deployments in transition are noticed within a fraction of a second and a thousand
 * never spend more of the account's ELB API budget than the bucket allows. The timed requeue stays as
 * the fallback.
 */
public final class HealthWatch {

  private static final Logger LOG = Logger.getLogger(HealthWatch.class);

  private record Watched(HealthWait target, Instant nextPollAt) {}

  private final ElbGateway elb;
  private final Clock clock;
  private final Duration interval;
  private final TokenBucket budget;
  private final BooleanSupplier active;
  private final EventSink sink;
  private final Map<String, Watched> watched = new LinkedHashMap<>();

  /**
   * @param interval how often one watched target group is described at most
   * @param budget shared by all watches; when it is empty, polls wait for the next tick
   * @param active false while this instance must not act (no lease): nothing is polled then
   */
  public HealthWatch(ElbGateway elb, Clock clock, Duration interval, TokenBucket budget, BooleanSupplier active,
      EventSink sink) {
    this.elb = elb;
    this.clock = clock;
    this.interval = interval;
    this.budget = budget;
    this.active = active;
    this.sink = sink;
  }

  /** Watches for {@code wait} on behalf of {@code name}, replacing what was watched for it before. */
  public synchronized void watch(String name, HealthWait wait) {
    Watched previous = watched.get(name);
    Instant first = previous != null && previous.target().equals(wait) ? previous.nextPollAt() : clock.instant();
    watched.put(name, new Watched(wait, first));
  }

  /** Stops watching for {@code name} (its reconcile no longer waits for health). */
  public synchronized void forget(String name) {
    watched.remove(name);
  }

  public synchronized int size() {
    return watched.size();
  }

  /** Polls the watches that are due, as far as the budget allows. Called on a short real-time tick. */
  public void tick() {
    if (!active.getAsBoolean()) {
      return;
    }
    for (Map.Entry<String, Watched> due : due()) {
      if (!budget.tryTake().isZero()) {
        return; // the rest wait for the next tick
      }
      poll(due.getKey(), due.getValue());
    }
  }

  private synchronized List<Map.Entry<String, Watched>> due() {
    Instant now = clock.instant();
    List<Map.Entry<String, Watched>> due = new ArrayList<>();
    for (Map.Entry<String, Watched> entry : watched.entrySet()) {
      if (!now.isBefore(entry.getValue().nextPollAt())) {
        due.add(Map.entry(entry.getKey(), entry.getValue()));
      }
    }
    // The longest-waiting first, so a busy budget is shared fairly.
    due.sort((a, b) -> a.getValue().nextPollAt().compareTo(b.getValue().nextPollAt()));
    return due;
  }

  private void poll(String name, Watched entry) {
    int healthy;
    try {
      healthy = elb.describeTargetHealth(entry.target().targetGroupArn()).healthy();
    } catch (AwsException e) {
      LOG.debugf("watching %s: %s", name, e.getMessage());
      reschedule(name, entry);
      return;
    }
    if (healthy >= entry.target().required()) {
      synchronized (this) {
        if (watched.get(name) == entry) {
          watched.remove(name);
        }
      }
      sink.changed(name);
    } else {
      reschedule(name, entry);
    }
  }

  private synchronized void reschedule(String name, Watched entry) {
    if (watched.get(name) == entry) {
      watched.put(name, new Watched(entry.target(), clock.instant().plus(interval)));
    }
  }
}
