package dev.teal.sandbox.alb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.teal.sandbox.SimulatorConfig.ListenerPorts;
import dev.teal.sandbox.elb.ListenerObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One real HTTP server on loopback per listener, so traffic can be sent through the simulated ALB
 * and watched moving between target groups.
 */
public final class AlbDataPlane implements ListenerObserver, AutoCloseable {

  /** Routes one request: listener ARN, Host header, path. Runs the router under the world lock. */
  public interface Routing {
    AlbRouter.Answer route(String listenerArn, String host, String path);
  }

  private final String host;
  private final ListenerPorts ports;
  private final Routing routing;
  private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
  private final ExecutorService executor;

  public AlbDataPlane(String host, ListenerPorts ports, Routing routing) {
    this.host = host;
    this.ports = ports;
    this.routing = routing;
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "sandbox-alb");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void listenerOpened(String listenerArn, int listenerPort) {
    if (ports instanceof ListenerPorts.Disabled) {
      return;
    }
    int localPort = ports instanceof ListenerPorts.Offset o ? o.offset() + listenerPort : 0;
    HttpServer server;
    try {
      server = bind(localPort);
    } catch (BindException e) {
      System.err.println("teal sandbox: port " + localPort + " for listener :" + listenerPort
          + " is taken; serving it on a free port instead (see listenerUrl)");
      server = bindQuietly(0);
    } catch (IOException e) {
      server = bindQuietly(0);
    }
    server.setExecutor(executor);
    server.createContext("/", exchange -> serve(listenerArn, exchange));
    server.start();
    HttpServer previous = servers.put(listenerArn, server);
    if (previous != null) {
      previous.stop(0);
    }
  }

  @Override
  public void listenerClosed(String listenerArn) {
    HttpServer server = servers.remove(listenerArn);
    if (server != null) {
      server.stop(0);
    }
  }

  public Optional<URI> url(String listenerArn) {
    HttpServer s = servers.get(listenerArn);
    return s == null ? Optional.empty()
        : Optional.of(URI.create("http://" + host + ":" + s.getAddress().getPort() + "/"));
  }

  private HttpServer bind(int port) throws IOException {
    return HttpServer.create(new InetSocketAddress(host, port), 64);
  }

  private HttpServer bindQuietly(int port) {
    try {
      return bind(port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a listener server on " + host, e);
    }
  }

  private void serve(String listenerArn, HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      AlbRouter.Answer answer = routing.route(listenerArn, exchange.getRequestHeaders().getFirst("Host"),
          exchange.getRequestURI().getPath());
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      exchange.getResponseHeaders().set("Server", "awselb/2.0");
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
      exchange.sendResponseHeaders(answer.status(), head || body.length == 0 ? -1 : body.length);
      if (!head && body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @Override
  public void close() {
    servers.values().forEach(s -> s.stop(0));
    servers.clear();
    executor.shutdownNow();
  }
}
