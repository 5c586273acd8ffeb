package dev.teal.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.store.ItemLayout;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Which stream records call for a reconcile.
 *
 * <p>Planted fault: with {@code MODIFY} always reported (the image comparison removed),
 * {@link #theOperatorsOwnStatusWriteIsIgnored} fails, and so does StreamSourceTest's status-write case.
 */
class StreamRecordsTest {

  private static final Map<String, AttributeValue> SPEC = Map.of("image", AttributeValue.fromS("nginx:1.26"));
  private static final Map<String, AttributeValue> NEW_SPEC = Map.of("image", AttributeValue.fromS("nginx:1.27"));

  private static Map<String, AttributeValue> document(Map<String, AttributeValue> spec, long generation, String phase,
      long statusVersion) {
    Map<String, AttributeValue> item = new HashMap<>(keys("web", ItemLayout.DOCUMENT_SK));
    item.put(ItemLayout.SPEC, AttributeValue.fromM(spec));
    item.put(ItemLayout.GENERATION, AttributeValue.fromN(Long.toString(generation)));
    item.put(ItemLayout.STATUS, AttributeValue.fromM(Map.of("phase", AttributeValue.fromS(phase))));
    item.put(ItemLayout.STATUS_VERSION, AttributeValue.fromN(Long.toString(statusVersion)));
    return item;
  }

  private static Map<String, AttributeValue> keys(String name, String sk) {
    return Map.of(ItemLayout.NAME, AttributeValue.fromS(name), ItemLayout.SK, AttributeValue.fromS(sk));
  }

  private static Record record(OperationType type, Map<String, AttributeValue> keys, Map<String, AttributeValue> before,
      Map<String, AttributeValue> after) {
    StreamRecord.Builder change = StreamRecord.builder().keys(keys);
    if (before != null) {
      change.oldImage(before);
    }
    if (after != null) {
      change.newImage(after);
    }
    return Record.builder().eventName(type).dynamodb(change.build()).build();
  }

  @Test
  void aCreatedOrDeletedDocumentIsReported() {
    var item = document(SPEC, 1, "Pending", 0);
    assertThat(StreamRecords.deploymentToReconcile(record(OperationType.INSERT, keys("web", "deployment"), null, item)))
        .contains("web");
    assertThat(StreamRecords.deploymentToReconcile(record(OperationType.REMOVE, keys("web", "deployment"), item, null)))
        .contains("web");
  }

  @Test
  void aSpecChangeIsReportedWithOrWithoutANewGeneration() {
    var before = document(SPEC, 1, "Promoted", 4);
    assertThat(StreamRecords.deploymentToReconcile(record(OperationType.MODIFY, keys("web", "deployment"), before,
        document(NEW_SPEC, 2, "Promoted", 4)))).contains("web");
    assertThat(StreamRecords.deploymentToReconcile(record(OperationType.MODIFY, keys("web", "deployment"), before,
        document(NEW_SPEC, 1, "Promoted", 4)))).as("a direct write that kept the generation").contains("web");
    assertThat(StreamRecords.deploymentToReconcile(record(OperationType.MODIFY, keys("web", "deployment"), before,
        document(SPEC, 2, "Promoted", 4)))).as("only the generation moved").contains("web");
  }

  @Test
  void theOperatorsOwnStatusWriteIsIgnored() {
    assertThat(StreamRecords.deploymentToReconcile(record(OperationType.MODIFY, keys("web", "deployment"),
        document(SPEC, 1, "Progressing", 4), document(SPEC, 1, "Previewing", 5)))).isEmpty();
  }

  @Test
  void auditRecordsAndTheLeaseAreNotDocuments() {
    assertThat(StreamRecords.deploymentToReconcile(record(OperationType.INSERT,
        keys("web", "audit#2030-01-01T00:00:00.000000000Z#1#1"), null, Map.of()))).isEmpty();
    assertThat(StreamRecords.deploymentToReconcile(record(OperationType.MODIFY, keys(ItemLayout.OPERATOR_PARTITION,
        "lease"), Map.of(), Map.of()))).isEmpty();
  }

  @Test
  void aModifyWithoutBothImagesIsReportedToBeSafe() {
    assertThat(StreamRecords.deploymentToReconcile(record(OperationType.MODIFY, keys("web", "deployment"), null,
        document(SPEC, 1, "Previewing", 5)))).contains("web");
  }
}
