package dev.teal.operator.events;

import dev.teal.reconcile.FleetCheck;
import dev.teal.store.DeploymentStore;
import dev.teal.store.StoredDeployment;
import java.util.List;
import java.util.Map;

/** Which deployments a resync hands to the work queue. */
@FunctionalInterface
public interface ResyncSelection {

  /** The names to reconcile now, each with why. */
  Map<String, String> due();

  /**
   * The names to reconcile now when only {@code part} of {@code parts} of the fleet is checked in depth,
   * so a timed resync spreads its AWS reads over the interval. By default, the same as {@link #due()}.
   */
  default Map<String, String> due(int part, int parts) {
    return due();
  }

  /** Every document, whatever its state: the plainest safety net, for tests and small fleets. */
  static ResyncSelection everyDocument(DeploymentStore store) {
    return () -> {
      Map<String, String> all = new java.util.LinkedHashMap<>();
      store.list().forEach(d -> all.put(d.name(), "resync"));
      return all;
    };
  }

  /**
   * The documents whose status is not settled, and the settled ones whose AWS state no longer matches
   * their status, found with a few batched describes for the whole fleet ({@link FleetCheck}).
   */
  static ResyncSelection fleetCheck(DeploymentStore store, FleetCheck check) {
    return new ResyncSelection() {
      @Override
      public Map<String, String> due() {
        return check.needingReconcile(store.list());
      }

      @Override
      public Map<String, String> due(int part, int parts) {
        // A stable split by name: each settled deployment is described once every `parts` runs.
        return check.needingReconcile(store.list(), d -> Math.floorMod(d.name().hashCode(), parts) == part);
      }
    };
  }
}
