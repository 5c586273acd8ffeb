package dev.teal.sandbox;

import dev.teal.sandbox.alb.AlbDataPlane;
import dev.teal.sandbox.alb.AlbRouter;
import dev.teal.sandbox.autoscaling.AutoScalingJsonHandler;
import dev.teal.sandbox.autoscaling.AutoScalingSimulator;
import dev.teal.sandbox.cloudwatch.CloudWatchQueryHandler;
import dev.teal.sandbox.cloudwatch.CloudWatchSimulator;
import dev.teal.sandbox.ecs.EcsJsonHandler;
import dev.teal.sandbox.ecs.EcsSimulator;
import dev.teal.sandbox.elb.ElbQueryHandler;
import dev.teal.sandbox.elb.ElbSimulator;
import dev.teal.sandbox.events.EventBusSimulator;
import dev.teal.sandbox.events.EventsAdmin;
import dev.teal.sandbox.events.EventsJsonHandler;
import dev.teal.sandbox.faults.FaultInjector;
import dev.teal.sandbox.http.AdminHandler;
import dev.teal.sandbox.http.ApiServer;
import dev.teal.sandbox.http.AwsError;
import dev.teal.sandbox.http.CallLog;
import dev.teal.sandbox.http.IdGenerator;
import dev.teal.sandbox.lambda.LambdaAdmin;
import dev.teal.sandbox.lambda.LambdaRestHandler;
import dev.teal.sandbox.lambda.LambdaSimulator;
import dev.teal.sandbox.sts.StsQueryHandler;
import dev.teal.sandbox.time.Scheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The sandbox AWS: ECS, ELBv2, Application Auto Scaling, STS and EventBridge on one loopback endpoint
 * speaking the real wire protocols,
 * plus an HTTP data plane per ALB listener. State lives in memory and moves on the configured
 * clock, lazily: every request first replays whatever was due by {@code clock.instant()}.
 *
 * <pre>{@code
 * try (SandboxSimulator sim = SandboxSimulator.start(SimulatorConfig.defaults().clock(clock))) {
 *     EcsClient ecs = SandboxClients.ecs(sim.endpoint(), sim.region());
 * }
 * }</pre>
 */
public final class SandboxSimulator implements AutoCloseable {

  static {
    // The JDK server writes headers and body separately; with Nagle on, delayed ACKs add
    // ~40 ms to every call. Must be set before the first HttpServer is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SimulatorConfig config;
  private final Object lock = new Object();
  private final Scheduler scheduler;
  private final ElbSimulator elb;
  private final EcsSimulator ecs;
  private final AutoScalingSimulator autoScaling;
  private final FaultInjector faults;
  private final CallLog calls = new CallLog();
  private final AlbDataPlane dataPlane;
  private final AlbRouter router;
  private final EventBusSimulator events;
  private final CloudWatchSimulator cloudWatch;
  private final LambdaSimulator lambda;
  private final ApiServer server;

  private SandboxSimulator(SimulatorConfig config) throws IOException {
    this.config = config;
    Clock clock = config.clock();
    this.scheduler = new Scheduler(clock.instant());
    IdGenerator ids = new IdGenerator(config.seed());
    this.faults = new FaultInjector(clock, config.seed());
    this.elb = new ElbSimulator(config, scheduler, ids, faults);
    this.ecs = new EcsSimulator(config, scheduler, ids, elb);
    this.autoScaling = new AutoScalingSimulator(ecs, scheduler, ids, config.region(), config.accountId());
    this.cloudWatch = new CloudWatchSimulator(scheduler, config.region(), config.accountId(),
        config.alarmEvaluationInterval(), config.alarmSetStateRecheck());
    this.lambda = new LambdaSimulator(config.region(), config.accountId(), clock);
    this.router = new AlbRouter(elb, config.seed());
    router.publishMetricsTo(cloudWatch::publish, config::errorPercentOf, config::responseTimeOf);
    this.dataPlane = new AlbDataPlane(config.host(), config.listenerPorts(),
        (listenerArn, host, path) -> synced(() -> router.route(listenerArn, host, path)));
    elb.observeListeners(dataPlane);
    ApiServer.World world = this::synced;
    this.events = new EventBusSimulator(config.region(), config.accountId(), clock, config.seed());
    AdminHandler admin = new AdminHandler(faults, calls);
    admin.route(EventsAdmin.PATH, new EventsAdmin(events));
    this.server = new ApiServer(config.host(), config.port(), world, new EcsJsonHandler(ecs, config.accountId()),
        new ElbQueryHandler(elb, config.region()), new StsQueryHandler(config.accountId()), faults, calls,
        clock, config.seed(), admin);
    server.addJsonProtocol(AutoScalingJsonHandler.TARGET_PREFIX, new AutoScalingJsonHandler(autoScaling));
    server.addJsonProtocol(EventsJsonHandler.TARGET_PREFIX, new EventsJsonHandler(events));
    server.addQueryProtocol(CloudWatchQueryHandler.VERSION, new CloudWatchQueryHandler(cloudWatch));
    server.addRestProtocol(new LambdaRestHandler(lambda));
    admin.route(LambdaAdmin.PATH, new LambdaAdmin(lambda));
  }

  public static SandboxSimulator start(SimulatorConfig config) {
    try {
      return new SandboxSimulator(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox simulator on " + config.host() + ":"
          + config.port(), e);
    }
  }

  /** Base URL for ECS, ELBv2 and STS clients ({@code AWS_ENDPOINT_URL}). */
  public URI endpoint() {
    return server.endpoint();
  }

  public int port() {
    return server.port();
  }

  public String region() {
    return config.region();
  }

  public String accountId() {
    return config.accountId();
  }

  public Clock clock() {
    return config.clock();
  }

  public SimulatorConfig config() {
    return config;
  }

  /** Error rates, scripted failures, latency and the ELB Describe* token bucket. */
  public FaultInjector faults() {
    return faults;
  }

  /** EventBridge: the buses and every event put on them. */
  public EventBusSimulator events() {
    return events;
  }

  /** Lambda: define what each function answers, read what it was invoked with. */
  public LambdaSimulator lambda() {
    return lambda;
  }

  /** Every alarm as {@code name=STATE}, as of the simulator's clock. */
  public List<String> alarmStates() {
    return synced(cloudWatch::alarmStates);
  }

  /** Every API call answered, for assertions and benchmarks. */
  public CallLog calls() {
    return calls;
  }

  /** Where the listener's data plane answers HTTP, e.g. {@code http://127.0.0.1:18080/}. */
  public URI listenerUrl(String listenerArn) {
    synchronized (lock) {
      if (elb.listenerPort(listenerArn).isEmpty()) {
        throw new NoSuchElementException("no listener " + listenerArn);
      }
    }
    return dataPlane.url(listenerArn)
        .orElseThrow(() -> new IllegalStateException("listener data plane disabled for " + listenerArn));
  }

  /** The registrations of a target group with their health as of the simulator's clock. */
  public List<TargetView> targets(String targetGroupArn) {
    return synced(() -> {
      try {
        return elb.targetsWithHealth(targetGroupArn).stream()
            .map(e -> new TargetView(e.getKey().id(), e.getKey().port(), e.getValue().state(),
                e.getValue().reason(), e.getKey().owner() == null ? null : e.getKey().owner().image(),
                e.getKey().registeredAt(), e.getValue().since()))
            .toList();
      } catch (AwsError notFound) {
        throw new NoSuchElementException(notFound.getMessage());
      }
    });
  }

  /**
   * At {@code at} on the simulator's clock, a dynamic scaling policy of the service's scalable target asks for
   * {@code desiredCount} tasks; Application Auto Scaling applies it within the target's range unless that
   * direction is suspended (see {@link AutoScalingSimulator#scale}). Without a scalable target nothing happens.
   */
  public void scaleServiceAt(Instant at, String cluster, String service, int desiredCount) {
    synced(() -> {
      scheduler.at(at, when -> autoScaling.scale(cluster, service, desiredCount));
      return null;
    });
  }

  /** At {@code at}, Fargate retires the oldest running task of the task set and ECS replaces it. */
  public void retireTaskAt(Instant at, String taskSetArn) {
    synced(() -> {
      scheduler.at(at, when -> ecs.retireOldestTask(taskSetArn));
      return null;
    });
  }

  /** The scaling activities so far, in words ("service/c/s scaled from 2 to 4", "... skipped: ..."). */
  public List<String> scalingActivities() {
    return synced(autoScaling::activities);
  }

  /** Brings the world up to the clock now, without an API call (e.g. after advancing a virtual clock). */
  public void sync() {
    synced(() -> null);
  }

  private <T> T synced(Supplier<T> body) {
    synchronized (lock) {
      scheduler.catchUp(config.clock().instant());
      return body.get();
    }
  }

  @Override
  public void close() {
    server.close();
    dataPlane.close();
  }
}
