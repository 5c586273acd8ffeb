package dev.teal.cli;

import java.util.List;

/** Finds the task sets teal still runs for a deployment, so {@code teal delete} can refuse while they live. */
@FunctionalInterface
public interface TaskSetLookup {

  /**
   * Task sets of {@code cluster}/{@code service} tagged {@code teal.dev/deployment = deployment}, any
   * status; empty when the cluster or service does not exist.
   *
   * @return their ARNs (or ids)
   * @throws dev.teal.store.StoreUnavailableException when ECS cannot be asked
   */
  List<String> liveTaskSets(String cluster, String service, String deployment);
}
