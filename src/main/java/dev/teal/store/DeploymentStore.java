package dev.teal.store;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployment documents with optimistic concurrency and an audit trail.
 *
 * <p>Spec and status are written independently, like Kubernetes' status subresource: people and CI
 * write the spec (guarded by {@code resourceVersion}), the operator writes only the status (guarded by
 * {@link StatusWriteGuard}). No write silently overwrites another's change: the loser gets a
 * {@link ConflictException} or {@link StaleStatusException}. Every failure is one of the
 * {@link StoreException} subclasses; SDK exceptions do not leak out.
 */
public interface DeploymentStore {

  /** The document, read consistently. */
  Optional<StoredDeployment> get(String name);

  /** Every document (not audit records or other items), by name, read consistently. */
  List<StoredDeployment> list();

  /**
   * Creates a document at generation 1, resourceVersion 1, with an audit record in the same
   * transaction. The document's metadata other than name and labels, and any status, are ignored.
   *
   * @throws ConflictException if a document by that name exists
   */
  StoredDeployment create(BlueGreenDeployment document, ChangeContext ctx);

  /**
   * Replaces the spec and labels if the document still has {@code expectedResourceVersion}. Bumps
   * resourceVersion, and generation when the spec changed; writes the audit record in the same
   * transaction; never touches the status. A call that changes nothing writes nothing and returns the
   * document as it is.
   *
   * @param labels the new labels; null keeps the current ones, an empty map removes them
   * @throws ConflictException if the document changed since {@code expectedResourceVersion}
   * @throws NotFoundException if there is no such document
   */
  StoredDeployment updateSpec(String name, long expectedResourceVersion, DeploymentSpec spec,
      Map<String, String> labels, ChangeContext ctx);

  /** Deletes the document if it still has {@code expectedResourceVersion}; the audit trail is kept. */
  default void delete(String name, long expectedResourceVersion) {
    delete(name, expectedResourceVersion, ChangeContext.unknown());
  }

  /** As {@link #delete(String, long)}, recording who deleted it in the audit trail. */
  void delete(String name, long expectedResourceVersion, ChangeContext ctx);

  /** The audit records of a deployment, newest first (kept after the document is deleted). */
  List<AuditRecord> history(String name);

  /**
   * Writes the status (and bumps statusVersion) only if the guard still holds.
   *
   * @throws StaleStatusException if the generation, the spec or the status version moved since the guard's
   *     read, or its lease fence no longer holds
   * @throws NotFoundException if the document was deleted
   */
  void updateStatus(String name, StatusWriteGuard guard, DeploymentStatus status);
}
