package dev.teal.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a status write must find unchanged: the generation, the spec exactly as it was read (so a direct
 * write that changed the spec without bumping the generation is noticed), and the status version (so two
 * operator instances cannot overwrite each other). Build it from the {@link StoredDeployment} the status
 * was computed from, and add a lease {@link LeaseFence} when the writer holds one.
 *
 * @param observedGeneration {@code metadata.generation} as read (0 if the item had none)
 * @param observedSpec the {@code spec} attribute as read, or null if the item had none
 * @param observedStatusVersion {@code statusVersion} as read (0 if the item had none)
 * @param fence an optional lease condition, or null
 */
public record StatusWriteGuard(long observedGeneration, AttributeValue observedSpec,
    long observedStatusVersion, LeaseFence fence) {

  public static StatusWriteGuard of(StoredDeployment read) {
    Long generation = read.document().metadata().generation();
    return new StatusWriteGuard(generation == null ? 0 : generation, read.storedSpec(), read.statusVersion(), null);
  }

  /** The guard for the next write by the same writer, after this one landed (statusVersion grows by one). */
  public StatusWriteGuard afterWrite() {
    return new StatusWriteGuard(observedGeneration, observedSpec, observedStatusVersion + 1, fence);
  }

  public StatusWriteGuard fencedBy(LeaseFence leaseFence) {
    return new StatusWriteGuard(observedGeneration, observedSpec, observedStatusVersion, leaseFence);
  }
}
