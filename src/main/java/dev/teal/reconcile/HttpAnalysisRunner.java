package dev.teal.reconcile;

import dev.teal.aws.ListenerEndpoints;
import dev.teal.aws.RouteState;
import dev.teal.model.AnalysisStatus;
import dev.teal.model.HttpAnalysisSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * Sends {@code requests} GETs to the test route's listener and counts the answers that are not
 * {@code expectStatus}. Requests go one after another with a short timeout each, and the run stops at the
 * first failure over {@code maxFailures} (the verdict cannot change after it), so a listener that never
 * answers holds a worker for at most (maxFailures + 1) × timeout.
 */
public final class HttpAnalysisRunner implements AnalysisRunner {

  private final ListenerEndpoints endpoints;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Clock clock;

  public HttpAnalysisRunner(ListenerEndpoints endpoints, Duration requestTimeout, Clock clock) {
    this.endpoints = endpoints;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public AnalysisStatus run(String revision, String stage, RouteState testRoute, HttpAnalysisSpec spec) {
    String listener = testRoute.route().listenerArn();
    URI base = endpoints.urlOf(listener).orElse(null);
    if (base == null) {
      return result(revision, stage, false, 0, 0, "the test listener " + listener + " has no reachable address");
    }
    URI uri = base.resolve(spec.path());
    int failures = 0;
    String lastFailure = null;
    int sent = 0;
    while (sent < spec.requests() && failures <= spec.maxFailures()) {
      sent++;
      try {
        var builder = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET();
        HttpResponse<Void> response = http.send(builder.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != spec.expectStatus()) {
          failures++;
          lastFailure = "HTTP " + response.statusCode();
        }
      } catch (IOException e) {
        failures++;
        lastFailure = e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return result(revision, stage, false, sent - 1, failures, "interrupted");
      }
    }
    boolean passed = failures <= spec.maxFailures();
    String message = failures + " of " + sent + " requests to " + spec.path() + " failed"
        + (lastFailure == null ? "" : " (last: " + lastFailure + ")") + "; at most " + spec.maxFailures() + " allowed"
        + (sent < spec.requests() ? "; stopped before the other " + (spec.requests() - sent) : "");
    return result(revision, stage, passed, sent, failures, message);
  }

  private AnalysisStatus result(String revision, String stage, boolean passed, int requests, int failures,
      String message) {
    return new AnalysisStatus(revision, stage, passed, requests, failures, message, clock.instant());
  }
}
