package dev.teal.operator.web;

import dev.teal.document.DocumentCodec;
import dev.teal.document.Fixtures;
import dev.teal.document.TealJackson;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import dev.teal.model.PromotionSpec;
import dev.teal.model.PromotionStatus;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.model.StrategySpec;
import dev.teal.model.TrafficStatus;
import dev.teal.store.AttributeTrees;
import dev.teal.store.ItemLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A fleet of documents written straight into the table, as docs/document-store.md lays them out, with
 * statuses the operator could have written: a few Failed and Degraded, some previewing, promoting or not
 * reconciled yet, most Promoted; labels {@code team} and {@code tier}. BatchWriteItem, 25 at a time: a
 * thousand documents take a second, where creating them through whole cycles would take the suite's budget.
 */
final class FleetSeed {

  static final String[] TEAMS = {"payments", "search", "checkout", "identity"};

  /** What was written for one deployment. */
  record Seeded(String name, Phase phase, Map<String, String> labels, String image) {}

  private FleetSeed() {}

  static String name(int i) {
    return String.format("fleet-%04d", i);
  }

  static Map<String, String> labels(int i) {
    return Map.of("team", TEAMS[i % TEAMS.length], "tier", i % 3 == 0 ? "critical" : "standard");
  }

  /** The phase deployment {@code i} is seeded in (null: never reconciled). */
  static Phase phase(int i) {
    if (i % 50 == 0) {
      return Phase.FAILED;
    }
    if (i % 50 == 1) {
      return Phase.DEGRADED;
    }
    if (i % 100 == 5) {
      return null;
    }
    return switch (i % 20) {
      case 2 -> Phase.PREVIEWING;
      case 3 -> Phase.PROMOTING;
      case 4 -> Phase.PROGRESSING;
      default -> Phase.PROMOTED;
    };
  }

  static List<Seeded> write(DynamoDbClient dynamoDb, String table, int count, Instant now) {
    List<Seeded> seeded = new ArrayList<>();
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String image = "nginx:1." + (20 + i % 10);
      Seeded one = new Seeded(name(i), phase(i), labels(i), image);
      seeded.add(one);
      batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(one, now)).build()).build());
      if (batch.size() == 25 || i == count - 1) {
        flush(dynamoDb, table, batch);
        batch = new ArrayList<>();
      }
    }
    return seeded;
  }

  private static void flush(DynamoDbClient dynamoDb, String table, List<WriteRequest> batch) {
    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
    while (!pending.isEmpty()) {
      Map<String, List<WriteRequest>> request = pending;
      BatchWriteItemResponse response = dynamoDb.batchWriteItem(r -> r.requestItems(request));
      pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
    }
  }

  private static Map<String, AttributeValue> item(Seeded one, Instant now) {
    BlueGreenDeployment read = DocumentCodec.read(Fixtures.bytes(Fixtures.minimal(one.name(), one.image())));
    DeploymentSpec spec = read.spec().withStrategy(new StrategySpec(null,
        PromotionSpec.of(List.of(25, 50, 100), null), null, null, null, null));
    Instant created = now.minusSeconds(3600);
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(ItemLayout.NAME, AttributeValue.fromS(one.name()));
    item.put(ItemLayout.SK, AttributeValue.fromS(ItemLayout.DOCUMENT_SK));
    item.put(ItemLayout.API_VERSION, AttributeValue.fromS(BlueGreenDeployment.API_VERSION));
    item.put(ItemLayout.KIND, AttributeValue.fromS(BlueGreenDeployment.KIND));
    Map<String, AttributeValue> labels = new HashMap<>();
    one.labels().forEach((k, v) -> labels.put(k, AttributeValue.fromS(v)));
    item.put(ItemLayout.LABELS, AttributeValue.fromM(labels));
    item.put(ItemLayout.SPEC, AttributeTrees.toAttribute(DocumentCodec.toTree(spec)));
    item.put(ItemLayout.GENERATION, AttributeValue.fromN("1"));
    item.put(ItemLayout.RESOURCE_VERSION, AttributeValue.fromN("1"));
    item.put(ItemLayout.STATUS_VERSION, AttributeValue.fromN(one.phase() == null ? "0" : "7"));
    item.put(ItemLayout.CREATED_AT, AttributeValue.fromS(created.toString()));
    item.put(ItemLayout.UPDATED_AT, AttributeValue.fromS(created.plusSeconds(600).toString()));
    item.put(ItemLayout.UPDATED_BY, AttributeValue.fromS("arn:aws:iam::000000000000:user/ci-" + one.labels().get("team")));
    if (one.phase() != null) {
      item.put(ItemLayout.STATUS, AttributeTrees.toAttribute(TealJackson.json().valueToTree(status(one, now))));
    }
    return item;
  }

  private static DeploymentStatus status(Seeded one, Instant now) {
    RevisionStatus blue = new RevisionStatus("r-blue", "nginx:1.19", null, null, "tg-blue-" + one.name(), null);
    RevisionStatus green = new RevisionStatus("r-green", one.image(), null, null, "tg-green-" + one.name(), null);
    boolean promoted = one.phase() == Phase.PROMOTED;
    RevisionStatus stable = promoted ? green : blue;
    List<RouteWeight> production = switch (one.phase()) {
      case PROMOTING -> List.of(new RouteWeight("r-blue", blue.image(), blue.targetGroup(), 75),
          new RouteWeight("r-green", green.image(), green.targetGroup(), 25));
      default -> List.of(new RouteWeight(stable.revision(), stable.image(), stable.targetGroup(), 100));
    };
    List<RouteWeight> test = List.of(new RouteWeight(
        promoted ? stable.revision() : green.revision(), promoted ? stable.image() : green.image(),
        promoted ? stable.targetGroup() : green.targetGroup(), 100));
    List<DeploymentEvent> events = new ArrayList<>();
    for (int e = 0; e < 5; e++) {
      events.add(new DeploymentEvent(now.minusSeconds(60L * (5 - e)), DeploymentEvent.NORMAL, "Seeded",
          "event " + e + " of " + one.name()));
    }
    boolean failing = one.phase().isFailure();
    return new DeploymentStatus(one.phase(), one.phase().wireName() + " " + one.name(), 1L, null, stable,
        promoted || failing ? null : green, null, List.of(), new TrafficStatus(production, test),
        one.phase() == Phase.PROMOTING ? new PromotionStatus("r-green", 0, 25, now) : null, null, null, null, null,
        null, List.of(new Condition("Ready", promoted ? Condition.TRUE : Condition.FALSE,
            failing ? "Broken" : "Progressing", "seeded", now)), events);
  }
}
