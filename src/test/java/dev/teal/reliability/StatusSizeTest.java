package dev.teal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.Condition;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.reconcile.Reasons;
import dev.teal.reconcile.Reconciler;
import dev.teal.reconcile.StatusLimits;
import dev.teal.reconcile.cycle.CycleHarness;
import dev.teal.store.ItemLayout;
import dev.teal.testing.SandboxExtension;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Pathological specs written straight into DynamoDB (DynamoDB Local enforces the 400 KB item limit as
 * AWS does). The operator's status stays small whatever the spec: messages are cut with a marker, the
 * spec's problems are listed once, and a status refused for the item's size becomes a short, clear Failed
 * status instead of an error retried with backoff for ever. Nothing is done in AWS.
 *
 * <p>Planted fault: with {@code StatusDraft.build()} not applying {@link StatusLimits} and the problems
 * joined in full into the message, the conditions and the event (as before), DynamoDB refused the first
 * test's status for its size: only the compact StatusTooLarge status could be written, not the problems,
 * and the test failed on the message.
 */
class StatusSizeTest {

  private static final Map<String, AttributeValue> KEY = Map.of(ItemLayout.NAME, AttributeValue.fromS(CycleHarness.NAME),
      ItemLayout.SK, AttributeValue.fromS(ItemLayout.DOCUMENT_SK));

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  /** 5 000 unknown fields of 60 bytes each: some 300 KB of spec, 5 000 problems. */
  @Test
  void aSpecWithThousandsOfProblemsGetsAShortStatusListingThemOnce() {
    CycleHarness h = adopted();
    int mutating = h.mutatingCalls().size();
    Map<String, AttributeValue> spec = new HashMap<>(spec());
    for (int i = 0; i < 5000; i++) {
      spec.put(String.format("unknownField%05d", i), AttributeValue.fromS("v".repeat(44)));
    }
    putSpec(spec);

    Reconciler.Result result = h.reconcileOnce();
    Reconciler.Result again = h.reconcileOnce();

    assertThat(result.outcome()).isEqualTo(Reconciler.Result.Outcome.REJECTED);
    assertThat(again.outcome()).isEqualTo(Reconciler.Result.Outcome.REJECTED);
    DeploymentStatus status = h.status();
    assertThat(status.phase()).isEqualTo(Phase.FAILED);
    assertThat(status.message()).startsWith("the spec is invalid, so teal does not act on it: spec.unknownField")
        .hasSizeLessThanOrEqualTo(StatusLimits.MAX_MESSAGE_CHARS).contains("characters, cut]");
    Condition ready = status.condition(Reasons.READY);
    assertThat(ready.reason()).isEqualTo(Reasons.INVALID_SPEC);
    assertThat(ready.message()).as("the problems are listed once, in the message")
        .isEqualTo("the spec is invalid (5000 problems, listed in the status message); teal does not act on it");
    assertThat(status.events()).hasSizeLessThanOrEqualTo(StatusLimits.MAX_EVENTS)
        .allSatisfy(e -> assertThat(e.message()).doesNotContain("unknownField"));
    assertThat(statusBytes()).as("the stored status").isLessThan(10_000);
    assertThat(h.mutatingCalls()).as("nothing done in AWS").hasSize(mutating);
    System.out.printf("Status size: a 5000-problem spec of %d KB got a %d-byte status, the problems listed once%n",
        specBytes() / 1024, statusBytes());
  }

  /** A spec that fills the item almost to 400 KB: the Failed status is refused for size, a compact one fits. */
  @Test
  void aStatusRefusedForTheItemsSizeBecomesAClearShortStatusAndIsNotRetried() {
    CycleHarness h = adopted();
    int mutating = h.mutatingCalls().size();
    int room = fillTheItemLeaving(700);

    Reconciler.Result result = h.reconcileOnce();

    assertThat(result.outcome()).isEqualTo(Reconciler.Result.Outcome.REJECTED);
    assertThat(result.requeueAfter()).as("not retried on a timer; a change or the resync looks again").isNull();
    DeploymentStatus status = h.status();
    assertThat(status.phase()).isEqualTo(Phase.FAILED);
    assertThat(status.condition(Reasons.READY).reason()).isEqualTo(Reasons.STATUS_TOO_LARGE);
    assertThat(status.message()).contains("400 KB").contains("shrink the spec");
    assertThat(h.reconcileOnce().outcome()).as("the next reconcile ends the same way, without an error")
        .isEqualTo(Reconciler.Result.Outcome.REJECTED);
    assertThat(h.mutatingCalls()).as("nothing done in AWS").hasSize(mutating);
    System.out.printf("Status size: a %d KB spec leaving %d bytes in the item got the compact %s status%n",
        specBytes() / 1024, room, Reasons.STATUS_TOO_LARGE);
  }

  private CycleHarness adopted() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    return h;
  }

  private Map<String, AttributeValue> item() {
    return sandbox.dynamoDb().getItem(r -> r.tableName(sandbox.tableName()).key(KEY).consistentRead(true)).item();
  }

  private Map<String, AttributeValue> spec() {
    return item().get(ItemLayout.SPEC).m();
  }

  private void putSpec(Map<String, AttributeValue> spec) {
    Map<String, AttributeValue> item = new HashMap<>(item());
    item.put(ItemLayout.SPEC, AttributeValue.fromM(spec));
    sandbox.dynamoDb().putItem(r -> r.tableName(sandbox.tableName()).item(item));
  }

  private int specBytes() {
    return bytes(item().get(ItemLayout.SPEC));
  }

  private int statusBytes() {
    AttributeValue status = item().get(ItemLayout.STATUS);
    return status == null ? 0 : bytes(status);
  }

  /** Roughly as DynamoDB counts: names and values, strings by their UTF-8 length. */
  private static int bytes(AttributeValue value) {
    if (value.s() != null) {
      return value.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    if (value.hasM()) {
      return value.m().entrySet().stream().mapToInt(e -> e.getKey().length() + bytes(e.getValue()) + 1).sum() + 3;
    }
    if (value.hasL()) {
      return value.l().stream().mapToInt(v -> bytes(v) + 1).sum() + 3;
    }
    return value.n() != null ? value.n().length() : 1;
  }

  /**
   * Adds an unknown field to the spec so large that about {@code bytes} are left in the item: the room is
   * measured by asking DynamoDB (the largest extra attribute it takes), so the test does not depend on
   * how item sizes are counted.
   */
  private int fillTheItemLeaving(int bytes) {
    Map<String, AttributeValue> spec = new HashMap<>(spec());
    int filler = 380_000;
    spec.put("filler", AttributeValue.fromS("f".repeat(filler)));
    putSpec(spec);
    // Measured without a status: whatever status the operator writes has this room.
    sandbox.dynamoDb().updateItem(r -> r.tableName(sandbox.tableName()).key(KEY).updateExpression("REMOVE #s")
        .expressionAttributeNames(Map.of("#s", ItemLayout.STATUS)));
    int room = largestExtraAttribute();
    spec.put("filler", AttributeValue.fromS("f".repeat(filler + room - bytes)));
    putSpec(spec);
    return largestExtraAttribute();
  }

  private int largestExtraAttribute() {
    int low = 0;
    int high = 40_000;
    while (low < high) {
      int mid = (low + high + 1) / 2;
      if (fits(mid)) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  private boolean fits(int size) {
    try {
      sandbox.dynamoDb().updateItem(r -> r.tableName(sandbox.tableName()).key(KEY).updateExpression("SET probe = :p")
          .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("p".repeat(Math.max(1, size))))));
      sandbox.dynamoDb().updateItem(r -> r.tableName(sandbox.tableName()).key(KEY).updateExpression("REMOVE probe"));
      return true;
    } catch (DynamoDbException e) {
      if (e.getMessage().contains("exceeded the maximum allowed size")) {
        return false;
      }
      throw e;
    }
  }
}
