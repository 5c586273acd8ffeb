package dev.teal.operator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.model.RouteWeight;
import dev.teal.operator.DaemonDriver;
import dev.teal.operator.Operator;
import dev.teal.operator.web.PageDom.Segment;
import dev.teal.sandbox.DemoIds;
import dev.teal.store.DeploymentStore;
import dev.teal.testing.SandboxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The status pages in a real browser (Debian's headless Chromium) while the operator, started by Quarkus
 * on the sandbox, takes the demo service from nginx:1.26 to nginx:1.27: first the overview's row and the
 * deployment's card as loaded while green is previewed, then the same open overview following a stepped
 * promotion by itself, and its error banner while the API cannot be reached. On the way, the daemon's
 * notifier (wired from {@code teal.notifications.event-bus}) puts each transition on the simulator's
 * EventBridge.
 *
 * <p>Planted faults in status.js, each seen to fail here: a refresh interval of 60 s fails the wait for
 * 50/50 on the open page; {@code location.reload()} in place of the in-place redraw keeps the weights
 * right but loses the page's marker, which fails the no-reload check; a banner that stays hidden on a
 * failed fetch fails the wait for it.
 */
@QuarkusTest
@TestProfile(StatusPageTest.OwnSandbox.class)
@QuarkusTestResource(value = SandboxTestResource.class, restrictToAnnotatedClass = true, initArgs = {
    @ResourceArg(name = "demo", value = "true"), @ResourceArg(name = "createTable", value = "true")})
class StatusPageTest {

  /**
   * Its own application and sandbox: the demo service can carry only one deployment at a time. Its
   * notifications go to the simulator's default event bus, as in dev mode.
   */
  public static class OwnSandbox implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("teal.operator-id", "status-page", "teal.notifications.event-bus", "default");
    }
  }

  /** Real time for the open page to fetch (every 2 s) and redraw; it takes one refresh. */
  private static final Duration PAGE_FOLLOWS = Duration.ofSeconds(10);

  @Inject
  Operator operator;

  @Inject
  DeploymentStore store;

  @TestHTTPResource("/")
  URI root;

  @Test
  void showsTheDeploymentAsTheOperatorMovesItAndFollowsThePromotionWithoutReloading() {
    Chromium.executable(); // before driving the operator, so a machine without it fails at once
    DemoIds demo = SandboxTestResource.demo();
    DaemonDriver driver = new DaemonDriver(store, SandboxTestResource.clock());
    await().atMost(Duration.ofSeconds(20)).until(() -> operator.leadership().canAct()
        && operator.status().firstSyncDone());
    driver.create(DaemonDriver.demoDocument(demo, "nginx:1.27"));
    DeploymentStatus previewing = driver.advanceUntil(operator, s -> s.phase() == Phase.PREVIEWING,
        Duration.ofMinutes(15));

    String overview = Chromium.dumpDom(page());
    String row = PageDom.row(overview, "web");
    assertThat(row).contains("<a href=\"deployment.html?name=web\">web</a>", "<span class=\"label\">demo=true</span>",
        "<code>nginx:1.27</code>", "<td class=\"desired\">preview</td>", "data-phase=\"Previewing\"",
        "data-attention=\"paused\"");
    assertThat(PageDom.segments(row, "production")).containsExactly(new Segment("stable", "nginx:1.26", 100, "100%"));

    String dom = Chromium.dumpDom(deploymentPage());
    String web = PageDom.article(dom, "web");
    assertThat(web).contains("<h2 id=\"deployment-0\">web</h2>",
        "<span class=\"phase tone-busy\" data-phase=\"Previewing\">Previewing</span>",
        "<strong class=\"desired-phase\">preview</strong>", "<code class=\"desired-image\">nginx:1.27</code>",
        "<dd data-field=\"stable\">nginx:1.26</dd>", "<dd data-field=\"preview\">nginx:1.27</dd>",
        "aria-label=\"Production traffic: nginx:1.26 100%");
    assertThat(PageDom.segments(web, "production")).containsExactly(new Segment("stable", "nginx:1.26", 100, "100%"));
    assertThat(PageDom.segments(web, "test")).as("green alone behind the test route")
        .containsExactly(new Segment("preview", "nginx:1.27", 100, "100%"));
    DeploymentEvent newest = previewing.events().get(previewing.events().size() - 1);
    assertThat(web).contains("<td class=\"event-reason\">" + PageDom.escaped(newest.reason()) + "</td>"
        + "<td class=\"event-message\">" + PageDom.escaped(newest.message()) + "</td>");
    assertThat(dom).containsPattern("<p id=\"updated\" aria-live=\"polite\">last updated \\d\\d:\\d\\d:\\d\\d</p>")
        .contains("<div id=\"error\" class=\"error\" role=\"alert\" hidden=\"\"></div>");

    driver.setPhase(DesiredPhase.PROMOTE);
    driver.advanceUntil(operator, s -> greenWeight(s) == 25, Duration.ofMinutes(15));

    try (Chromium.DevTools open = Chromium.open(page())) {
      await().atMost(PAGE_FOLLOWS).untilAsserted(() -> assertThat(production(open.dom())).containsExactly(
          new Segment("stable", "nginx:1.26", 75, "75%"), new Segment("preview", "nginx:1.27", 25, "25%")));
      assertThat(PageDom.row(open.dom(), "web"))
          .contains("data-phase=\"Promoting\"", "<td class=\"step\">1/3 \u00b7 25%</td>");
      open.evaluate("window.tealSamePage = true"); // gone if the page reloads itself

      driver.advanceUntil(operator, s -> greenWeight(s) == 50, Duration.ofMinutes(15));

      await().atMost(PAGE_FOLLOWS).untilAsserted(() -> assertThat(production(open.dom())).containsExactly(
          new Segment("stable", "nginx:1.26", 50, "50%"), new Segment("preview", "nginx:1.27", 50, "50%")));
      assertThat(open.evaluate("window.tealSamePage === true").asBoolean()).as("redrawn in place, not reloaded")
          .isTrue();

      // The daemon's notifier, as the application wires it, put every transition so far on EventBridge.
      await().atMost(PAGE_FOLLOWS).untilAsserted(() -> assertThat(SandboxTestResource.simulator().events().received())
          .extracting(e -> e.detailType()).containsExactly("Deployment Started", "Deployment Waiting For Promotion",
              "Deployment Step", "Deployment Step"));

      open.call("Network.enable", Map.of());
      open.call("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0,
          "downloadThroughput", -1, "uploadThroughput", -1));
      await().atMost(PAGE_FOLLOWS).until(() -> !open.evaluate("document.getElementById('error').hidden").asBoolean());
      assertThat(open.evaluate("document.getElementById('error').textContent").asText())
          .startsWith("Cannot reach the teal API").contains("Showing the state as of");
      assertThat(production(open.dom())).as("the last state stays on screen").hasSize(2);

      open.call("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
          "downloadThroughput", -1, "uploadThroughput", -1));
      await().atMost(PAGE_FOLLOWS).until(() -> open.evaluate("document.getElementById('error').hidden").asBoolean());
    }
  }

  private URI page() {
    return URI.create("http://127.0.0.1:" + root.getPort() + "/");
  }

  private URI deploymentPage() {
    return URI.create("http://127.0.0.1:" + root.getPort() + "/deployment.html?name=web");
  }

  /** The production bar of web's row on the overview. */
  private static List<Segment> production(String dom) {
    return PageDom.segments(PageDom.row(dom, "web"), "production");
  }

  /** Green's share of production as the operator last reported it. */
  private static int greenWeight(DeploymentStatus status) {
    if (status.traffic() == null || status.preview() == null) {
      return -1;
    }
    return status.traffic().production().stream().filter(w -> status.preview().revision().equals(w.revision()))
        .mapToInt(RouteWeight::weight).findFirst().orElse(-1);
  }
}
