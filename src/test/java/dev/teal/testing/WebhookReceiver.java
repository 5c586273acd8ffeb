package dev.teal.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A webhook on 127.0.0.1 for tests: keeps every request it took (method, path, headers, JSON body), and
 * answers as told: {@link Mode#ACCEPT} with 204, {@link Mode#FAIL} with 500, {@link Mode#GONE} with 404 (a
 * rotated URL), {@link Mode#HANG} not at all
 * until it is told otherwise (or closed). Requests it failed or held are counted, not kept.
 */
public final class WebhookReceiver implements AutoCloseable {

  public enum Mode { ACCEPT, FAIL, GONE, HANG }

  /** One request the receiver took (answered 2xx). */
  public record Request(String path, Map<String, List<String>> headers, JsonNode body) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "webhook-receiver");
    t.setDaemon(true);
    return t;
  });
  private final List<Request> accepted = new ArrayList<>();
  private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ACCEPT);
  private final AtomicReference<CountDownLatch> held = new AtomicReference<>(new CountDownLatch(1));
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger hanging = new AtomicInteger();

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The receiver's URL for {@code path}, e.g. {@code /hooks/T000/B000/secret}. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** From now on answers as {@code next} says; leaving {@link Mode#HANG} releases the requests it held. */
  public void mode(Mode next) {
    Mode previous = mode.getAndSet(next);
    if (previous == Mode.HANG && next != Mode.HANG) {
      held.getAndSet(new CountDownLatch(1)).countDown();
    }
  }

  public synchronized List<Request> requests() {
    return List.copyOf(accepted);
  }

  /** Requests answered with 500 so far. */
  public int refused() {
    return refused.get();
  }

  /** Requests being held right now. */
  public int hanging() {
    return hanging.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (mode.get() == Mode.HANG) {
        hanging.incrementAndGet();
        try {
          held.get().await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } finally {
          hanging.decrementAndGet();
        }
        // Released: this request was never answered in time; refuse it, so a client still waiting tries
        // again instead of waiting out its timeout.
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      if (mode.get() == Mode.FAIL || mode.get() == Mode.GONE) {
        refused.incrementAndGet();
        exchange.sendResponseHeaders(mode.get() == Mode.FAIL ? 500 : 404, -1);
        return;
      }
      JsonNode json = body.length == 0 ? null : JSON.readTree(body);
      synchronized (this) {
        accepted.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), json));
      }
      exchange.sendResponseHeaders(204, -1);
    }
  }

  @Override
  public void close() {
    held.get().countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
