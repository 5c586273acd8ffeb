package dev.teal.operator.events;

import dev.teal.store.ItemLayout;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Which stream records mean a deployment needs a reconcile: a document created or deleted, or one whose
 * spec (or generation) changed. The operator's own status writes change neither, so they are ignored;
 * that keeps a steady state quiet instead of every status write triggering another reconcile.
 */
public final class StreamRecords {

  private StreamRecords() {}

  /** The deployment to reconcile because of {@code record}, if any. */
  public static Optional<String> deploymentToReconcile(Record record) {
    StreamRecord change = record.dynamodb();
    if (change == null || !change.hasKeys()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> keys = change.keys();
    if (!ItemLayout.DOCUMENT_SK.equals(stringOf(keys.get(ItemLayout.SK)))) {
      return Optional.empty(); // audit records and the operator's lease
    }
    String name = stringOf(keys.get(ItemLayout.NAME));
    if (name == null) {
      return Optional.empty();
    }
    return switch (record.eventName()) {
      case INSERT, REMOVE -> Optional.of(name);
      case MODIFY -> specChanged(change) ? Optional.of(name) : Optional.empty();
      default -> Optional.of(name); // an event type this SDK does not know: reconciling is the safe answer
    };
  }

  private static boolean specChanged(StreamRecord change) {
    if (!change.hasOldImage() || !change.hasNewImage()) {
      return true; // a stream without both images cannot tell; reconcile to be safe
    }
    Map<String, AttributeValue> before = change.oldImage();
    Map<String, AttributeValue> after = change.newImage();
    return !Objects.equals(before.get(ItemLayout.SPEC), after.get(ItemLayout.SPEC))
        || !Objects.equals(before.get(ItemLayout.GENERATION), after.get(ItemLayout.GENERATION));
  }

  private static String stringOf(AttributeValue value) {
    return value == null ? null : value.s();
  }
}
