package dev.teal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.teal.aws.ListenerEndpoints;
import dev.teal.aws.RouteRef;
import dev.teal.aws.RouteState;
import dev.teal.model.AnalysisStatus;
import dev.teal.model.HttpAnalysisSpec;
import dev.teal.sandbox.VirtualClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analysis runner: requests only to the test listener's own address, no redirect followed, off the
 * caller's thread with its progress readable at any time, resumable from that progress, and bounded in
 * total time per step.
 */
class HttpAnalysisRunnerTest {

  private static final String LISTENER = "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/demo/1/2";
  private static final RouteState TEST_ROUTE = new RouteState(RouteRef.rule(
      "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/demo/1/2/3"), List.of(), Optional.empty());

  private final VirtualClock clock = new VirtualClock();
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger elsewhere = new AtomicInteger();
  private final List<String> woken = new CopyOnWriteArrayList<>();
  private HttpServer listener;
  private HttpServer otherHost;
  private ServerSocket silent;
  private ExecutorService threads;

  @BeforeEach
  void servers() throws IOException {
    otherHost = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    otherHost.createContext("/", exchange -> {
      elsewhere.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    otherHost.start();
    listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    listener.createContext("/", exchange -> {
      answered.incrementAndGet();
      if (exchange.getRequestURI().getPath().equals("/moved")) {
        exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + otherHost.getAddress().getPort() + "/x");
        exchange.sendResponseHeaders(302, -1);
      } else {
        exchange.sendResponseHeaders(200, -1);
      }
      exchange.close();
    });
    listener.start();
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); // accepts, never answers
    threads = HttpAnalysisRunner.threads("test-analysis");
  }

  @AfterEach
  void stop() throws IOException {
    threads.shutdownNow();
    listener.stop(0);
    otherHost.stop(0);
    silent.close();
  }

  @Test
  void aPollReturnsAtOnceWithTheProgressAndTheDeploymentIsWokenWithTheVerdict() {
    HttpAnalysisRunner runner = background(url(listener), Duration.ofSeconds(2), () -> true);
    AnalysisStatus first = runner.poll(request(spec("/health", 20, 0), null));
    assertThat(first.inProgress() || first.passed()).isTrue();

    await().atMost(Duration.ofSeconds(20)).until(() -> woken.contains("web"));
    AnalysisStatus verdict = runner.poll(request(spec("/health", 20, 0), first));
    assertThat(verdict.inProgress()).isFalse();
    assertThat(verdict.passed()).isTrue();
    assertThat(verdict.requests()).isEqualTo(20);
    assertThat(answered).hasValue(20);
  }

  /** A listener that never answers holds the runner's thread, not the poller: the progress says so. */
  @Test
  void aListenerThatNeverAnswersHoldsNoCaller() {
    HttpAnalysisRunner runner = background(url(silent), Duration.ofSeconds(60), () -> true);
    for (int i = 0; i < 50; i++) {
      AnalysisStatus progress = runner.poll(request(spec("/health", 1000, 1000), null));
      assertThat(progress.inProgress()).isTrue();
      assertThat(progress.requests()).as("the first request has not even timed out").isZero();
      runner.poll(request(spec("/health", 1000, 1000), progress)); // the next reconcile, resuming the record
    }
    runner.close();
  }

  /** An operator that takes over sends only what the record says is left, and counts what was sent before. */
  @Test
  void aRunResumedFromTheRecordSendsOnlyTheRest() {
    HttpAnalysisRunner runner = new HttpAnalysisRunner(endpoints(url(listener)), Duration.ofSeconds(2),
        HttpAnalysisRunner.DEFAULT_STEP_TIMEOUT, clock, HttpAnalysisRunner.ON_THE_CALLER, () -> true, woken::add);
    AnalysisStatus recorded = new AnalysisStatus("r1", "preview", false, 7, 1, "7 of 10 sent", clock.instant(), true,
        clock.instant().minusSeconds(30));

    AnalysisStatus verdict = runner.poll(request(spec("/health", 10, 1), recorded));

    assertThat(answered).as("only the 3 not yet sent").hasValue(3);
    assertThat(verdict.requests()).isEqualTo(10);
    assertThat(verdict.failures()).isEqualTo(1);
    assertThat(verdict.passed()).isTrue();
  }

  /** A step that has no verdict within the step timeout fails, whatever is left to send. */
  @Test
  void aStepWithoutAVerdictWithinItsBoundFails() {
    HttpAnalysisRunner runner = new HttpAnalysisRunner(endpoints(url(silent)), Duration.ofMillis(200),
        Duration.ofMinutes(5), clock, threads, () -> true, woken::add);
    AnalysisStatus progress = runner.poll(request(spec("/health", 1000, 1000), null));
    await().atMost(Duration.ofSeconds(10)).until(() -> runner.poll(request(spec("/health", 1000, 1000), progress))
        .requests() >= 1);

    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> woken.contains("web"));
    AnalysisStatus verdict = runner.poll(request(spec("/health", 1000, 1000), progress));
    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.message()).startsWith("no verdict within 5m");
  }

  /** Once this instance may not act, a run stops without a verdict (no one is woken); the next holder resumes. */
  @Test
  void aRunStopsWithoutAVerdictWhenThisInstanceMayNoLongerAct() {
    AtomicBoolean mayRun = new AtomicBoolean(true);
    HttpAnalysisRunner runner = new HttpAnalysisRunner(endpoints(url(silent)), Duration.ofMillis(100),
        Duration.ofMinutes(5), clock, threads, mayRun::get, woken::add);
    AnalysisStatus progress = runner.poll(request(spec("/health", 1000, 1000), null));
    await().atMost(Duration.ofSeconds(10)).until(() -> runner.poll(request(spec("/health", 1000, 1000), progress))
        .requests() >= 1);
    mayRun.set(false);
    int sent = runner.poll(request(spec("/health", 1000, 1000), progress)).requests();
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> woken.isEmpty());
    assertThat(sent).isLessThan(1000);
  }

  @Test
  void aRedirectIsAnAnswerNotAWayToAnotherHost() {
    HttpAnalysisRunner runner = new HttpAnalysisRunner(endpoints(url(listener)), Duration.ofSeconds(2), clock);

    AnalysisStatus verdict = runner.poll(request(spec("/moved", 5, 0), null));

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.message()).contains("HTTP 302");
    assertThat(elsewhere).as("the other host").hasValue(0);
  }

  /** Written around the validator (straight into DynamoDB), such a path still sends nothing. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"//127.0.0.1:1/latest/meta-data", "/a|b", "/%zz", "http://127.0.0.1:1/x", "/a\\b",
      "/a#b"})
  void aPathThatCouldLeaveTheListenerSendsNothing(String path) {
    HttpAnalysisRunner runner = new HttpAnalysisRunner(endpoints(url(listener)), Duration.ofSeconds(2), clock);

    AnalysisStatus verdict = runner.poll(request(spec(path, 5, 0), null));

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.requests()).isZero();
    assertThat(verdict.message()).contains("not a path on the test listener");
    assertThat(answered).hasValue(0);
    assertThat(HttpAnalysisRunner.target(URI.create("http://lb.example:8080"), path)).isEmpty();
  }

  @Test
  void theTargetIsTheListenersSchemeHostAndPortWithThePath() {
    assertThat(HttpAnalysisRunner.target(URI.create("https://lb.example:8443"), "/health?deep=1"))
        .contains(URI.create("https://lb.example:8443/health?deep=1"));
  }

  private HttpAnalysisRunner background(URI url, Duration requestTimeout, java.util.function.BooleanSupplier mayRun) {
    return new HttpAnalysisRunner(endpoints(url), requestTimeout, HttpAnalysisRunner.DEFAULT_STEP_TIMEOUT, clock,
        threads, mayRun, woken::add);
  }

  private static ListenerEndpoints endpoints(URI url) {
    return arn -> arn.equals(LISTENER) ? Optional.of(url) : Optional.empty();
  }

  private static AnalysisRunner.Request request(HttpAnalysisSpec spec, AnalysisStatus resumeFrom) {
    return new AnalysisRunner.Request("web", "r1", "preview", TEST_ROUTE, spec, resumeFrom);
  }

  private static HttpAnalysisSpec spec(String path, int requests, int maxFailures) {
    return new HttpAnalysisSpec(path, 200, requests, maxFailures);
  }

  private static URI url(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static URI url(ServerSocket socket) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }
}
