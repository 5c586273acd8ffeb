package dev.teal.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teal.document.DocumentCodec;
import dev.teal.document.DocumentValidator;
import dev.teal.document.InvalidDocumentException;
import dev.teal.document.SpecHash;
import dev.teal.document.Violation;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A document item read back as a {@link StoredDeployment}, and a spec written as an attribute. Reading
 * never throws on what a direct writer left behind: problems with the spec travel with it as violations.
 */
final class DocumentItems {

  private DocumentItems() {}

  static StoredDeployment decode(DeploymentItem item) {
    JsonNode specTree = specTree(item.spec);
    DocumentCodec.Decoded<DeploymentSpec> decoded = DocumentCodec.decodeSpec(specTree);
    List<Violation> problems = new ArrayList<>(decoded.violations());
    if (decoded.clean()) {
      problems.addAll(DocumentValidator.validateSpec(decoded.value()));
    }
    String hash = decoded.clean() ? SpecHash.of(decoded.value()) : SpecHash.ofRaw(specTree);
    Map<String, String> labels = item.labels == null || item.labels.isEmpty() ? null : item.labels;
    ObjectMeta metadata = new ObjectMeta(item.name, labels, longOf(item.generation), longOf(item.resourceVersion),
        item.createdAt, item.updatedAt, item.updatedBy);
    BlueGreenDeployment document = new BlueGreenDeployment(
        item.apiVersion == null ? BlueGreenDeployment.API_VERSION : item.apiVersion,
        item.kind == null ? BlueGreenDeployment.KIND : item.kind,
        metadata, decoded.value(), item.status);
    return new StoredDeployment(document, hash, longOf(item.statusVersion), item.spec, problems);
  }

  static JsonNode specTree(AttributeValue spec) {
    return spec == null ? null : AttributeTrees.toTree(spec);
  }

  static AttributeValue specAttribute(DeploymentSpec spec) {
    if (spec == null) {
      throw new InvalidDocumentException(List.of(new Violation("spec", "is required")));
    }
    return AttributeTrees.toAttribute(DocumentCodec.toTree(spec));
  }

  static Map<String, String> labelsOrEmpty(Map<String, String> labels) {
    return labels == null ? Map.of() : labels;
  }

  static long longOf(Long value) {
    return value == null ? 0 : value;
  }

  static long longOf(AttributeValue value) {
    return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
  }
}
