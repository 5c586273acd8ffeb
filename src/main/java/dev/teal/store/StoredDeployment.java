package dev.teal.store;

import dev.teal.document.DocumentCodec;
import dev.teal.document.SpecDefaults;
import dev.teal.document.Violation;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A document as read from the store.
 *
 * @param document the document with metadata filled (generation, resourceVersion, timestamps,
 *     updatedBy); its spec is sparse, as written. Null only when the stored spec cannot be bound at all
 *     (see {@code specProblems})
 * @param specHash {@code SpecHash.of(spec)}; for a spec that cannot be bound, a hash of the raw
 *     attribute, so it still changes with every write
 * @param statusVersion the optimistic-concurrency token of the status
 * @param storedSpec the {@code spec} attribute exactly as stored, which a {@link StatusWriteGuard}
 *     compares against
 * @param specProblems what is wrong with the stored spec (unknown fields, wrong types, broken rules),
 *     typically after a direct write that bypassed the CLI; empty when the spec is valid. The operator
 *     should not act on a spec with problems, and should say so in the status.
 */
public record StoredDeployment(BlueGreenDeployment document, String specHash, long statusVersion,
    AttributeValue storedSpec, List<Violation> specProblems) {

  public StoredDeployment {
    specProblems = List.copyOf(specProblems);
  }

  /**
   * The three-part form of the original contract, e.g. for tests that build a deployment by hand: the
   * stored spec is derived from the document's spec (exactly what teal itself would have written) and
   * the spec is taken to be valid.
   */
  public StoredDeployment(BlueGreenDeployment document, String specHash, long statusVersion) {
    this(document, specHash, statusVersion, document.spec() == null ? null
        : AttributeTrees.toAttribute(DocumentCodec.toTree(document.spec())), List.of());
  }

  public String name() {
    return document.name();
  }

  /** The spec as written (sparse); may be null when {@link #specProblems} says why. */
  public DeploymentSpec spec() {
    return document.spec();
  }

  /** The spec with every default filled in: what the operator acts on. */
  public DeploymentSpec effectiveSpec() {
    return SpecDefaults.apply(document.spec());
  }

  public DeploymentStatus status() {
    return document.status();
  }

  public long generation() {
    Long generation = document.metadata().generation();
    return generation == null ? 0 : generation;
  }

  public long resourceVersion() {
    Long version = document.metadata().resourceVersion();
    return version == null ? 0 : version;
  }

  public boolean specValid() {
    return specProblems.isEmpty() && document.spec() != null;
  }
}
