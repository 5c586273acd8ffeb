package dev.teal.bench;

import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.sandbox.TargetView;
import dev.teal.sandbox.http.CallLog;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.testing.FleetWorld;
import dev.teal.testing.WebhookReceiver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Target 2: what teal adds to a transition beyond what AWS takes. A few deployments run whole cycles side
 * by side (new image in preview, then {@code phase: promote} with one step, blue scaled down at once),
 * started a few seconds apart. Per cycle, two windows on the system clock:
 *
 * <ul>
 *   <li>green healthy → test rule on green: from the instant the last green target turned healthy (the
 *       simulator's model instant, {@link TargetView#since()}) to the simulator's record of the
 *       {@code elb:ModifyRule} on the test rule that gives green a non-zero weight;
 *   <li>promote → Promoted: from the instant the {@code phase: promote} write returned to the instant the
 *       operator's status write with phase Promoted returned.
 * </ul>
 *
 * From each window the time the deployment's reconciles spent waiting for AWS calls (DynamoDB included)
 * is subtracted: the union of those calls' intervals, measured on the client, so overlapping calls count
 * once. What is left is teal's own time: waiting for its event sources and queue, and computing.
 */
final class OverheadBenchmark {

  static final String HEALTHY_TARGET = "green targets healthy → test rule points at green, minus AWS time: ≤ 500 ms";
  static final String PROMOTE_TARGET = "phase: promote (one step) → status Promoted, minus AWS time: ≤ 500 ms";
  static final String HANGING = "with a webhook that never answers: ";
  private static final Duration LIMIT = Duration.ofMillis(500);
  private static final Duration CYCLE_TIMEOUT = Duration.ofMinutes(3);

  /** One cycle's two samples, raw and with the AWS time taken out. */
  record Cycle(Duration healthyWindow, Duration healthyAws, Duration promoteWindow, Duration promoteAws) {}

  /** Notifications of one cycle here: started, waiting for promotion, the one step, promoted. */
  static final int NOTIFICATIONS_PER_CYCLE = 4;

  private final BenchOptions options;
  private final boolean hangingWebhook;
  private final List<Cycle> cycles = Collections.synchronizedList(new ArrayList<>());
  private int onTheBus;
  private int held;
  private long elbDescribes;
  private long writes;
  private Map<String, Long> describeOrigins = Map.of();

  /**
   * @param hangingWebhook run the operator with notifications on: to the sandbox's EventBridge and to a
   *     webhook (for every deployment) that takes each request and never answers
   */
  OverheadBenchmark(BenchOptions options, boolean hangingWebhook) {
    this.options = options;
    this.hangingWebhook = hangingWebhook;
  }

  /** Runs the cycles; {@link #healthyRow()} and {@link #promoteRow()} report them. */
  void run() {
    int parallel = options.overheadParallel();
    try (BenchSandbox sandbox = BenchSandbox.onSystemClock(parallel); WebhookReceiver webhook = new WebhookReceiver()) {
      List<FleetWorld.Deployment> fleet = sandbox.fleet().deployments();
      Documents documents = sandbox.table(hangingWebhook ? "overhead-notify" : "overhead", true, fleet);
      Map<String, String> overrides = Map.of();
      if (hangingWebhook) {
        webhook.mode(WebhookReceiver.Mode.HANG);
        overrides = Map.of("teal.notifications.event-bus", "default",
            "teal.notifications.webhooks.hanging.url", webhook.url("/hook").toString(),
            "teal.notifications.webhooks.hanging.all-deployments", "true");
      }
      try (BenchOperator operator = sandbox.operator(documents, overrides)) {
        documents.awaitSettled(operator.statuses(), fleet.stream().map(FleetWorld.Deployment::name).toList(),
            Duration.ofMinutes(2));
        CallLog log = sandbox.simulator().calls();
        log.reset();
        operator.describes().reset();
        AtomicInteger remaining = new AtomicInteger(options.overheadCycles());
        Duration stagger = BenchSandbox.SIMULATED_WAIT.plusSeconds(2).dividedBy(parallel);
        List<Callable<Void>> loops = new ArrayList<>();
        for (int i = 0; i < fleet.size(); i++) {
          FleetWorld.Deployment d = fleet.get(i);
          Duration delay = stagger.multipliedBy(i);
          loops.add(() -> {
            Pause.millis(delay.toMillis());
            Random random = new Random(d.name().hashCode());
            int version = 2;
            while (remaining.getAndDecrement() > 0) {
              cycles.add(cycle(sandbox, operator, documents, d, "registry.bench/app:" + version++));
              Pause.millis(random.nextInt(1000));
            }
            return null;
          });
        }
        FleetWorld.inParallel(loops);
        if (hangingWebhook) {
          int expected = NOTIFICATIONS_PER_CYCLE * cycles.size();
          Waits.until("every notification on the event bus", Duration.ofMinutes(1), Duration.ofMillis(20),
              () -> sandbox.simulator().events().received().size() >= expected);
          onTheBus = sandbox.simulator().events().received().size();
          held = webhook.hanging();
        }
        elbDescribes = log.filter(c -> CallRecords.isDescribe(c, "elb") && c.ok()).size();
        writes = log.mutating().size();
        describeOrigins = operator.describes().counts();
      }
    }
  }

  private Cycle cycle(BenchSandbox sandbox, BenchOperator operator, Documents documents, FleetWorld.Deployment d,
      String image) {
    Clock wall = Clock.systemUTC();
    CallLog log = sandbox.simulator().calls();
    String name = d.name();

    Instant previewWritten = wall.instant();
    String previewHash = documents.deploy(name, image, DesiredPhase.PREVIEW).specHash();
    StatusLog.Write previewing = await(() -> operator.statuses().first(name, previewWritten,
        w -> w.phase() == Phase.PREVIEWING && previewHash.equals(w.observedSpecHash())), "Previewing " + name);
    String green = previewing.previewTargetGroup();
    CallRecord testOnGreen = CallRecords.first(log.records("elb:ModifyRule"), previewWritten,
        c -> CallRecords.ruleOf(c).equals(d.testRuleArn()) && CallRecords.forwardWeights(c).getOrDefault(green, 0) > 0)
        .orElseThrow(() -> new IllegalStateException("no ModifyRule put " + name + "'s test rule on green"));
    Instant healthy = sandbox.simulator().targets(green).stream().filter(TargetView::healthy)
        .map(TargetView::since).max(Instant::compareTo)
        .orElseThrow(() -> new IllegalStateException("green of " + name + " has no healthy target"));
    Duration healthyWindow = Duration.between(healthy, testOnGreen.time());
    Duration healthyAws = CallTimeline.covered(operator.calls().reconcileCallsOf(name), healthy, testOnGreen.time());

    String promoteHash = documents.promote(name).specHash();
    Instant promoteWritten = wall.instant();
    StatusLog.Write promoted = await(() -> operator.statuses().first(name, promoteWritten,
        w -> w.phase() == Phase.PROMOTED && promoteHash.equals(w.observedSpecHash())), "Promoted " + name);
    Duration promoteWindow = Duration.between(promoteWritten, promoted.at());
    Duration promoteAws = CallTimeline.covered(operator.calls().reconcileCallsOf(name), promoteWritten, promoted.at());

    Waits.until("scale-down of " + name, CYCLE_TIMEOUT, Duration.ofMillis(5),
        () -> documents.settled(operator.statuses(), name));
    return new Cycle(healthyWindow, healthyAws, promoteWindow, promoteAws);
  }

  int completedCycles() {
    return cycles.size();
  }

  /** With the hanging webhook: EventBridge got every notification, and the webhook holds requests it never answers. */
  boolean everyNotificationOnTheBusWhileTheWebhookHangs() {
    return onTheBus == NOTIFICATIONS_PER_CYCLE * cycles.size() && held > 0;
  }

  Row healthyRow() {
    return row(hangingWebhook ? "2c" : "2a", hangingWebhook ? HANGING + HEALTHY_TARGET : HEALTHY_TARGET,
        Cycle::healthyWindow, Cycle::healthyAws,
        "Bounded by the health watch (teal.health-watch.interval 500 ms): green's health is read every 500 ms"
            + " while it is awaited, so it is noticed 0–500 ms after it turns healthy; then one reconcile"
            + " (document read, describes, status write) before the ModifyRule. A shorter interval moves it, at"
            + " one DescribeTargetHealth per interval per waiting deployment (within the watch's 4/s budget).");
  }

  Row promoteRow() {
    return row(hangingWebhook ? "2d" : "2b", hangingWebhook ? HANGING + PROMOTE_TARGET : PROMOTE_TARGET,
        Cycle::promoteWindow, Cycle::promoteAws,
        "Includes the stream's reaction (target 1); then one reconcile: production rule to green, green made"
            + " primary, status Promoted.");
  }

  private Row row(String id, String target, java.util.function.Function<Cycle, Duration> window,
      java.util.function.Function<Cycle, Duration> aws, String bound) {
    List<Cycle> done = List.copyOf(cycles);
    if (done.isEmpty()) {
      return Row.notMeasured(id, target, "no cycle completed");
    }
    Distribution overhead = new Distribution(done.stream().map(c -> window.apply(c).minus(aws.apply(c))).toList());
    Distribution raw = new Distribution(done.stream().map(window).toList());
    Distribution awsTime = new Distribution(done.stream().map(aws).toList());
    boolean met = overhead.p99().compareTo(LIMIT) <= 0;
    String notifying = !hangingWebhook ? "" : " Notifications on: " + onTheBus + " events put on EventBridge while"
        + " a webhook for every deployment took " + held + " requests and answered none (each gives up after"
        + " teal.notifications.webhooks.<name>.timeout, 10 s, and is tried again); compare with 2a and 2b.";
    return new Row(id, target, overhead.render(), Verdict.of(met), "Verdict on p99. Raw window " + raw.render()
        + ", of which waiting for AWS calls p50 " + Distribution.millis(awsTime.p50()) + ". " + bound
        + " " + options.overheadParallel() + " deployments cycling side by side." + notifying);
  }

  /** ELB describes and writes per whole cycle in this run (no throttling), and where the describes came from. */
  List<String> details() {
    int n = cycles.size();
    if (n == 0) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format("Per whole cycle without throttling (%d cycles): %.1f ELB Describe* calls, %.1f writes."
        + " Describe and List calls by origin (caller via gateway), per cycle:", n, (double) elbDescribes / n,
        (double) writes / n));
    describeOrigins.forEach((origin, count) -> lines.add(String.format("  %6.2f  %s", (double) count / n, origin)));
    return lines;
  }

  /** The status write's own timestamp is the sample, so the polling interval does not change it. */
  private static <T> T await(java.util.function.Supplier<Optional<T>> condition, String what) {
    return Waits.value(what, CYCLE_TIMEOUT, Duration.ofMillis(5), condition);
  }
}
