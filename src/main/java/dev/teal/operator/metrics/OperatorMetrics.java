package dev.teal.operator.metrics;

import dev.teal.aws.AwsCallListener;
import dev.teal.model.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The operator's meters, named {@code teal.*} (Prometheus: {@code teal_*}). docs/operator.md lists
 * them with their labels.
 *
 * <p>{@code teal_deployment_phase{deployment, phase}} follows the "state set" pattern: one series per
 * phase and deployment, 1 for the deployment's current phase and 0 for the others, so
 * {@code teal_deployment_phase == 1} lists where each deployment is and a change shows as two flips.
 */
public final class OperatorMetrics {

  public static final String RECONCILES = "teal.reconciles";
  public static final String RECONCILE_DURATION = "teal.reconcile.duration";
  public static final String QUEUE_DEPTH = "teal.queue.depth";
  public static final String AWS_CALLS = "teal.aws.calls";
  public static final String AWS_CALL_DURATION = "teal.aws.call.duration";
  public static final String DEPLOYMENT_PHASE = "teal.deployment.phase";
  public static final String SPEC_TO_CONVERGED = "teal.spec.to.converged";
  public static final String LEASE_HOLDER = "teal.lease.holder";
  public static final String RATE_LIMITED = "teal.rate.limited";
  public static final String NOTIFICATIONS_DELIVERED = "teal.notifications.delivered";
  public static final String NOTIFICATIONS_FAILED = "teal.notifications.failed";

  /** The {@code result} label of {@link #RECONCILES}. */
  public enum Result {
    IDLE("idle"), CONTINUE("continue"), REJECTED("rejected"), NOT_FOUND("not_found"), ERROR("error");

    private final String label;

    Result(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private static final Duration[] RECONCILE_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};
  private static final Duration[] CONVERGENCE_BUCKETS = {Duration.ofSeconds(30), Duration.ofMinutes(1),
      Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
      Duration.ofHours(1)};

  private final MeterRegistry registry;
  private final Timer reconcileDuration;
  private final Timer specToConverged;
  private final Counter rateLimited;
  private final Map<String, AtomicReference<Phase>> phases = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> phaseGauges = new ConcurrentHashMap<>();

  public OperatorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.reconcileDuration = Timer.builder(RECONCILE_DURATION)
        .description("How long one reconcile took, AWS calls and status writes included")
        .serviceLevelObjectives(RECONCILE_BUCKETS)
        .register(registry);
    this.specToConverged = Timer.builder(SPEC_TO_CONVERGED)
        .description("From a spec change to the first reconcile that found the deployment Ready for that spec")
        .serviceLevelObjectives(CONVERGENCE_BUCKETS)
        .register(registry);
    this.rateLimited = Counter.builder(RATE_LIMITED)
        .description("Mutating actions held back by the rate limit on mutating AWS calls")
        .register(registry);
    for (Result result : Result.values()) {
      counter(result); // every result shows from the start, at 0
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A reconcile ended; {@code phase} is the deployment's phase after it (null when it is gone or unknown). */
  public void reconciled(String deployment, Result result, Duration took, Phase phase) {
    counter(result).increment();
    reconcileDuration.record(took);
    if (result == Result.NOT_FOUND) {
      forget(deployment);
    } else if (phase != null) {
      phaseOf(deployment).set(phase);
    }
  }

  public void converged(Duration sinceSpecChange) {
    specToConverged.record(sinceSpecChange.isNegative() ? Duration.ZERO : sinceSpecChange);
  }

  public void rateLimited() {
    rateLimited.increment();
  }

  /** {@code events} notifications a sink took. */
  public void notificationsDelivered(String sink, int events) {
    Counter.builder(NOTIFICATIONS_DELIVERED).description("Notifications a sink took")
        .tag("sink", sink).register(registry).increment(events);
  }

  /** A delivery to a sink that failed (it is tried again after a backoff). */
  public void notificationFailed(String sink) {
    Counter.builder(NOTIFICATIONS_FAILED).description("Deliveries to a notification sink that failed and wait to be tried again")
        .tag("sink", sink).register(registry).increment();
  }

  public void queueDepth(IntSupplier depth) {
    Gauge.builder(QUEUE_DEPTH, depth::getAsInt)
        .description("Deployments waiting for a worker (not those waiting for a requeue delay)")
        .strongReference(true)
        .register(registry);
  }

  public void leaseHolder(BooleanSupplier holding) {
    Gauge.builder(LEASE_HOLDER, () -> holding.getAsBoolean() ? 1 : 0)
        .description("1 while this instance holds the leader lease, else 0")
        .strongReference(true)
        .register(registry);
  }

  /** Counts and times every AWS API call by operation and outcome ({@code ok} or the error code). */
  public AwsCallListener awsCalls() {
    return (operation, outcome, latency) -> {
      Counter.builder(AWS_CALLS).description("AWS API calls, after the SDK's retries, by operation and outcome")
          .tag("operation", operation).tag("outcome", outcome)
          .register(registry).increment();
      Timer.builder(AWS_CALL_DURATION).description("AWS API call latency, the SDK's retries included")
          .tag("operation", operation)
          .register(registry).record(latency);
    };
  }

  private Counter counter(Result result) {
    return Counter.builder(RECONCILES).description("Reconciles by result").tag("result", result.label())
        .register(registry);
  }

  private AtomicReference<Phase> phaseOf(String deployment) {
    return phases.computeIfAbsent(deployment, name -> {
      AtomicReference<Phase> current = new AtomicReference<>();
      List<Meter> gauges = Arrays.stream(Phase.values())
          .<Meter>map(phase -> Gauge.builder(DEPLOYMENT_PHASE, current, c -> c.get() == phase ? 1 : 0)
              .description("1 for the deployment's current phase, 0 for the others")
              .tag("deployment", name).tag("phase", phase.wireName())
              .strongReference(true)
              .register(registry))
          .toList();
      phaseGauges.put(name, gauges);
      return current;
    });
  }

  private void forget(String deployment) {
    phases.remove(deployment);
    List<Meter> gauges = phaseGauges.remove(deployment);
    if (gauges != null) {
      gauges.forEach(registry::remove);
    }
  }
}
