package dev.teal.operator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teal.document.DocumentCodec;
import dev.teal.document.Fixtures;
import dev.teal.history.HistoryEntry;
import dev.teal.history.NotificationType;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.model.PromotionStatus;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.model.TrafficStatus;
import dev.teal.operator.Operator;
import dev.teal.operator.lease.LeaseState;
import dev.teal.operator.web.FleetSeed.Seeded;
import dev.teal.sandbox.VirtualClock;
import dev.teal.store.ChangeContext;
import dev.teal.store.DeploymentStore;
import dev.teal.store.StatusHistory;
import dev.teal.store.StatusWriteGuard;
import dev.teal.store.StoredDeployment;
import dev.teal.testing.SandboxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The overview with 1 000 deployments in a real browser (Debian's headless Chromium), on a standby so
 * the documents stay as seeded: it renders every row, what needs attention first, with one API call per
 * refresh and only changed rows rebuilt; it filters by name, label and status with the filter in the URL;
 * and it opens a deployment whose timeline and chart match the transitions the store recorded for it.
 *
 * <p>Timings are measured in the page (window.tealPerf, see status.js) and printed, and written to
 * target/page-timings.md for docs/benchmarks.md; they are reported, not asserted, since they depend on the
 * machine. What is asserted is the work done: one request per refresh, no per-row requests, a refresh that
 * changed one deployment rebuilds one row and an unchanged one none.
 *
 * <p>Planted faults, each seen to fail here: status.js fetching each deployment's detail when it builds
 * its row (the one-call check, which counts the browser's requests through the DevTools protocol);
 * redrawing every row on every changed answer (the one-row check); the overview sorted by name only (the
 * attention order); a filter not written back to the URL (the reload check); the chart drawing the
 * production dots from the test weights (the chart check).
 */
@QuarkusTest
@QuarkusTestResource(value = SandboxTestResource.class, restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = "createTable", value = "true"))
@QuarkusTestResource(value = LeaseHeldElsewhere.class, restrictToAnnotatedClass = true)
class FleetPageTest {

  static final int FLEET = 1000;
  static final String OPENED = FleetSeed.name(FLEET - 1);
  static final List<String> ATTENTION = List.of("failed", "degraded", "paused", "in-flight", "settled");
  static final ChangeContext ALICE = new ChangeContext("arn:aws:iam::000000000000:user/alice", "teal promote");

  /** Real time for the page to fetch (every 2 s) and redraw. */
  private static final Duration PAGE_FOLLOWS = Duration.ofSeconds(20);

  private static final RevisionStatus BLUE = new RevisionStatus("r-blue", "nginx:1.26", null, null, "tg-b", null);
  private static final RevisionStatus GREEN = new RevisionStatus("r-green", "nginx:1.27", null, null, "tg-g", null);

  @Inject
  DeploymentStore store;

  @Inject
  StatusHistory history;

  @Inject
  DynamoDbClient dynamoDb;

  @Inject
  Operator operator;

  @TestHTTPResource("/")
  URI root;

  @Test
  void rendersAThousandDeploymentsFiltersThemAndOpensOneWithItsTimelineAndChart() throws IOException {
    Chromium.executable();
    await().atMost(Duration.ofSeconds(20)).until(() -> operator.status().lease().state() == LeaseState.STANDBY);
    VirtualClock clock = SandboxTestResource.clock();
    List<Seeded> fleet = new ArrayList<>(FleetSeed.write(dynamoDb, SandboxTestResource.table(), FLEET - 1,
        clock.instant()));
    fleet.add(new Seeded(OPENED, Phase.PROMOTED, Map.of(), GREEN.image()));
    List<HistoryEntry> recorded = aWholeCycleThroughTheStore(clock);

    Map<String, Double> timings = new java.util.LinkedHashMap<>();
    try (Chromium.DevTools page = Chromium.open(url("/"))) {
      await().atMost(PAGE_FOLLOWS).until(() -> rendered(page));
      timings.put("first render (navigation start to 1000 rows laid out)", number(page,
          "window.tealPerf.firstRender"));
      timings.put("first answer: fetch (GET /api/overview, 1000 documents)", number(page,
          "window.tealPerf.refreshes[0].fetchMs"));
      timings.put("first answer: JSON.parse", number(page, "window.tealPerf.refreshes[0].parseMs"));
      timings.put("first answer: build and lay out 1000 rows", number(page, "window.tealPerf.refreshes[0].renderMs"));
      assertThat(number(page, "document.querySelectorAll('#rows tr').length")).isEqualTo(FLEET);

      // What needs attention first, then by name.
      List<String> order = strings(page.evaluate(
          "[...document.querySelectorAll('#rows tr')].map(tr => tr.dataset.attention + ' ' + tr.dataset.name)"));
      assertThat(order).isSortedAccordingTo(Comparator.comparing((String row) ->
          ATTENTION.indexOf(row.substring(0, row.indexOf(' ')))).thenComparing(row -> row.substring(row.indexOf(' '))));
      assertThat(order.get(0)).isEqualTo("failed " + FleetSeed.name(0));
      assertThat(order.get(order.size() - 1)).startsWith("settled ");

      // Unchanged answers rebuild nothing; one changed deployment rebuilds its row only. From here on the
      // browser's requests are watched: one per refresh, never one per row.
      page.call("Network.enable", Map.of());
      int watchedFrom = (int) number(page, "window.tealPerf.refreshes.length");
      await().atMost(PAGE_FOLLOWS).until(() -> number(page, "window.tealPerf.refreshes.length") >= 3);
      assertThat(number(page, "window.tealPerf.refreshes.slice(1).filter(r => r.changed > 0).length")).isZero();
      timings.put("refresh, nothing changed (fetch and compare)", number(page,
          "window.tealPerf.refreshes[window.tealPerf.refreshes.length - 1].totalMs"));
      int before = (int) number(page, "window.tealPerf.refreshes.length");
      String moved = FleetSeed.name(3); // promoting at 25%
      StoredDeployment promoting = store.get(moved).orElseThrow();
      store.updateStatus(moved, StatusWriteGuard.of(promoting), withStep(promoting.status(), 1, 50));
      await().atMost(PAGE_FOLLOWS).until(() -> number(page,
          "window.tealPerf.refreshes.slice(" + before + ").filter(r => r.changed > 0).length") > 0);
      JsonNode changed = page.evaluate("JSON.stringify(window.tealPerf.refreshes.slice(" + before
          + ").find(r => r.changed > 0))");
      JsonNode refresh = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(changed.asText());
      assertThat(refresh.path("changed").asInt()).as("rows rebuilt").isEqualTo(1);
      timings.put("refresh, one deployment changed: total", refresh.path("totalMs").asDouble());
      timings.put("refresh, one deployment changed: fetch", refresh.path("fetchMs").asDouble());
      timings.put("refresh, one deployment changed: parse, compare and redraw the row",
          refresh.path("parseMs").asDouble() + refresh.path("renderMs").asDouble());
      assertThat(PageDom.row(page.dom(), moved)).contains("<td class=\"step\">2/3 \u00b7 50%</td>");

      // One request per refresh, never one per row.
      int refreshes = (int) number(page, "window.tealPerf.refreshes.length") - watchedFrom;
      List<String> requests = page.events().stream()
          .filter(e -> e.path("method").asText().equals("Network.requestWillBeSent"))
          .map(e -> URI.create(e.at("/params/request/url").asText()).getPath())
          .filter(path -> path.startsWith("/api/")).toList();
      assertThat(requests).containsOnly("/api/overview");
      // One refresh may have been in flight when the watch began, one may be in flight now.
      assertThat(requests.size()).as("requests while " + refreshes + " refreshes ended").isBetween(refreshes - 1,
          refreshes + 1);

      // Filters: by name, then by label and status, each written to the URL.
      timings.put("filter by name (1000 rows)", number(page, "(() => { const i = document.getElementById("
          + "'filter-name'); const t = performance.now(); i.value = 'fleet-004'; i.dispatchEvent(new Event('input'));"
          + " return performance.now() - t; })()"));
      assertThat(visible(page)).containsExactlyElementsOf(fleet.stream().map(Seeded::name)
          .filter(n -> n.contains("fleet-004")).sorted().toList());
      assertThat(page.evaluate("location.search").asText()).isEqualTo("?name=fleet-004");
      page.evaluate("(() => { const n = document.getElementById('filter-name'); n.value = '';"
          + " n.dispatchEvent(new Event('input')); const l = document.getElementById('filter-label');"
          + " l.value = 'team=search'; l.dispatchEvent(new Event('input'));"
          + " const s = document.getElementById('filter-status'); s.value = 'Degraded';"
          + " s.dispatchEvent(new Event('input')); return true; })()");
      List<String> degradedSearch = fleet.stream().filter(s -> s.phase() == Phase.DEGRADED
          && "search".equals(s.labels().get("team"))).map(Seeded::name).sorted().toList();
      assertThat(degradedSearch).isNotEmpty();
      assertThat(visible(page)).containsExactlyElementsOf(degradedSearch);
      String query = page.evaluate("location.search").asText();
      assertThat(query).isEqualTo("?label=team%3Dsearch&status=Degraded");

      // The filter is in the URL: loaded afresh, the page applies it.
      page.call("Page.navigate", Map.of("url", url("/" + query).toString()));
      await().atMost(PAGE_FOLLOWS).until(() -> rendered(page)
          && number(page, "document.querySelectorAll('#rows tr').length") == FLEET);
      assertThat(page.evaluate("document.getElementById('filter-label').value").asText()).isEqualTo("team=search");
      assertThat(visible(page)).containsExactlyElementsOf(degradedSearch);

      // Open a deployment from the overview.
      page.evaluate("(() => { const s = document.getElementById('filter-status'); s.value = '';"
          + " s.dispatchEvent(new Event('input')); const l = document.getElementById('filter-label'); l.value = '';"
          + " l.dispatchEvent(new Event('input')); document.querySelector('tr[data-name=\"" + OPENED
          + "\"] a').click(); return true; })()");
      await().atMost(PAGE_FOLLOWS).until(() -> number(page, "document.querySelectorAll('section.attempt').length")
          >= 2);
      assertThat(page.evaluate("location.pathname + location.search").asText())
          .isEqualTo("/deployment.html?name=" + OPENED);
      timings.put("deployment page: first render", number(page, "window.tealPerf.firstRender"));
      checkTimelineAndChart(page, recorded);
      assertThat(PageDom.article(page.dom(), OPENED)).contains("data-phase=\"Promoted\"",
          "<dd data-field=\"stable\">nginx:1.27</dd>");
      assertThat(page.evaluate("[...document.querySelectorAll('.api-links a')].map(a => a.getAttribute('href'))"
          + ".join(' ')").asText()).isEqualTo("api/deployments/" + OPENED + " api/deployments/" + OPENED + "/history");
    }
    report(timings);
  }

  /**
   * The current attempt's timeline lists exactly the recorded transitions (by event id, as the sinks got
   * them), and its chart has one point per recorded entry with the green revision's share of each route.
   */
  private void checkTimelineAndChart(Chromium.DevTools page, List<HistoryEntry> recorded) {
    List<HistoryEntry> attempt = recorded.subList(1, recorded.size()); // the first entry is the adoption
    List<String> types = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    attempt.forEach(e -> {
      for (int i = 0; i < e.notifications().size(); i++) {
        types.add(e.notifications().get(i).type().detailType());
        ids.add(e.eventId(i));
      }
    });
    assertThat(types).containsExactly(NotificationType.STARTED.detailType(),
        NotificationType.WAITING_FOR_PROMOTION.detailType(), NotificationType.STEP.detailType(),
        NotificationType.STEP.detailType(), NotificationType.STEP.detailType(), NotificationType.PROMOTED.detailType());
    String current = "section.attempt.current ";
    assertThat(strings(page.evaluate("[...document.querySelectorAll('" + current + "li.transition')]"
        + ".map(li => li.dataset.type)"))).containsExactlyElementsOf(types);
    assertThat(strings(page.evaluate("[...document.querySelectorAll('" + current + "li.transition')]"
        + ".map(li => li.dataset.eventId)"))).containsExactlyElementsOf(ids);
    assertThat(strings(page.evaluate("[...document.querySelectorAll('" + current + "li.event')]"
        + ".map(li => li.dataset.reason)"))).containsExactlyElementsOf(attempt.stream()
        .flatMap(e -> e.events().stream()).map(DeploymentEvent::reason).toList());

    List<String> expectedProduction = attempt.stream().map(e -> e.statusVersion() + "@" + e.at() + "="
        + DeploymentTimeline.share(e.production(), GREEN.revision())).toList();
    List<String> expectedTest = attempt.stream().map(e -> e.statusVersion() + "@" + e.at() + "="
        + DeploymentTimeline.share(e.test(), GREEN.revision())).toList();
    assertThat(strings(page.evaluate(points(current, "production")))).containsExactlyElementsOf(expectedProduction);
    assertThat(strings(page.evaluate(points(current, "test")))).containsExactlyElementsOf(expectedTest);
    assertThat(expectedProduction).extracting(p -> p.substring(p.indexOf('=') + 1))
        .containsExactly("0", "0", "25", "50", "100", "100");
    assertThat(expectedTest).extracting(p -> p.substring(p.indexOf('=') + 1))
        .containsExactly("0", "100", "100", "100", "100", "100");
    assertThat(page.evaluate("document.querySelector('" + current + "polyline.production') !== null").asBoolean())
        .isTrue();
  }

  private static String points(String attempt, String route) {
    return "[...document.querySelectorAll('" + attempt + "circle.point." + route + "')]"
        + ".map(c => c.dataset.version + '@' + c.dataset.at + '=' + c.dataset.percent)";
  }

  /**
   * Creates the opened deployment through the store and walks its status through adoption, a preview and a
   * three-step promotion, a write at a time as the operator would (the clock moving between them), so the
   * store records its history exactly as it does in the daemon.
   */
  private List<HistoryEntry> aWholeCycleThroughTheStore(VirtualClock clock) {
    BlueGreenDeployment read = DocumentCodec.read(Fixtures.bytes(Fixtures.minimal(OPENED, GREEN.image())));
    store.create(read.withSpec(read.spec().withStrategy(new dev.teal.model.StrategySpec(null,
        dev.teal.model.PromotionSpec.of(List.of(25, 50, 100), null), null, null, null, null))), ALICE);
    DeploymentStatus adopted = status(Phase.PROMOTED, BLUE, null, List.of(weight(BLUE, 100)), List.of(weight(BLUE, 100)),
        null, List.of(event("Adopted")));
    write(adopted);
    clock.advance(Duration.ofSeconds(30));
    DeploymentStatus progressing = status(Phase.PROGRESSING, BLUE, GREEN, List.of(weight(BLUE, 100)),
        List.of(weight(BLUE, 100), weight(GREEN, 0)), null, append(adopted, event("Deploying")));
    write(progressing);
    clock.advance(Duration.ofSeconds(60));
    DeploymentStatus previewing = status(Phase.PREVIEWING, BLUE, GREEN, List.of(weight(BLUE, 100)),
        List.of(weight(GREEN, 100), weight(BLUE, 0)), null, append(progressing, event("GreenReady")));
    write(previewing);
    StoredDeployment current = store.get(OPENED).orElseThrow();
    store.updateSpec(OPENED, current.resourceVersion(), current.spec().withPhase(DesiredPhase.PROMOTE), null, ALICE);
    DeploymentStatus last = previewing;
    int[] weights = {25, 50, 100};
    for (int step = 0; step < weights.length; step++) {
      clock.advance(Duration.ofSeconds(60));
      int green = weights[step];
      List<RouteWeight> production = green == 100 ? List.of(weight(GREEN, 100))
          : List.of(weight(BLUE, 100 - green), weight(GREEN, green));
      last = status(Phase.PROMOTING, BLUE, GREEN, production, last.traffic().test(),
          new PromotionStatus(GREEN.revision(), step, green, clock.instant()),
          append(last, event("ProductionTrafficShifted")));
      write(last);
    }
    write(status(Phase.PROMOTED, GREEN, null, List.of(weight(GREEN, 100)), last.traffic().test(), null,
        append(last, event("Promoted"))));
    List<HistoryEntry> entries = history.entries(OPENED);
    assertThat(entries).hasSize(7);
    return entries;
  }

  private void write(DeploymentStatus status) {
    StoredDeployment current = store.get(OPENED).orElseThrow();
    store.updateStatus(OPENED, StatusWriteGuard.of(current), status);
  }

  private DeploymentEvent event(String reason) {
    return new DeploymentEvent(SandboxTestResource.clock().instant(), DeploymentEvent.NORMAL, reason, reason + " now");
  }

  private static List<DeploymentEvent> append(DeploymentStatus status, DeploymentEvent event) {
    List<DeploymentEvent> events = new ArrayList<>(status.events());
    events.add(event);
    return events;
  }

  private static DeploymentStatus status(Phase phase, RevisionStatus stable, RevisionStatus preview,
      List<RouteWeight> production, List<RouteWeight> test, PromotionStatus promotion, List<DeploymentEvent> events) {
    return new DeploymentStatus(phase, phase.wireName(), 1L, null, stable, preview, null, List.of(),
        new TrafficStatus(production, test), promotion, null, null, null, null, null, List.of(), events);
  }

  private static DeploymentStatus withStep(DeploymentStatus s, int step, int weight) {
    List<RouteWeight> production = s.traffic().production().stream()
        .map(w -> new RouteWeight(w.revision(), w.image(), w.targetGroup(), "r-green".equals(w.revision()) ? weight
            : 100 - weight)).toList();
    return new DeploymentStatus(s.phase(), s.message(), s.observedGeneration(), s.observedSpecHash(), s.stable(),
        s.preview(), s.previous(), s.retired(), new TrafficStatus(production, s.traffic().test()),
        new PromotionStatus("r-green", step, weight, s.promotion().stepStartedAt()), s.analysis(),
        s.progressStartedAt(), s.previewReadyAt(), s.promotedAt(), s.aborted(), s.conditions(), s.events());
  }

  private static RouteWeight weight(RevisionStatus revision, int weight) {
    return new RouteWeight(revision.revision(), revision.image(), revision.targetGroup(), weight);
  }

  private static List<String> visible(Chromium.DevTools page) {
    return strings(page.evaluate("[...document.querySelectorAll('#rows tr')].filter(tr => !tr.hidden)"
        + ".map(tr => tr.dataset.name).sort()"));
  }

  /** Whether the page (the one loaded now, not the blank one before it) has drawn its first answer. */
  private static boolean rendered(Chromium.DevTools page) {
    return page.evaluate("!!(window.tealPerf && window.tealPerf.firstRender !== null)").asBoolean();
  }

  private static double number(Chromium.DevTools page, String expression) {
    return page.evaluate(expression).asDouble();
  }

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + root.getPort() + path);
  }

  /** Prints the timings and writes them as a Markdown table for docs/benchmarks.md. */
  private static void report(Map<String, Double> timings) throws IOException {
    StringBuilder table = new StringBuilder("| " + FLEET + " deployments | ms |\n| --- | --- |\n");
    timings.forEach((what, ms) -> table.append("| ").append(what).append(" | ")
        .append(String.format(Locale.ROOT, "%.0f", ms)).append(" |\n"));
    System.out.println("status page timings:\n" + table);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/page-timings.md"), table.toString());
  }
}
