package dev.teal.sandbox.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.teal.sandbox.faults.Fault;
import dev.teal.sandbox.faults.FaultInjector;
import dev.teal.sandbox.faults.FaultKind;
import dev.teal.sandbox.sts.StsQueryHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The single endpoint for ECS, ELBv2 and STS, and for further JSON-protocol services added with
 * {@link #addJsonProtocol} (Application Auto Scaling, EventBridge). Recognises the protocol from the request
 * (JSON with {@code X-Amz-Target}, or a Query form with {@code Version}), applies faults, runs the operation
 * under the world lock after bringing the world up to the clock, and records the call.
 * Signatures are not checked: any credentials work.
 */
public final class ApiServer implements AutoCloseable {

  /** What the server needs from the world around it. */
  public interface World {
    /** Runs {@code body} under the world lock after replaying every event due by now. */
    <T> T synced(Supplier<T> body);
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final World world;
  private final ProtocolHandler ecs;
  private final ProtocolHandler elb;
  private final StsQueryHandler sts;
  /** Header marking a request from a test's observer rather than from the system under test. */
  public static final String OBSERVER_HEADER = "x-teal-sandbox-observer";

  private final FaultInjector faults;
  private final CallLog calls;
  private final Clock clock;
  private final IdGenerator requestIds;
  private final HttpHandler admin;
  /** Further services on the JSON protocol, by their {@code X-Amz-Target} prefix (e.g. {@code AWSEvents.}). */
  private final Map<String, ProtocolHandler> jsonTargets = new java.util.concurrent.ConcurrentHashMap<>();
  /** Further services on the Query protocol, by their API {@code Version} (e.g. CloudWatch's {@code 2010-08-01}). */
  private final Map<String, ProtocolHandler> queryVersions = new java.util.concurrent.ConcurrentHashMap<>();
  /** Services on the REST-JSON protocol (e.g. Lambda), tried in order on the request path. */
  private final java.util.List<RestProtocolHandler> restHandlers = new java.util.concurrent.CopyOnWriteArrayList<>();

  public ApiServer(String host, int port, World world, ProtocolHandler ecs, ProtocolHandler elb, StsQueryHandler sts,
           FaultInjector faults, CallLog calls, Clock clock, long seed, HttpHandler admin) throws IOException {
    this.world = world;
    this.ecs = ecs;
    this.elb = elb;
    this.sts = sts;
    this.faults = faults;
    this.calls = calls;
    this.clock = clock;
    this.requestIds = new IdGenerator(seed ^ 0x5eed_1d5L);
    this.admin = admin;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "sandbox-api-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves another JSON-protocol service on this endpoint: requests whose target starts with {@code prefix}. */
  public void addJsonProtocol(String targetPrefix, ProtocolHandler handler) {
    jsonTargets.put(targetPrefix, handler);
  }

  /** Serves another Query-protocol service on this endpoint: form requests whose {@code Version} is {@code version}. */
  public void addQueryProtocol(String version, ProtocolHandler handler) {
    queryVersions.put(version, handler);
  }

  /** Serves a REST-JSON service on this endpoint: requests whose path {@code handler} recognises. */
  public void addRestProtocol(RestProtocolHandler handler) {
    restHandlers.add(handler);
  }

  public URI endpoint() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getHostString() + ":" + a.getPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private record Call(ProtocolHandler handler, String operation, JsonNode tree) {
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/_sim/")) {
        admin.handle(exchange);
        return;
      }
      byte[] body = readAll(exchange.getRequestBody());
      Call call;
      try {
        call = parse(exchange, body);
      } catch (JsonProcessingException e) {
        send(exchange, 400, "application/x-amz-json-1.1",
            "{\"__type\":\"SerializationException\",\"message\":\"Malformed JSON\"}", null);
        return;
      }
      if (call == null) {
        send(exchange, 400, "text/plain", "teal sandbox: unrecognised request (no X-Amz-Target, no known"
            + " Version)\n", null);
        return;
      }
      serve(exchange, call);
    }
  }

  private Call parse(HttpExchange exchange, byte[] body) throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target == null) {
      for (RestProtocolHandler rest : restHandlers) {
        RestProtocolHandler.Route route = rest.route(exchange.getRequestMethod(), exchange.getRequestURI(),
            exchange.getRequestHeaders(), body);
        if (route != null) {
          return new Call(rest, route.operation(), route.params());
        }
      }
    }
    if (target != null && target.startsWith("AmazonEC2ContainerServiceV20141113.")) {
      String op = target.substring(target.indexOf('.') + 1);
      JsonNode tree = body.length == 0 ? Json.object() : Json.MAPPER.readTree(body);
      return new Call(ecs, op, tree);
    }
    if (target != null) {
      for (Map.Entry<String, ProtocolHandler> json : jsonTargets.entrySet()) {
        if (target.startsWith(json.getKey())) {
          JsonNode tree = body.length == 0 ? Json.object() : Json.MAPPER.readTree(body);
          return new Call(json.getValue(), target.substring(json.getKey().length()), tree);
        }
      }
    }
    String text = new String(body, StandardCharsets.UTF_8);
    String query = exchange.getRequestURI().getRawQuery();
    Map<String, String> form = QueryForm.decode(text.isEmpty() && query != null ? query : text);
    String version = form.get("Version");
    String action = form.get("Action");
    if (action == null || version == null) {
      return null;
    }
    ProtocolHandler handler = switch (version) {
      case "2015-12-01" -> elb;
      case "2011-06-15" -> sts;
      default -> queryVersions.get(version);
    };
    return handler == null ? null : new Call(handler, action, QueryForm.toTree(form));
  }

  private void serve(HttpExchange exchange, Call call) throws IOException {
    ProtocolHandler h = call.handler();
    String operation = h.service() + ":" + call.operation();
    String requestId = requestIds.uuid();
    Params params = h.params(call.tree());
    if ("true".equals(exchange.getRequestHeaders().getFirst(OBSERVER_HEADER))) {
      serveObserver(exchange, h, call, params, requestId);
      return;
    }
    Duration latency = faults.latencyFor(operation);
    if (!latency.isZero()) {
      sleep(latency);
    }
    if (faults.describeThrottled(operation)) {
      AwsError e = h.throttling();
      record(h, operation, call.tree(), CallRecord.Outcome.ERROR, e.code(), false);
      send(exchange, e.status(), h.contentType(), h.errorBody(e, requestId), requestId);
      return;
    }
    Fault fault = faults.decide(operation).orElse(null);
    if (fault != null && !fault.applyFirst()) {
      record(h, operation, call.tree(), CallRecord.Outcome.FAULT, fault.kind().name(), false);
      deliverFault(exchange, h, fault.kind(), requestId);
      return;
    }
    if (h == sts) {
      sts.callerAccessKey(accessKey(exchange));
    }
    Object result = world.synced(() -> {
      try {
        return h.reply(call.operation(), params, requestId);
      } catch (AwsError e) {
        return e;
      } catch (RuntimeException e) {
        // A simulator bug must still reach the client as an AWS-shaped 500, not a dropped socket.
        e.printStackTrace();
        return new AwsError(500, "InternalFailure", "sandbox failure: " + e, false);
      }
    });
    if (fault != null) {
      record(h, operation, call.tree(), CallRecord.Outcome.FAULT, fault.kind().name(), !(result instanceof AwsError));
      deliverFault(exchange, h, fault.kind(), requestId);
      return;
    }
    if (result instanceof AwsError e) {
      record(h, operation, call.tree(), CallRecord.Outcome.ERROR, e.code(), false);
      send(exchange, e.status(), h.contentType(), h.errorBody(e, requestId), requestId, e.code());
      return;
    }
    record(h, operation, call.tree(), CallRecord.Outcome.OK, null, true);
    send(exchange, (ProtocolHandler.Reply) result, h.contentType(), requestId);
  }

  /**
   * A test looking at the world (checking invariants, taking a snapshot) must neither meet injected
   * faults nor show up in the call log that the test asserts on; it marks its requests with
   * {@link #OBSERVER_HEADER}.
   */
  private void serveObserver(HttpExchange exchange, ProtocolHandler h, Call call, Params params, String requestId)
      throws IOException {
    Object result = world.synced(() -> {
      try {
        return h.reply(call.operation(), params, requestId);
      } catch (AwsError e) {
        return e;
      }
    });
    if (result instanceof AwsError e) {
      send(exchange, e.status(), h.contentType(), h.errorBody(e, requestId), requestId, e.code());
    } else {
      send(exchange, (ProtocolHandler.Reply) result, h.contentType(), requestId);
    }
  }

  private void deliverFault(HttpExchange exchange, ProtocolHandler h, FaultKind kind, String requestId)
      throws IOException {
    switch (kind) {
      case THROTTLE -> {
        AwsError e = h.throttling();
        send(exchange, e.status(), h.contentType(), h.errorBody(e, requestId), requestId, e.code());
      }
      case SERVER_ERROR -> {
        AwsError e = h.serverError();
        send(exchange, e.status(), h.contentType(), h.errorBody(e, requestId), requestId, e.code());
      }
      case CONNECTION_RESET -> {
        // Closing the exchange before any response headers makes the JDK server drop the connection.
      }
      case TIMEOUT -> sleep(faults.timeoutHold());
    }
  }

  private void record(ProtocolHandler h, String operation, JsonNode tree, CallRecord.Outcome outcome, String code,
            boolean applied) {
    calls.add(new CallRecord(calls.nextSequence(), clock.instant(), System.nanoTime(), h.service(), operation, tree,
        outcome, code, applied));
  }

  private static String accessKey(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      return null;
    }
    int i = auth.indexOf("Credential=");
    if (i < 0) {
      return null;
    }
    int end = auth.indexOf('/', i);
    return end < 0 ? null : auth.substring(i + "Credential=".length(), end);
  }

  // Injected latency and timeouts are real time on purpose: the SDK client under test must feel them on
  // the wire (its timeouts and retries run on real time). Only a simulator worker thread waits.
  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  private static void send(HttpExchange exchange, ProtocolHandler.Reply reply, String contentType, String requestId)
      throws IOException {
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    send(exchange, reply.status(), reply.contentType() != null ? reply.contentType() : contentType, reply.body(),
        requestId, null);
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body, String requestId)
      throws IOException {
    send(exchange, status, contentType, body, requestId, null);
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body, String requestId,
               String errorType) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (requestId != null) {
      exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    }
    if (errorType != null && contentType.contains("json")) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
