package dev.teal.operator.web;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, run directly: {@link #dumpDom} loads a page, lets its timers and fetches
 * run for a budget of virtual time and returns the DOM as rendered; {@link #open} keeps a page open in
 * real time and drives it through the Chrome DevTools Protocol (a WebSocket, spoken with the JDK's own
 * client), to watch a page change without reloading it.
 *
 * <p>A missing {@code chromium} fails the test with how to install it: CI installs it (.ci/run), so a
 * skip would hide a page nobody tested.
 */
final class Chromium {

  /** Longer than the page's 2 s refresh: the first fetch, its render, and one more refresh. */
  static final Duration VIRTUAL_TIME_BUDGET = Duration.ofSeconds(5);

  /** Wall-clock limit of one browser run; a run takes about a second. */
  private static final Duration RUN_LIMIT = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  private Chromium() {}

  /** The flags every run uses: no sandbox (CI runs as root), nothing that reaches the network on its own. */
  private static List<String> command(Path profile) {
    return new ArrayList<>(List.of(executable().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile));
  }

  /** {@code chromium} on the PATH, or a failure saying how to get it. */
  static Path executable() {
    return Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "chromium"))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new AssertionError("The status page is tested in Debian's headless Chromium, and there"
            + " is no 'chromium' on the PATH. Install it: apt-get install -y chromium (CI's .ci/run does)."));
  }

  /** Loads {@code url}, runs it for {@link #VIRTUAL_TIME_BUDGET} of virtual time and returns the DOM. */
  static String dumpDom(URI url) {
    Path profile = tempDir("teal-chromium-");
    try {
      List<String> command = command(profile);
      command.addAll(List.of("--virtual-time-budget=" + VIRTUAL_TIME_BUDGET.toMillis(), "--dump-dom",
          url.toString()));
      Path out = profile.resolveSibling(profile.getFileName() + ".dom");
      Path err = profile.resolveSibling(profile.getFileName() + ".log");
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      try {
        if (!process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
          throw new AssertionError("chromium --dump-dom did not finish within " + RUN_LIMIT + "; " + tail(err));
        }
        if (process.exitValue() != 0) {
          throw new AssertionError("chromium --dump-dom exited " + process.exitValue() + "; " + tail(err));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
      } finally {
        stop(process);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      deleteTree(profile);
    }
  }

  /** Opens {@code url} in a browser that keeps running (in real time) until the session is closed. */
  static DevTools open(URI url) {
    Path profile = tempDir("teal-chromium-cdp-");
    List<String> command = command(profile);
    command.addAll(List.of("--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank"));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      deleteTree(profile);
      throw new UncheckedIOException(e);
    }
    try {
      // Chromium picks a free port and writes it (and the browser's WebSocket path) into the profile.
      Path activePort = profile.resolve("DevToolsActivePort");
      await().atMost(RUN_LIMIT).pollInterval(Duration.ofMillis(50))
          .until(() -> Files.isRegularFile(activePort) && Files.readAllLines(activePort).size() >= 2);
      int port = Integer.parseInt(Files.readAllLines(activePort).get(0).trim());
      DevTools session = DevTools.connect(process, profile, pageSocket(port));
      session.call("Page.navigate", Map.of("url", url.toString()));
      return session;
    } catch (RuntimeException | IOException | InterruptedException e) {
      stop(process);
      deleteTree(profile);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /** The WebSocket of the one tab the browser opened (about:blank). */
  private static URI pageSocket(int port) throws IOException, InterruptedException {
    HttpResponse<String> targets = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
        HttpResponse.BodyHandlers.ofString());
    for (JsonNode target : JSON.readTree(targets.body())) {
      if ("page".equals(target.path("type").asText())) {
        return URI.create(target.path("webSocketDebuggerUrl").asText());
      }
    }
    throw new AssertionError("chromium opened no page: " + targets.body());
  }

  /** A page driven over the DevTools protocol; closing it stops the browser and removes its profile. */
  static final class DevTools implements AutoCloseable {

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = java.util.Collections.synchronizedList(new ArrayList<>());

    private DevTools(Process process, Path profile, WebSocket socket) {
      this.process = process;
      this.profile = profile;
      this.socket = socket;
    }

    static DevTools connect(Process process, Path profile, URI page) {
      Replies replies = new Replies();
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(page, replies).join();
      DevTools session = new DevTools(process, profile, socket);
      replies.session = session;
      return session;
    }

    /** Sends a command and waits for its result. */
    JsonNode call(String method, Map<String, ?> params) {
      int id = ids.incrementAndGet();
      CompletableFuture<JsonNode> reply = new CompletableFuture<>();
      pending.put(id, reply);
      ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
      message.set("params", JSON.valueToTree(params));
      socket.sendText(message.toString(), true).join();
      JsonNode answer = reply.orTimeout(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS).join();
      if (answer.has("error")) {
        throw new AssertionError(method + " failed: " + answer.get("error"));
      }
      return answer.path("result");
    }

    /** Evaluates {@code expression} in the page and returns its value (strings, numbers, booleans, JSON). */
    JsonNode evaluate(String expression) {
      JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
      if (result.has("exceptionDetails")) {
        throw new AssertionError("'" + expression + "' threw: " + result.get("exceptionDetails"));
      }
      return result.path("result").path("value");
    }

    /** The DOM as rendered now, serialized like {@code --dump-dom}. */
    String dom() {
      return evaluate("document.documentElement.outerHTML").asText();
    }

    /**
     * The protocol's events so far (messages without an id, e.g. {@code Network.requestWillBeSent} once
     * {@code Network.enable} was called), oldest first.
     */
    List<JsonNode> events() {
      synchronized (events) {
        return List.copyOf(events);
      }
    }

    private void received(String text) {
      try {
        JsonNode message = JSON.readTree(text);
        if (!message.has("id") && message.has("method")) {
          events.add(message);
        }
        if (message.has("id")) {
          CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
          if (reply != null) {
            reply.complete(message);
          }
        }
      } catch (IOException e) {
        pending.values().forEach(f -> f.completeExceptionally(e));
      }
    }

    @Override
    public void close() {
      try {
        socket.abort();
      } finally {
        stop(process);
        deleteTree(profile);
      }
    }
  }

  /** Joins a message's frames, and hands complete messages to the session. */
  private static final class Replies implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private volatile DevTools session;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String message = partial.toString();
        partial.setLength(0);
        if (session != null) {
          session.received(message);
        }
      }
      webSocket.request(1);
      return null;
    }
  }

  /** Ends a browser this class started, its helper processes first. */
  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return "its last output: " + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover profile in the temp directory is harmless
    }
  }
}
