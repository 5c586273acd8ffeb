package dev.teal.sandbox.faults;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Decides, per call, whether to fail it and how. Keys are qualified operations such as
 * {@code "ecs:CreateTaskSet"} or {@code "elb:ModifyRule"}, a service wildcard such as
 * {@code "elb:*"}, or {@link #GLOBAL}. All randomness comes from one seeded generator so that the
 * same seed and the same call sequence produce the same failures.
 */
public final class FaultInjector {

  public static final String GLOBAL = "*";

  private final Clock clock;
  private final long seed;
  private Random random;
  private final Map<String, Map<FaultKind, Double>> rates = new HashMap<>();
  private final Map<String, Duration> latencies = new HashMap<>();
  private final Map<String, Deque<FaultKind>> scripted = new HashMap<>();
  private final Map<String, Duration> notVisibleFor = new HashMap<>();
  private boolean applyThenFail;
  private Duration timeoutHold = Duration.ofSeconds(10);
  private TokenBucket describeBucket;

  public FaultInjector(Clock clock, long seed) {
    this.clock = clock;
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** Fails this share (0..1) of the calls matching {@code key} with {@code kind}. */
  public synchronized FaultInjector errorRate(String key, FaultKind kind, double rate) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate must be in [0,1]: " + rate);
    }
    rates.computeIfAbsent(key, k -> new EnumMap<>(FaultKind.class)).put(kind, rate);
    return this;
  }

  /** Adds real-time latency before answering calls matching {@code key}. */
  public synchronized FaultInjector latency(String key, Duration latency) {
    latencies.put(key, latency);
    return this;
  }

  /** The next {@code n} calls of {@code key} fail with {@code kind}, before any rate applies. */
  public synchronized FaultInjector failNext(String key, int n, FaultKind kind) {
    Deque<FaultKind> q = scripted.computeIfAbsent(key, k -> new ArrayDeque<>());
    for (int i = 0; i < n; i++) {
      q.add(kind);
    }
    return this;
  }

  /**
   * When true, SERVER_ERROR and CONNECTION_RESET faults run the operation first and fail
   * afterwards: the change is made but the client sees an error.
   */
  public synchronized FaultInjector applyThenFail(boolean enabled) {
    this.applyThenFail = enabled;
    return this;
  }

  /**
   * Eventual consistency: for up to {@code lag} after a change, {@code operation} does not see it yet and
   * answers as AWS does when it does not (e.g. {@code elb:ModifyRule} does not know a target group created
   * a moment ago). Each (operation, resource) pair gets its own lag in (0, {@code lag}], drawn from the seed,
   * and measured on the simulator's clock. The operations that honour it are listed in docs/sandbox.md.
   */
  public synchronized FaultInjector notVisibleFor(String operation, Duration lag) {
    if (lag.isNegative()) {
      throw new IllegalArgumentException("lag must not be negative: " + lag);
    }
    notVisibleFor.put(operation, lag);
    return this;
  }

  /**
   * Whether a change to {@code resource} made at {@code changedAt} is visible to {@code operation} at
   * {@code now}. Always true when no lag is configured for the operation (nor its service or {@link #GLOBAL}).
   */
  public synchronized boolean visible(String operation, String resource, Instant changedAt, Instant now) {
    return changedAt == null || !now.isBefore(changedAt.plus(lagFor(operation, resource)));
  }

  /** The lag {@code operation} has for {@code resource}: a pure function of the seed, so runs repeat. */
  synchronized Duration lagFor(String operation, String resource) {
    Duration max = null;
    for (String key : keys(operation)) {
      max = notVisibleFor.get(key);
      if (max != null) {
        break;
      }
    }
    if (max == null || max.isZero()) {
      return Duration.ZERO;
    }
    long h = seed;
    for (byte b : (operation + "|" + resource).getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ b) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    double share = ((h >>> 11) + 1) / (double) (1L << 53); // (0, 1]
    return Duration.ofNanos(Math.max(1, (long) (max.toNanos() * share)));
  }

  /** How long a TIMEOUT fault holds the connection before closing it. */
  public synchronized FaultInjector timeoutHold(Duration hold) {
    this.timeoutHold = hold;
    return this;
  }

  /** ELB-style throttling of Describe* calls: {@code burst} tokens, refilled per second on the simulator clock. */
  public synchronized FaultInjector describeTokenBucket(int burst, double refillPerSecond) {
    return describeTokenBucket(burst, refillPerSecond, clock);
  }

  /**
   * As {@link #describeTokenBucket(int, double)}, refilled on {@code refillClock} instead: the system clock
   * lets a test hold a real client's pace to AWS's while the world's timings stay on a virtual clock.
   */
  public synchronized FaultInjector describeTokenBucket(int burst, double refillPerSecond, Clock refillClock) {
    this.describeBucket = new TokenBucket(refillClock, burst, refillPerSecond);
    return this;
  }

  public synchronized FaultInjector disableDescribeTokenBucket() {
    this.describeBucket = null;
    return this;
  }

  /** Forgets every rule and restarts the random sequence from the seed. */
  public synchronized void clear() {
    rates.clear();
    latencies.clear();
    scripted.clear();
    notVisibleFor.clear();
    applyThenFail = false;
    describeBucket = null;
    random = new Random(seed);
  }

  public synchronized Duration timeoutHold() {
    return timeoutHold;
  }

  /** True when an ELB Describe* call must be throttled because the bucket is empty. */
  public synchronized boolean describeThrottled(String operation) {
    return describeBucket != null
        && operation.startsWith("elb:Describe")
        && !describeBucket.tryTake();
  }

  public synchronized Duration latencyFor(String operation) {
    Duration d = latencies.get(operation);
    if (d == null) {
      d = latencies.get(service(operation) + ":*");
    }
    if (d == null) {
      d = latencies.get(GLOBAL);
    }
    return d == null ? Duration.ZERO : d;
  }

  public synchronized Optional<Fault> decide(String operation) {
    for (String key : keys(operation)) {
      Deque<FaultKind> q = scripted.get(key);
      if (q != null && !q.isEmpty()) {
        return Optional.of(fault(q.poll()));
      }
    }
    for (String key : keys(operation)) {
      Map<FaultKind, Double> byKind = rates.get(key);
      if (byKind == null) {
        continue;
      }
      // One draw per configured key keeps the sequence a pure function of seed and calls.
      double draw = random.nextDouble();
      double acc = 0;
      for (Map.Entry<FaultKind, Double> e : byKind.entrySet()) {
        acc += e.getValue();
        if (draw < acc) {
          return Optional.of(fault(e.getKey()));
        }
      }
    }
    return Optional.empty();
  }

  private Fault fault(FaultKind kind) {
    boolean apply = applyThenFail && (kind == FaultKind.SERVER_ERROR || kind == FaultKind.CONNECTION_RESET);
    return new Fault(kind, apply);
  }

  private static String[] keys(String operation) {
    return new String[] {operation, service(operation) + ":*", GLOBAL};
  }

  private static String service(String operation) {
    int i = operation.indexOf(':');
    return i < 0 ? operation : operation.substring(0, i);
  }
}
