package dev.teal.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything that shapes a simulator run. Defaults suit tests on a {@link VirtualClock}; the
 * sandbox launcher shortens delays for people watching in real time.
 */
public final class SimulatorConfig {

  /** How a listener's port maps to the local port its data plane serves on. */
  public sealed interface ListenerPorts {
    /** Each listener gets a free ephemeral port; ask {@link SandboxSimulator#listenerUrl}. */
    record Ephemeral() implements ListenerPorts {
    }

    /** Listener port P is served at {@code offset + P}, e.g. 10000 + 80 = 10080. */
    record Offset(int offset) implements ListenerPorts {
    }

    /** No HTTP server per listener (pure API tests that open many listeners). */
    record Disabled() implements ListenerPorts {
    }
  }

  private Clock clock = new VirtualClock();
  private long seed = 42;
  private String region = "us-east-1";
  private String accountId = "000000000000";
  private String host = "127.0.0.1";
  private int port = 0;
  private Duration taskStartDelay = Duration.ofSeconds(10);
  private Duration crashloopRunTime = Duration.ofSeconds(5);
  private int defaultDeregistrationDelaySeconds = 300;
  private String unhealthyMarker = "unhealthy";
  private String crashloopMarker = "crashloop";
  private String errorsMarker = "errors";
  private String pullErrorMarker = "nopull";
  private String exitCodeMarker = "exit";
  private String slowMarker = "slow";
  private Duration standaloneTaskRunTime = Duration.ofSeconds(30);
  private Duration alarmEvaluationInterval = Duration.ofSeconds(60);
  private Duration alarmSetStateRecheck = Duration.ofSeconds(10);
  private Duration targetResponseTime = Duration.ofMillis(20);
  private Duration slowTargetResponseTime = Duration.ofMillis(1500);
  private ListenerPorts listenerPorts = new ListenerPorts.Ephemeral();

  public static SimulatorConfig defaults() {
    return new SimulatorConfig();
  }

  public SimulatorConfig clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
    return this;
  }

  /** Seeds ids, fault draws and the data plane's weighted choice; same seed, same run. */
  public SimulatorConfig seed(long seed) {
    this.seed = seed;
    return this;
  }

  public SimulatorConfig region(String region) {
    this.region = Objects.requireNonNull(region);
    return this;
  }

  public SimulatorConfig accountId(String accountId) {
    this.accountId = Objects.requireNonNull(accountId);
    return this;
  }

  /** Port for the API endpoint; 0 picks a free one. The host is always loopback. */
  public SimulatorConfig port(int port) {
    this.port = port;
    return this;
  }

  /** Time from a task being placed to it running and registering in its target groups. */
  public SimulatorConfig taskStartDelay(Duration delay) {
    this.taskStartDelay = Objects.requireNonNull(delay);
    return this;
  }

  /** How long a crash-looping task runs before it stops and is replaced. */
  public SimulatorConfig crashloopRunTime(Duration runTime) {
    this.crashloopRunTime = Objects.requireNonNull(runTime);
    return this;
  }

  /** Value of {@code deregistration_delay.timeout_seconds} for new target groups (AWS: 300). */
  public SimulatorConfig defaultDeregistrationDelaySeconds(int seconds) {
    this.defaultDeregistrationDelaySeconds = seconds;
    return this;
  }

  public SimulatorConfig imageMarkers(String unhealthy, String crashloop, String errors) {
    this.unhealthyMarker = unhealthy;
    this.crashloopMarker = crashloop;
    this.errorsMarker = errors;
    return this;
  }

  /** How long a standalone task (RunTask) runs before its essential container exits. */
  public SimulatorConfig standaloneTaskRunTime(Duration runTime) {
    this.standaloneTaskRunTime = Objects.requireNonNull(runTime);
    return this;
  }

  /** How often CloudWatch evaluates alarms (AWS: every minute). */
  public SimulatorConfig alarmEvaluationInterval(Duration interval) {
    if (interval.toSeconds() < 1) {
      throw new IllegalArgumentException("alarm evaluation interval must be at least a second: " + interval);
    }
    this.alarmEvaluationInterval = interval;
    return this;
  }

  /** How long after SetAlarmState a metric alarm is evaluated again ("often within seconds"). */
  public SimulatorConfig alarmSetStateRecheck(Duration recheck) {
    this.alarmSetStateRecheck = Objects.requireNonNull(recheck);
    return this;
  }

  public SimulatorConfig listenerPorts(ListenerPorts ports) {
    this.listenerPorts = Objects.requireNonNull(ports);
    return this;
  }

  public Clock clock() {
    return clock;
  }

  public long seed() {
    return seed;
  }

  public String region() {
    return region;
  }

  public String accountId() {
    return accountId;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public Duration taskStartDelay() {
    return taskStartDelay;
  }

  public Duration crashloopRunTime() {
    return crashloopRunTime;
  }

  public int defaultDeregistrationDelaySeconds() {
    return defaultDeregistrationDelaySeconds;
  }

  public ListenerPorts listenerPorts() {
    return listenerPorts;
  }

  public Duration standaloneTaskRunTime() {
    return standaloneTaskRunTime;
  }

  public Duration alarmEvaluationInterval() {
    return alarmEvaluationInterval;
  }

  public Duration alarmSetStateRecheck() {
    return alarmSetStateRecheck;
  }

  /**
   * The share of requests, in percent, that a target running {@code image} answers with 500 while its health
   * checks pass: the number right after the errors marker ({@code web:errors25} is 25 %), 100 for the bare
   * marker, 0 without it.
   */
  public int errorPercentOf(String image) {
    return Math.min(100, markerNumber(image, errorsMarker, 100, 0));
  }

  /**
   * The exit code of a container running {@code image} when it exits: the number after the exit marker
   * ({@code tests:exit3} exits 3), 1 for a crash-looping image, 0 otherwise.
   */
  public int exitCodeOf(String image) {
    int dflt = behaviourOf(image) == ImageBehaviour.CRASHLOOP ? 1 : 0;
    return markerNumber(image, exitCodeMarker, dflt, dflt);
  }

  /** How long a target running {@code image} takes to answer: slow with the slow marker, quick otherwise. */
  public Duration responseTimeOf(String image) {
    String s = image == null ? "" : image.toLowerCase(Locale.ROOT);
    return !slowMarker.isEmpty() && s.contains(slowMarker) ? slowTargetResponseTime : targetResponseTime;
  }

  /** The number following {@code marker} in {@code image}; {@code bare} when none follows, {@code absent} without it. */
  private static int markerNumber(String image, String marker, int bare, int absent) {
    String s = image == null ? "" : image.toLowerCase(Locale.ROOT);
    int at = marker.isEmpty() ? -1 : s.indexOf(marker);
    if (at < 0) {
      return absent;
    }
    int from = at + marker.length();
    int to = from;
    while (to < s.length() && to - from < 3 && Character.isDigit(s.charAt(to))) {
      to++;
    }
    return to == from ? bare : Integer.parseInt(s.substring(from, to));
  }

  /**
   * A pull failure wins over crash-looping, which wins over unhealthy, which wins over errors, when an image
   * carries several markers.
   */
  public ImageBehaviour behaviourOf(String image) {
    String s = image == null ? "" : image.toLowerCase(Locale.ROOT);
    if (!pullErrorMarker.isEmpty() && s.contains(pullErrorMarker)) {
      return ImageBehaviour.PULL_ERROR;
    }
    if (!crashloopMarker.isEmpty() && s.contains(crashloopMarker)) {
      return ImageBehaviour.CRASHLOOP;
    }
    if (!unhealthyMarker.isEmpty() && s.contains(unhealthyMarker)) {
      return ImageBehaviour.UNHEALTHY;
    }
    if (!errorsMarker.isEmpty() && s.contains(errorsMarker)) {
      return ImageBehaviour.ERRORS;
    }
    return ImageBehaviour.NORMAL;
  }
}
