package dev.teal.reconcile;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.ProductionRevision;
import dev.teal.model.RevisionStatus;
import java.util.Map;
import java.util.Optional;

/**
 * The revisions that served production, newest last, in {@code status.history}: a new entry each time
 * the stable revision changes (a promotion, a rollback, an adoption), numbered on from the last one, at
 * most {@link DeploymentStatus#MAX_HISTORY}. {@code teal undo} reads it to set the spec back to one.
 */
final class RevisionHistory {

  private RevisionHistory() {}

  /** Records the stable revision if it is not the newest entry; run at the end of every pass. */
  static void record(PlanningPass p) {
    RevisionStatus stable = p.draft.stable;
    var history = p.draft.history;
    if (stable == null || stable.image() == null
        || (!history.isEmpty() && history.get(history.size() - 1).revision().equals(stable.revision()))) {
      return;
    }
    Optional<ProductionRevision> earlier = history.stream().filter(h -> h.revision().equals(stable.revision()))
        .reduce((first, second) -> second);
    int number = history.isEmpty() ? 1 : history.get(history.size() - 1).number() + 1;
    history.add(new ProductionRevision(number, stable.revision(), stable.image(),
        earlier.map(ProductionRevision::images).orElseGet(() -> sidecars(p, stable)),
        earlier.map(ProductionRevision::taskDefinition).orElseGet(() -> madeFrom(p, stable)),
        p.now));
    while (history.size() > DeploymentStatus.MAX_HISTORY) {
      history.remove(0);
    }
  }

  /** The spec's images, when stable is the revision the spec asks for and it sets more than one. */
  private static Map<String, String> sidecars(PlanningPass p, RevisionStatus stable) {
    Map<String, String> images = p.spec.containerImages();
    return images.size() > 1 && stable.image().equals(p.spec.image()) ? images : null;
  }

  /**
   * The task definition the revision was made from: the template a followed family resolved to, the
   * adopted task set's own, or the one the spec pins.
   */
  private static String madeFrom(PlanningPass p, RevisionStatus stable) {
    if (stable.template() != null) {
      return stable.template();
    }
    if (stable.isAdopted()) {
      return stable.taskDefinition();
    }
    return Revisions.followsFamily(p.spec.taskDefinition()) ? null : p.spec.taskDefinition();
  }
}
