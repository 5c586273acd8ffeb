package dev.teal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teal.sandbox.events.ReceivedEvent;
import dev.teal.sandbox.http.CallRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The simulated EventBridge through the real SDK client and on the raw wire: PutEvents's per-entry
 * results, its limits, the silent drop on a missing bus, and what the events list shows. Planted fault
 * seen failing: a PutEvents to a missing bus answered with a per-entry error (what teal's authors first
 * expected, and what EventBridge does not do).
 */
class EventBridgeSimulatorTest {

  static SandboxSimulator simulator;
  static EventBridgeClient events;

  @BeforeAll
  static void start() {
    simulator = SandboxSimulator.start(SimulatorConfig.defaults().clock(new VirtualClock())
        .listenerPorts(new SimulatorConfig.ListenerPorts.Disabled()));
    events = SandboxClients.eventBridge(simulator.endpoint(), simulator.region());
  }

  @AfterAll
  static void stop() {
    events.close();
    simulator.close();
  }

  @Test
  void putEventsAcceptsEachEntryOnItsOwnInOrderAndKeepsWhatARuleWouldSee() {
    events.createEventBus(r -> r.name("teal-ok"));
    PutEventsResponse response = events.putEvents(r -> r.entries(
        entry("teal-ok", "teal", "Deployment Started", "{\"deployment\": \"web\"}"),
        entry("teal-ok", "teal", "Deployment Step", "not json"),
        entry("teal-ok", null, "Deployment Step", "{}"),
        entry("teal-ok", "aws.ecs", "Deployment Step", "{}"),
        entry("arn:aws:events:us-east-1:000000000000:event-bus/teal-ok", "teal", "Deployment Promoted", "{\"a\": 1}")));

    assertThat(response.failedEntryCount()).isEqualTo(3);
    assertThat(response.entries()).extracting(PutEventsResultEntry::errorCode)
        .containsExactly(null, "MalformedDetail", "InvalidArgument", "NotAuthorizedForSourceException", null);
    assertThat(response.entries().get(0).eventId()).isNotBlank();
    List<ReceivedEvent> received = onBus("teal-ok");
    assertThat(received).extracting(ReceivedEvent::detailType).containsExactly("Deployment Started",
        "Deployment Promoted");
    ReceivedEvent started = received.get(0);
    assertThat(started.id()).isEqualTo(response.entries().get(0).eventId());
    assertThat(started.envelope().path("time").asText()).isEqualTo("2030-01-01T00:00:12Z");
    assertThat(started.envelope().path("account").asText()).isEqualTo(simulator.accountId());
    assertThat(started.detail().path("deployment").asText()).isEqualTo("web");
    assertThat(simulator.calls().records("events:PutEvents")).singleElement().satisfies(c ->
        assertThat(c.outcome()).isEqualTo(CallRecord.Outcome.OK));
  }

  @Test
  void aBusThatDoesNotExistStillAnswersWithAnEventIdAndDropsTheEvent() {
    PutEventsResponse response = events.putEvents(r -> r.entries(entry("no-such-bus", "teal", "Deployment Started",
        "{}")));

    assertThat(response.failedEntryCount()).isZero();
    assertThat(response.entries().get(0).eventId()).isNotBlank();
    assertThat(simulator.events().received()).filteredOn(e -> e.bus().equals("no-such-bus"))
        .singleElement().satisfies(e -> assertThat(e.delivered()).isFalse());
  }

  @Test
  void moreThanTenEntriesOrNoneAreRefusedWhole() {
    List<PutEventsRequestEntry> eleven = IntStream.range(0, 11)
        .mapToObj(i -> entry("default", "teal", "Deployment Step", "{}")).toList();
    assertThatThrownBy(() -> events.putEvents(r -> r.entries(eleven))).isInstanceOf(EventBridgeException.class)
        .satisfies(e -> assertThat(((EventBridgeException) e).awsErrorDetails().errorCode())
            .isEqualTo("ValidationException"));
    assertThatThrownBy(() -> events.putEvents(r -> r.entries(Collections.emptyList())))
        .isInstanceOf(EventBridgeException.class);
    String big = "{\"x\": \"" + "a".repeat(200 * 1024) + "\"}";
    assertThatThrownBy(() -> events.putEvents(r -> r.entries(entry("default", "teal", "A", big),
        entry("default", "teal", "B", big)))).isInstanceOf(EventBridgeException.class)
        .hasMessageContaining("over the limit");
  }

  @Test
  void onTheWireItIsJson11WithTheAwsEventsTargetAndTheListIsAtSimEvents() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(simulator.endpoint().resolve("/"))
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", "AWSEvents.PutEvents")
        .POST(HttpRequest.BodyPublishers.ofString("{\"Entries\": [{\"Source\": \"teal\", \"DetailType\": \"Wire\","
            + " \"Detail\": \"{\\\"via\\\": \\\"curl\\\"}\", \"Time\": 1893456000}]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
    assertThat(new ObjectMapper().readTree(put.body()).path("FailedEntryCount").asInt()).isZero();

    HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(simulator.endpoint() + "/_sim/events?bus=default"))
        .build(), HttpResponse.BodyHandlers.ofString());
    JsonNode wire = null;
    for (JsonNode event : new ObjectMapper().readTree(list.body()).path("events")) {
      if (event.path("detail-type").asText().equals("Wire")) {
        wire = event;
      }
    }
    assertThat(wire).isNotNull();
    assertThat(wire.path("detail").path("via").asText()).isEqualTo("curl");
    assertThat(wire.path("time").asText()).isEqualTo(Instant.ofEpochSecond(1893456000).toString());
    assertThat(wire.path("eventBusName").asText()).isEqualTo("default");
    assertThat(wire.path("delivered").asBoolean()).isTrue();
  }

  private static List<ReceivedEvent> onBus(String bus) {
    return simulator.events().received().stream().filter(e -> e.bus().equals(bus)).toList();
  }

  private static PutEventsRequestEntry entry(String bus, String source, String detailType, String detail) {
    return PutEventsRequestEntry.builder().eventBusName(bus).source(source).detailType(detailType).detail(detail)
        .time(Instant.parse("2030-01-01T00:00:12.345Z")).build();
  }
}
