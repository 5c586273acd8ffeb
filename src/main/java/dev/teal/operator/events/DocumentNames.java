package dev.teal.operator.events;

import dev.teal.store.DeploymentStore;
import dev.teal.store.StoredDeployment;
import java.util.List;

/**
 * The names of every deployment document, for the periodic resync. Listing reads every document today;
 * this is the seam for a cheaper listing (keys only, or an index) later.
 */
@FunctionalInterface
public interface DocumentNames {

  List<String> all();

  /** Every document's name, from a full consistent listing. */
  static DocumentNames of(DeploymentStore store) {
    return () -> store.list().stream().map(StoredDeployment::name).toList();
  }
}
