package dev.teal.reconcile;

import dev.teal.aws.ListenerEndpoints;
import dev.teal.document.DocumentValidator;
import dev.teal.model.AnalysisStatus;
import dev.teal.model.HttpAnalysisSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Sends {@code requests} GETs to the test route's listener and counts the answers that are not
 * {@code expectStatus}, one after another with a short timeout each; the run stops at the first failure
 * over {@code maxFailures} (the verdict cannot change after it).
 *
 * <p><b>Off the reconcile workers.</b> In the daemon the requests run on the runner's own threads: a
 * {@link #poll} starts the run (or resumes it from the progress on record) and returns at once with the
 * verdict or the progress so far, and the deployment is woken through {@code finished} when the verdict
 * is in. A listener that never answers therefore holds one analysis thread, never a reconcile worker.
 * Each step is bounded in total: a run that has no verdict {@code stepTimeout} after it began fails. A
 * run stops without a verdict when this instance may no longer act; whoever holds the lease next
 * resumes it from the recorded progress. Each run has a virtual thread of its own ({@link #threads}).
 *
 * <p><b>Only the test listener.</b> Requests go to the listener's own scheme, host and port, with the
 * spec's path (checked again here with the validator's rule, so a document written around the validator
 * cannot point elsewhere); redirects are never followed, so a 3xx is just an answer that is not
 * {@code expectStatus}.
 */
public final class HttpAnalysisRunner implements AnalysisRunner, AutoCloseable {

  /** Runs the requests on the polling thread: a poll returns the verdict. For single-reconciler tests and tools. */
  public static final Executor ON_THE_CALLER = Runnable::run;

  /** The default bound on one analysis step (teal.analysis.step-timeout). */
  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(5);

  /** How long a verdict is kept for a poll that comes late (the status write that was to record it lost a race). */
  static final Duration KEEP_VERDICT = Duration.ofMinutes(10);

  private final ListenerEndpoints endpoints;
  private final Duration requestTimeout;
  private final Duration stepTimeout;
  private final Clock clock;
  private final Executor executor;
  private final BooleanSupplier mayRun;
  private final Consumer<String> finished;
  private final HttpClient http;
  private final ConcurrentMap<Key, Run> runs = new ConcurrentHashMap<>();

  /** Runs each analysis on the polling thread, to its verdict. */
  public HttpAnalysisRunner(ListenerEndpoints endpoints, Duration requestTimeout, Clock clock) {
    this(endpoints, requestTimeout, DEFAULT_STEP_TIMEOUT, clock, ON_THE_CALLER, () -> true, deployment -> { });
  }

  /**
   * @param stepTimeout a step without a verdict this long after it began (on {@code clock}) fails
   * @param executor where the requests run
   * @param mayRun asked between requests; a run stops without a verdict once it says no
   * @param finished told the deployment's name when a verdict is in
   */
  public HttpAnalysisRunner(ListenerEndpoints endpoints, Duration requestTimeout, Duration stepTimeout, Clock clock,
      Executor executor, BooleanSupplier mayRun, Consumer<String> finished) {
    this.endpoints = endpoints;
    this.requestTimeout = requestTimeout;
    this.stepTimeout = stepTimeout;
    this.clock = clock;
    this.executor = executor;
    this.mayRun = mayRun;
    this.finished = finished;
    this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** One virtual thread per analysis, named {@code prefix-N}: a silent listener costs a parked virtual thread. */
  public static ExecutorService threads(String prefix) {
    return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix + "-", 1).factory());
  }

  @Override
  public AnalysisStatus poll(Request request) {
    Key key = new Key(request.deployment(), request.revision(), request.stage(), request.spec());
    forgetOthers(key);
    boolean resuming = request.resumeFrom() != null && request.resumeFrom().inProgress()
        && request.resumeFrom().isFor(request.revision(), request.stage());
    Run run = runs.get(key);
    if (run != null && !resuming) {
      // Nothing on record says this run is ours: it belongs to an earlier attempt. Start afresh.
      run.stop();
      runs.remove(key, run);
      run = null;
    }
    if (run == null) {
      Run fresh = new Run(key, request.testRoute().route().listenerArn(), resuming ? request.resumeFrom() : null);
      run = runs.putIfAbsent(key, fresh);
      if (run == null) {
        run = fresh;
        start(fresh);
      }
    }
    return run.snapshot();
  }

  /** Stops every run (the operator stops); none is reported finished. */
  @Override
  public void close() {
    runs.values().forEach(Run::stop);
    runs.clear();
  }

  private void start(Run run) {
    try {
      executor.execute(run);
    } catch (RejectedExecutionException e) {
      runs.remove(run.key, run); // shutting down; the next holder resumes from the record
    }
  }

  /** Another revision or stage of the same deployment supersedes a run; old verdicts are dropped. */
  private void forgetOthers(Key key) {
    long now = System.nanoTime();
    runs.forEach((k, run) -> {
      boolean superseded = k.deployment().equals(key.deployment()) && !k.equals(key);
      if (superseded || run.verdictOlderThan(now, KEEP_VERDICT)) {
        run.stop();
        runs.remove(k, run);
      }
    });
  }

  /**
   * The listener's own scheme, host and port with the spec's path, or empty when the path could lead
   * anywhere else (or not parse): nothing is sent then.
   */
  static Optional<URI> target(URI listener, String path) {
    if (path == null || DocumentValidator.analysisPathProblem(path).isPresent()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(listener.getScheme() + "://" + listener.getRawAuthority() + path);
      boolean sameListener = Objects.equals(uri.getScheme(), listener.getScheme())
          && Objects.equals(uri.getRawAuthority(), listener.getRawAuthority()) && uri.getRawFragment() == null;
      return sameListener ? Optional.of(uri) : Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** One analysis step of one deployment; the spec is part of it, so a changed analysis starts anew. */
  private record Key(String deployment, String revision, String stage, HttpAnalysisSpec spec) {}

  /** The requests of one step, and what they found so far. */
  private final class Run implements Runnable {
    private final Key key;
    private final String listenerArn;
    private int sent;
    private int failures;
    private String lastFailure;
    private Instant startedAt;
    private AnalysisStatus verdict;
    private long verdictAtNanos;
    private volatile boolean stopped;

    Run(Key key, String listenerArn, AnalysisStatus resumeFrom) {
      this.key = key;
      this.listenerArn = listenerArn;
      if (resumeFrom != null) {
        sent = resumeFrom.requests();
        failures = resumeFrom.failures();
        startedAt = resumeFrom.startedAt();
      }
    }

    void stop() {
      stopped = true;
    }

    synchronized boolean verdictOlderThan(long nowNanos, Duration age) {
      return verdict != null && nowNanos - verdictAtNanos > age.toNanos();
    }

    synchronized AnalysisStatus snapshot() {
      if (verdict != null) {
        return verdict;
      }
      String message = startedAt == null ? "waiting for an analysis thread"
          : sent + " of " + key.spec().requests() + " requests to " + key.spec().path() + " sent, " + failures
              + " failed so far" + (lastFailure == null ? "" : " (last: " + lastFailure + ")") + "; at most "
              + key.spec().maxFailures() + " allowed";
      return new AnalysisStatus(key.revision(), key.stage(), false, sent, failures, message, clock.instant(), true,
          startedAt);
    }

    @Override
    public void run() {
      synchronized (this) {
        if (startedAt == null) {
          startedAt = clock.instant();
        }
      }
      try {
        if (sendAll()) {
          finished.accept(key.deployment());
        }
      } catch (RuntimeException e) {
        conclude(false, "the analysis failed: " + e);
        finished.accept(key.deployment());
      }
    }

    /** @return whether a verdict was reached (false: stopped, to be resumed by whoever acts next) */
    private boolean sendAll() {
      HttpAnalysisSpec spec = key.spec();
      URI listener = endpoints.urlOf(listenerArn).orElse(null);
      if (listener == null) {
        conclude(false, "the test listener " + listenerArn + " has no reachable address");
        return true;
      }
      Optional<URI> uri = target(listener, spec.path());
      if (uri.isEmpty()) {
        conclude(false, "the analysis path " + spec.path() + " is not a path on the test listener; nothing was sent");
        return true;
      }
      Instant deadline = startedAt.plus(stepTimeout);
      while (true) {
        synchronized (this) {
          if (sent >= spec.requests() || failures > spec.maxFailures()) {
            break;
          }
        }
        if (stopped || !mayRun.getAsBoolean()) {
          runs.remove(key, this);
          return false;
        }
        if (clock.instant().isAfter(deadline)) {
          synchronized (this) {
            conclude(false, "no verdict within " + stepTimeout.toString().substring(2).toLowerCase() + ": " + sent
                + " of " + spec.requests() + " requests sent, " + failures + " failed");
          }
          return true;
        }
        String failure;
        try {
          HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri.get()).timeout(requestTimeout).GET()
              .build(), HttpResponse.BodyHandlers.discarding());
          failure = response.statusCode() == spec.expectStatus() ? null : "HTTP " + response.statusCode();
        } catch (IOException e) {
          failure = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          runs.remove(key, this);
          return false;
        }
        synchronized (this) {
          sent++;
          if (failure != null) {
            failures++;
            lastFailure = failure;
          }
        }
      }
      synchronized (this) {
        boolean passed = failures <= spec.maxFailures();
        conclude(passed, failures + " of " + sent + " requests to " + spec.path() + " failed"
            + (lastFailure == null ? "" : " (last: " + lastFailure + ")") + "; at most " + spec.maxFailures()
            + " allowed" + (sent < spec.requests() ? "; stopped before the other " + (spec.requests() - sent) : ""));
      }
      return true;
    }

    private synchronized void conclude(boolean passed, String message) {
      verdict = new AnalysisStatus(key.revision(), key.stage(), passed, sent, failures, message, clock.instant());
      verdictAtNanos = System.nanoTime();
    }
  }
}
