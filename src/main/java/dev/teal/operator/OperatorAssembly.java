package dev.teal.operator;

import dev.teal.aws.ListenerEndpoints;
import dev.teal.aws.ApplicationAutoScaling;
import dev.teal.aws.MetricsGateway;
import dev.teal.aws.sdk.SdkApplicationAutoScaling;
import dev.teal.aws.sdk.SdkMetricsGateway;
import dev.teal.aws.sdk.SdkEcsGateway;
import dev.teal.aws.sdk.SdkElbGateway;
import dev.teal.aws.sdk.SdkFunctionGateway;
import dev.teal.operator.events.EventSources;
import dev.teal.operator.events.HealthWatch;
import dev.teal.operator.events.ResyncSelection;
import dev.teal.operator.lease.DynamoLease;
import dev.teal.operator.lease.LeaseCallFence;
import dev.teal.operator.lease.LeaseGate;
import dev.teal.operator.lease.LeaseGuardedStore;
import dev.teal.operator.lease.LeaseState;
import dev.teal.operator.lease.LeaseStatus;
import dev.teal.operator.lease.Leadership;
import dev.teal.operator.lease.MonotonicClock;
import dev.teal.operator.metrics.ConvergenceTracker;
import dev.teal.operator.metrics.OperatorMetrics;
import dev.teal.operator.queue.Backoff;
import dev.teal.operator.queue.MutatingCallLimit;
import dev.teal.operator.queue.TokenBucket;
import dev.teal.operator.queue.WorkQueue;
import dev.teal.reconcile.ActionGate;
import dev.teal.reconcile.Executor;
import dev.teal.reconcile.FleetCheck;
import dev.teal.reconcile.HookCalls;
import dev.teal.reconcile.HookUrlPolicy;
import dev.teal.reconcile.HttpAnalysisRunner;
import dev.teal.reconcile.Observer;
import dev.teal.reconcile.Planner;
import dev.teal.reconcile.Reconciler;
import dev.teal.store.DeploymentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds an {@link Operator} from plain parts, without CDI: the Quarkus producers call it once, a
 * fail-over test calls it again for a second instance, a benchmark can call it directly.
 *
 * <p>How the parts fit: the reconciler's store refuses status writes once the lease cannot be relied on
 * and feeds the convergence timer; every status write carries the lease fence; every mutating action
 * passes the lease gate (also closed while stopping) and then the rate limit, and its AWS call is fenced
 * by the lease again when it starts; events, resync and
 * polling feed the queue; the queue dispatches only while the lease is held; taking the lease resyncs.
 */
public final class OperatorAssembly {


  private OperatorAssembly() {}

  /**
   * @param store the plain document store (this instance's decorations are added here)
   * @param clock the wall clock (timestamps, timers, the lease item's expiry)
   * @param monotonic how long this instance may still act is measured on it
   * @param random the source of the backoff's jitter
   */
  public static Operator assemble(OperatorSettings settings, OperatorClients clients, DeploymentStore store,
      Clock clock, MonotonicClock monotonic, ListenerEndpoints endpoints, OperatorMetrics metrics, Random random) {
    return assemble(settings, clients, store, clock, monotonic, endpoints, metrics, random, HookUrlPolicy.PUBLIC_ONLY);
  }

  /** @param hookUrls where webhook hooks may be sent ({@code teal.hooks.allowed-urls}) */
  public static Operator assemble(OperatorSettings settings, OperatorClients clients, DeploymentStore store,
      Clock clock, MonotonicClock monotonic, ListenerEndpoints endpoints, OperatorMetrics metrics, Random random,
      HookUrlPolicy hookUrls) {
    String threads = "teal-" + settings.operatorId();
    AtomicReference<EventSources> eventsRef = new AtomicReference<>();
    DynamoLease lease = settings.leaseEnabled()
        ? new DynamoLease(clients.dynamoDb(), settings.table(), settings.operatorId(), settings.leaseTiming(), clock,
            monotonic, () -> UUID.randomUUID().toString(), new ResyncOnAcquire(eventsRef))
        : null;
    Leadership leadership = lease != null ? lease : Leadership.sole(settings.operatorId());
    AtomicBoolean stopping = new AtomicBoolean();

    DeploymentStore reconcileStore = new ConvergenceTracker(new LeaseGuardedStore(store, leadership), clock,
        metrics::converged);
    // Every mutating AWS call checks the lease again at the moment it starts, and before each attempt.
    LeaseCallFence fence = new LeaseCallFence(leadership, settings.awsCallBudget());
    var ecs = new SdkEcsGateway(clients.ecs(), fence);
    var elb = new SdkElbGateway(clients.elb(), fence);
    ApplicationAutoScaling autoScaling = clients.autoScaling() == null ? ApplicationAutoScaling.NONE
        : new SdkApplicationAutoScaling(clients.autoScaling(), fence);
    ActionGate gate = new LeaseGate(fence, stopping::get).then(new MutatingCallLimit(
        new TokenBucket(settings.mutatingCallsPerSecond(), settings.mutatingCallBurst(), clock), metrics::rateLimited));
    AtomicReference<WorkQueue> queueRef = new AtomicReference<>();
    // Analysis requests run on their own threads, never on a reconcile worker; a verdict wakes the deployment.
    ExecutorService analysisThreads = HttpAnalysisRunner.threads(threads + "-analysis");
    HttpAnalysisRunner analyses = new HttpAnalysisRunner(endpoints, settings.analysisRequestTimeout(),
        settings.analysisStepTimeout(), clock, analysisThreads, () -> leadership.canAct() && !stopping.get(),
        name -> queueRef.get().add(name));
    // Webhook and Lambda hooks wait on their own virtual threads too; an ECS task hook is described once a poll.
    ExecutorService hookThreads = HttpAnalysisRunner.threads(threads + "-hooks");
    HookCalls hooks = new HookCalls(ecs, clients.lambda() == null ? null
        : new SdkFunctionGateway(clients.lambda(), fence), endpoints, hookUrls, clock, hookThreads,
        name -> queueRef.get().add(name), Duration.ofSeconds(1));
    Executor executor = new Executor(ecs, elb, autoScaling, analyses, gate, hooks);
    Reconciler reconciler = new Reconciler(reconcileStore, new Observer(ecs, elb, autoScaling, metricsGateway(clients)),
        new Planner(settings.requeuePollInterval(), settings.requeueFailedInterval()), executor, clock,
        settings.maxActionsPerReconcile(), leadership::fence);

    ReconcileLog reconciles = new ReconcileLog();
    HealthWatch healthWatch = new HealthWatch(elb, clock, settings.healthWatchInterval(),
        new TokenBucket(settings.healthWatchCallsPerSecond(), (int) Math.ceil(settings.healthWatchCallsPerSecond()),
            clock),
        () -> leadership.canAct() && !stopping.get(), name -> queueRef.get().add(name));
    ReconcileHandler handler = new ReconcileHandler(reconciler, metrics, reconciles, clock, healthWatch);
    WorkQueue queue = new WorkQueue(threads, clock, settings.workers(), settings.tick(),
        new Backoff(settings.backoffInitial(), settings.backoffMultiplier(), settings.backoffMax(), random),
        handler, () -> leadership.canAct() && !stopping.get(), handler);
    queueRef.set(queue);
    EventSources events = new EventSources(clients.dynamoDb(), clients.dynamoDbStreams(), store,
        ResyncSelection.fleetCheck(store, new FleetCheck(ecs, elb)), settings.table(), clock,
        new EventSources.Settings(settings.resyncInterval(), settings.pollInterval(), settings.streamIdleWait(),
            settings.streamFailuresBeforePolling(), settings.tick()),
        threads, queue::add);
    eventsRef.set(events);

    metrics.queueDepth(queue::depth);
    metrics.leaseHolder(() -> leadership.status().state() == LeaseState.HOLDER);
    Runnable stopAnalyses = () -> {
      analyses.close();
      analysisThreads.shutdownNow();
      hooks.close();
      hookThreads.shutdownNow();
    };
    return new Operator(settings, queue, events, healthWatch, lease, leadership, reconciles, stopping, stopAnalyses);
  }

  /**
   * CloudWatch for the alarm and metric gates. Without a client the gates read an empty answer, so a spec naming
   * alarms is Failed (AlarmNotFound) rather than passing a gate nobody checked, and a metric gate sees no requests
   * and gives no verdict (NoVerdict in the status, never Passed).
   */
  private static MetricsGateway metricsGateway(OperatorClients clients) {
    if (clients.cloudWatch() != null) {
      return new SdkMetricsGateway(clients.cloudWatch());
    }
    return new MetricsGateway() {
      @Override
      public java.util.Map<String, AlarmInfo> describeAlarms(java.util.List<String> names) {
        return java.util.Map.of();
      }

      @Override
      public java.util.List<MetricSeries> getMetricData(java.util.List<MetricQuery> queries, java.time.Instant start,
          java.time.Instant end) {
        return java.util.List.of();
      }
    };
  }

  /** A new holder looks at every deployment at once instead of waiting for events or the next resync. */
  private record ResyncOnAcquire(AtomicReference<EventSources> events) implements DynamoLease.Listener {
    @Override
    public void acquired(LeaseStatus status) {
      EventSources sources = events.get();
      if (sources != null) {
        sources.resync().requestNow();
      }
    }

    @Override
    public void lost(LeaseStatus status, String why) {}
  }
}
