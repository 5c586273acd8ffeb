package dev.teal.operator.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.document.DocumentCodec;
import dev.teal.document.Fixtures;
import dev.teal.document.TealJackson;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.PauseStatus;
import dev.teal.model.Phase;
import dev.teal.model.PromotionStatus;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.model.TrafficStatus;
import dev.teal.operator.Operator;
import dev.teal.operator.lease.LeaseState;
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
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status API of a standby instance (another instance holds the lease, see {@link LeaseHeldElsewhere}),
 * over documents and statuses written through the store, so every value is known: the list and one
 * document, 404 and 405, the page's security headers, and a hostile message rendered in Chromium as text.
 *
 * <p>Planted faults, each seen to fail here: the event message cell filled with {@code innerHTML} instead
 * of {@code textContent} in status.js fails {@link #aHostileMessageOrImageRendersAsTextNotMarkup} (the
 * message is parsed into elements instead of shown); the resource answering an unknown name with an empty
 * 200 fails {@link #anUnknownOrInvalidNameIs404WithAJsonError}; answers written without {@link CallerArns#redact}
 * fail {@link #noAnswerGivesACallersAccountOrNameAway}.
 */
@QuarkusTest
@QuarkusTestResource(value = SandboxTestResource.class, restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = "createTable", value = "true"))
@QuarkusTestResource(value = LeaseHeldElsewhere.class, restrictToAnnotatedClass = true)
class StatusApiTest {

  static final ChangeContext TEST = new ChangeContext("arn:aws:iam::000000000000:user/test", "test");
  static final String HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";

  private static final RevisionStatus BLUE = new RevisionStatus("r-blue", "nginx:1.26", null, null, "tg-blue", null);
  private static final RevisionStatus GREEN = new RevisionStatus("r-green", "nginx:1.27", null, null, "tg-green", null);

  @Inject
  DeploymentStore store;

  @Inject
  Operator operator;

  @Inject
  Clock clock;

  @Inject
  StatusHistory history;

  @TestHTTPResource("/")
  URI root;

  @BeforeEach
  void aStandby() {
    await().atMost(Duration.ofSeconds(20)).until(() -> operator.status().lease().state() == LeaseState.STANDBY);
    assertThat(operator.status().lease().holder()).isEqualTo(LeaseHeldElsewhere.HOLDER);
  }

  @Test
  void listsASummaryOfEveryDocumentWithEveryFieldPresent() throws Exception {
    createWithStatus("api-shifting", promoting("shifting production to nginx:1.27"));
    create("api-fresh");

    String body = given().when().get("/api/deployments").then()
        .statusCode(200)
        .contentType("application/json")
        .header("Cache-Control", "no-store")
        .extract().asString();

    JsonNode list = TealJackson.json().readTree(body);
    assertThat(list.isArray()).isTrue();
    JsonNode shifting = byName(list, "api-shifting");
    assertThat(shifting.get("image").asText()).isEqualTo("nginx:1.27");
    assertThat(shifting.get("desiredPhase").asText()).isEqualTo("preview");
    assertThat(shifting.get("phase").asText()).isEqualTo("Promoting");
    assertThat(shifting.get("message").asText()).isEqualTo("shifting production to nginx:1.27");
    assertThat(shifting.at("/stable/image").asText()).isEqualTo("nginx:1.26");
    assertThat(shifting.at("/preview/image").asText()).isEqualTo("nginx:1.27");
    assertThat(shifting.at("/traffic/production/0/role").asText()).isEqualTo("stable");
    assertThat(shifting.at("/traffic/production/0/percent").asInt()).isEqualTo(75);
    assertThat(shifting.at("/traffic/production/1/image").asText()).isEqualTo("nginx:1.27");
    assertThat(shifting.at("/traffic/production/1/percent").asInt()).isEqualTo(25);
    assertThat(shifting.at("/traffic/test/0/percent").asInt()).isEqualTo(100);
    assertThat(shifting.at("/promotion/step").asInt()).isEqualTo(1);
    assertThat(shifting.at("/conditions/0/type").asText()).isEqualTo("Ready");
    assertThat(shifting.at("/recentEvents/0/reason").asText()).isEqualTo("ProductionTrafficShifted");
    assertThat(shifting.get("generation").asLong()).isEqualTo(1);
    assertThat(shifting.get("observedGeneration").asLong()).isEqualTo(1);
    assertThat(shifting.get("upToDate").asBoolean()).isTrue();
    assertThat(shifting.get("lastReconcile").isNull()).as("this standby reconciled nothing").isTrue();
    assertThat(shifting.get("age").asText()).matches("\\d+s");

    JsonNode fresh = byName(list, "api-fresh");
    assertThat(names(fresh)).as("the same fields, null or empty until the operator reports")
        .containsExactlyElementsOf(names(shifting));
    assertThat(fresh.get("phase").isNull()).isTrue();
    assertThat(fresh.at("/traffic/production").size()).isZero();
  }

  @Test
  void theOverviewHasOneSmallRowPerDocumentSayingWhatTheSummarySays() throws Exception {
    createWithStatus("api-row", promoting("shifting production to nginx:1.27"));

    JsonNode rows = TealJackson.json().readTree(given().when().get("/api/overview").then().statusCode(200)
        .contentType("application/json").header("Cache-Control", "no-store").extract().asString());
    JsonNode row = byName(rows, "api-row");

    assertThat(names(row)).containsExactly("name", "labels", "image", "desiredPhase", "phase", "message", "attention",
        "production", "promotion", "upToDate", "updatedAt", "updatedAge", "updatedBy");
    assertThat(row.get("attention").asText()).isEqualTo("in-flight");
    assertThat(row.at("/production/1/image").asText()).isEqualTo("nginx:1.27");
    assertThat(row.at("/production/1/percent").asInt()).isEqualTo(25);
    assertThat(names(row.at("/production/0"))).containsExactly("role", "image", "percent");
    assertThat(row.at("/promotion/steps").asInt()).isEqualTo(1);
    String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs/status-page.md"));
    for (String field : names(row)) {
      assertThat(docs).as("docs/status-page.md documents the row's " + field).contains("`" + field + "`");
    }
  }

  @Test
  void oneDocumentIsTheCliJsonOfTheDocumentAndItsSummary() throws Exception {
    createWithStatus("api-one", promoting("halfway"));

    String body = given().when().get("/api/deployments/api-one").then()
        .statusCode(200).contentType("application/json").extract().asString();

    JsonNode answer = TealJackson.json().readTree(body);
    StoredDeployment stored = store.get("api-one").orElseThrow();
    ObjectNode printed = (ObjectNode) TealJackson.json().readTree(DocumentCodec.toJson(stored.document()));
    assertThat(printed.at("/metadata/updatedBy").asText()).isEqualTo("arn:aws:iam::000000000000:user/test");
    ((ObjectNode) printed.get("metadata")).put("updatedBy", "arn:aws:iam::…:user/…");
    assertThat(answer.get("document")).as("what teal get api-one -o json prints, the caller's ARN redacted")
        .isEqualTo(printed);
    assertThat(answer.at("/summary/updatedBy").asText()).isEqualTo("arn:aws:iam::…:user/…");
    assertThat(answer.at("/document/spec/strategy").isMissingNode()).as("the spec as written, sparse").isTrue();
    assertThat(answer.at("/document/status/events/0/message").asText()).isEqualTo("step 1: 25% to nginx:1.27");
    assertThat(answer.at("/summary/name").asText()).isEqualTo("api-one");
    assertThat(answer.at("/summary/traffic/production/1/percent").asInt()).isEqualTo(25);
  }

  @Test
  void aDeploymentCarriesItsRecordedTimelineAndItsAuditTrailIsTealHistory() throws Exception {
    createWithStatus("api-timeline", promoting("shifting production to nginx:1.27"));

    JsonNode timeline = TealJackson.json().readTree(given().when().get("/api/deployments/api-timeline").then()
        .statusCode(200).extract().asString()).path("timeline");
    JsonNode attempt = timeline.at("/attempts/0");
    assertThat(attempt.path("kind").asText()).isEqualTo("deploy");
    assertThat(attempt.path("revision").asText()).isEqualTo("r-green");
    assertThat(attempt.path("current").asBoolean()).isTrue();
    // The write's event first, then the transitions it made.
    assertThat(attempt.at("/items/0/kind").asText()).isEqualTo("event");
    assertThat(attempt.at("/items/0/reason").asText()).isEqualTo("ProductionTrafficShifted");
    assertThat(attempt.at("/items/1/type").asText()).isEqualTo("Deployment Started");
    assertThat(attempt.at("/items/2/type").asText()).isEqualTo("Deployment Step");
    assertThat(attempt.at("/items/2/step").asInt()).isEqualTo(1);
    assertThat(attempt.at("/items/2/weight").asInt()).isEqualTo(25);
    var entry = history.entries("api-timeline").get(0);
    assertThat(attempt.at("/items/1/eventId").asText()).isEqualTo(entry.eventId(0));
    assertThat(attempt.at("/traffic/0/production").asInt()).isEqualTo(25);
    assertThat(attempt.at("/traffic/0/test").asInt()).isEqualTo(100);

    JsonNode audit = TealJackson.json().readTree(given().when().get("/api/deployments/api-timeline/history")
        .then().statusCode(200).contentType("application/json").header("Cache-Control", "no-store")
        .extract().asString());
    assertThat(audit.at("/0/actor").asText()).as("the caller's ARN redacted").isEqualTo("arn:aws:iam::…:user/…");
    assertThat(audit.at("/0/command").asText()).isEqualTo("test");
    assertThat(audit.at("/0/changes").size()).isPositive();
    given().when().get("/api/deployments/api-nobody/history").then().statusCode(200).body("size()", equalTo(0));
  }

  /**
   * Who asked is in more than {@code updatedBy}: the audit records, a pause's {@code by}, the messages and
   * events that name the caller. No answer of the API gives an account id or a person's name away.
   */
  @Test
  void noAnswerGivesACallersAccountOrNameAway() throws Exception {
    String caller = "arn:aws:sts::123456789012:assumed-role/ci-deployer/alice@example.com";
    DeploymentStatus paused = promoting("paused by " + caller + " since " + clock.instant());
    paused = new DeploymentStatus(Phase.PAUSED, paused.message(), 1L, null, BLUE, GREEN, null, List.of(),
        paused.traffic(), paused.promotion(), null, null, null, null, null, List.of(), paused.conditions(),
        List.of(new DeploymentEvent(clock.instant(), DeploymentEvent.NORMAL, "Paused", "paused by " + caller)),
        new PauseStatus(PauseStatus.PAUSED, caller, clock.instant(), clock.instant(), 0, 25), List.of());
    createWithStatus("api-callers", paused);

    for (String path : List.of("/api/deployments", "/api/deployments/api-callers", "/api/overview",
        "/api/deployments/api-callers/history")) {
      String body = given().when().get(path).then().statusCode(200).extract().asString();
      assertThat(body).as(path).doesNotContain("123456789012", "alice", ":000000000000:user", "user/test");
    }
    JsonNode one = TealJackson.json().readTree(given().when().get("/api/deployments/api-callers").then()
        .statusCode(200).extract().asString());
    assertThat(one.at("/document/status/paused/by").asText()).isEqualTo("arn:aws:sts::…:assumed-role/ci-deployer/…");
    assertThat(one.at("/summary/message").asText()).startsWith("paused by arn:aws:sts::…:assumed-role/ci-deployer/…"
        + " since ");
  }

  @Test
  void anUnknownOrInvalidNameIs404WithAJsonError() {
    for (String name : List.of("api-nobody", "Not_A_Valid_Name", "x".repeat(300))) {
      given().when().get("/api/deployments/" + name).then()
          .statusCode(404)
          .contentType("application/json")
          .body("error", equalTo("not_found"))
          .body("message", containsString("no deployment named"));
    }
  }

  @Test
  void everyMethodButGetIsRefusedAndChangesNothing() {
    StoredDeployment before = create("api-readonly");

    for (String path : List.of("/api/deployments", "/api/deployments/api-readonly", "/api/overview",
        "/api/deployments/api-readonly/history")) {
      given().body("{}").contentType("application/json").when().post(path).then().statusCode(405);
      given().body("{}").contentType("application/json").when().put(path).then().statusCode(405);
      given().body("{}").contentType("application/json").when().patch(path).then().statusCode(405);
      given().when().delete(path).then().statusCode(405);
      given().when().head(path).then().statusCode(200);
    }
    assertThat(store.get("api-readonly")).hasValueSatisfying(after ->
        assertThat(after.resourceVersion()).isEqualTo(before.resourceVersion()));
  }

  @Test
  void thePageIsServedWithItsOwnScriptUnderAContentSecurityPolicy() {
    given().when().get("/").then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("Content-Security-Policy", containsString("script-src 'self'"))
        .header("Content-Security-Policy", containsString("default-src 'none'"))
        .body(containsString("<script src=\"status.js\" defer></script>"));
    given().when().get("/status.js").then().statusCode(200)
        .header("Content-Security-Policy", containsString("script-src 'self'"))
        .header("X-Content-Type-Options", "nosniff")
        .body(containsString("textContent"));
    given().when().get("/api/deployments").then().statusCode(200)
        .header("Content-Security-Policy", containsString("default-src 'none'"));
    given().when().get("/status.css").then().statusCode(200);
    given().when().get("/deployment.html").then().statusCode(200)
        .header("Content-Security-Policy", containsString("script-src 'self'"))
        .body(containsString("<script src=\"status.js\" defer></script>"));
  }

  /**
   * Document names are checked by the store, but images, messages and events are free text that users,
   * CI and AWS error messages put there: the page must show them as text.
   */
  @Test
  void aHostileMessageOrImageRendersAsTextNotMarkup() {
    DeploymentStatus hostile = new DeploymentStatus(Phase.PREVIEWING, "message " + HOSTILE, 1L, null, BLUE,
        new RevisionStatus("r-evil", "nginx:<b>evil</b>", null, null, "tg-evil", null), null, List.of(),
        new TrafficStatus(List.of(new RouteWeight("r-blue", "nginx:1.26", "tg-blue", 100)),
            List.of(new RouteWeight("r-evil", "nginx:<b>evil</b>", "tg-evil", 100))),
        null, null, null, null, null, null,
        List.of(new Condition("Ready", Condition.FALSE, "<i>Reason</i>", HOSTILE, clock.instant())),
        List.of(new DeploymentEvent(clock.instant(), DeploymentEvent.WARNING, "<i>Reason</i>", HOSTILE)));
    createWithStatus("api-hostile", hostile);

    String overview = Chromium.dumpDom(page());
    String row = PageDom.row(overview, "api-hostile");
    assertThat(row).as("the message, as the status cell's title").contains("title=\"message &lt;script&gt;")
        .doesNotContain("<img", "<b>", "<i>", "<script");
    assertThat(PageDom.count(overview, "<script")).as("only the page's own script").isEqualTo(1);

    String dom = Chromium.dumpDom(URI.create("http://127.0.0.1:" + root.getPort() + "/deployment.html?name=api-hostile"));
    String article = PageDom.article(dom, "api-hostile");
    String escaped = PageDom.escaped(HOSTILE);
    assertThat(article).contains("<td class=\"event-message\">" + escaped + "</td>")
        .contains("<p class=\"message\">message " + escaped + "</p>")
        .contains("nginx:&lt;b&gt;evil&lt;/b&gt;")
        .doesNotContain("<img", "<b>", "<i>");
    assertThat(PageDom.count(dom, "<script")).as("only the page's own script").isEqualTo(1);
    assertThat(dom).contains("<title>teal: api-hostile</title>");
  }

  private URI page() {
    return URI.create("http://127.0.0.1:" + root.getPort() + "/");
  }

  private StoredDeployment create(String name) {
    return store.create(DocumentCodec.read(Fixtures.bytes(Fixtures.minimal(name, "nginx:1.27"))), TEST);
  }

  private void createWithStatus(String name, DeploymentStatus status) {
    StoredDeployment created = create(name);
    store.updateStatus(name, StatusWriteGuard.of(created), status);
  }

  /** Promoting nginx:1.27 over nginx:1.26, at the first of three steps. */
  private DeploymentStatus promoting(String message) {
    return new DeploymentStatus(Phase.PROMOTING, message, 1L, null, BLUE, GREEN, null, List.of(),
        new TrafficStatus(
            List.of(new RouteWeight("r-green", "nginx:1.27", "tg-green", 25),
                new RouteWeight("r-blue", "nginx:1.26", "tg-blue", 75)),
            List.of(new RouteWeight("r-green", "nginx:1.27", "tg-green", 100))),
        new PromotionStatus("r-green", 0, 25, clock.instant()), null, null, null, null, null,
        List.of(new Condition("Ready", Condition.FALSE, "Promoting", "step 1 of 3", clock.instant())),
        List.of(new DeploymentEvent(clock.instant(), DeploymentEvent.NORMAL, "ProductionTrafficShifted",
            "step 1: 25% to nginx:1.27")));
  }

  private static JsonNode byName(JsonNode list, String name) {
    return StreamSupport.stream(list.spliterator(), false).filter(d -> name.equals(d.path("name").asText()))
        .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + list));
  }

  private static List<String> names(JsonNode node) {
    return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList();
  }
}
