package dev.teal.reconcile;

import dev.teal.model.DeploymentSpec;
import dev.teal.store.StoredDeployment;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which other deployments' claims seen in an observation still hold: their document exists and names the
 * same service or one of the same routes. A claim of a deleted document (or of one that moved to other
 * resources) is void, which is how {@code teal delete} releases claims. The reconciler and {@code teal plan}
 * ask the same, so the plan shows the refusal the operator would make.
 */
final class LiveClaimants {

  private LiveClaimants() {}

  /**
   * @param documents a document by name, as stored (looked up only when another deployment's tag was seen)
   */
  static Set<String> of(String name, Observed observed, Function<String, Optional<StoredDeployment>> documents) {
    Set<String> owners = new HashSet<>();
    if (observed.service() != null) {
      owners.add(Claims.owner(observed.service().tags()));
      observed.service().taskSets().forEach(t -> owners.add(Claims.owner(t.tags())));
    }
    observed.tags().values().forEach(t -> owners.add(Claims.owner(t)));
    owners.remove(null);
    owners.remove(name);
    Set<String> live = new TreeSet<>();
    for (String owner : owners) {
      documents.apply(owner).ifPresent(other -> {
        if (namesAnyOf(other.spec(), observed)) {
          live.add(owner);
        }
      });
    }
    return live;
  }

  private static String lastSegment(String nameOrArn) {
    return nameOrArn == null ? "" : nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
  }

  /** Whether {@code spec} (as written; unreadable counts as yes) names the observed service or a route. */
  private static boolean namesAnyOf(DeploymentSpec spec, Observed observed) {
    if (spec == null || spec.traffic() == null) {
      return true;
    }
    boolean service = observed.service() != null && spec.service() != null && spec.cluster() != null
        && (spec.service().equals(observed.service().name()) || spec.service().equals(observed.service().arn()))
        && lastSegment(spec.cluster()).equals(lastSegment(observed.service().clusterArn()));
    Set<String> routes = new HashSet<>();
    observed.routes().keySet().forEach(r -> routes.add(r.arn()));
    return service || routes.contains(spec.traffic().productionRule())
        || routes.contains(spec.traffic().productionListener()) || routes.contains(spec.traffic().testRule());
  }
}
