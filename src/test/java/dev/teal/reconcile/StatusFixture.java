package dev.teal.reconcile;

import dev.teal.model.AbortStatus;
import dev.teal.model.AnalysisStatus;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.PromotionStatus;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.model.TrafficStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds a status as the operator would have written it at some point of a cycle. */
final class StatusFixture {
  RevisionStatus stable;
  RevisionStatus preview;
  RevisionStatus previous;
  List<RevisionStatus> retired = new ArrayList<>();
  List<RouteWeight> production = List.of();
  List<RouteWeight> test = List.of();
  PromotionStatus promotion;
  AnalysisStatus analysis;
  Instant progressStartedAt;
  Instant previewReadyAt;
  Instant promotedAt;
  AbortStatus aborted;

  static StatusFixture onStable(RevisionStatus stable) {
    StatusFixture s = new StatusFixture();
    s.stable = stable;
    s.production = List.of(weight(stable, 100));
    s.test = List.of(weight(stable, 100));
    return s;
  }

  static RouteWeight weight(RevisionStatus revision, int weight) {
    return new RouteWeight(revision.revision(), revision.image(), revision.targetGroup(), weight);
  }

  StatusFixture preview(RevisionStatus preview, Instant startedAt) {
    this.preview = preview;
    this.progressStartedAt = startedAt;
    if (preview.targetGroup() != null && stable != null) {
      this.test = List.of(weight(stable, 100), weight(preview, 0));
    }
    return this;
  }

  StatusFixture ready(Instant at) {
    this.previewReadyAt = at;
    this.progressStartedAt = null;
    this.test = stable == null ? List.of(weight(preview, 100)) : List.of(weight(preview, 100), weight(stable, 0));
    return this;
  }

  /** After a promotion: the previous stable stays attached to the test route at weight 0. */
  StatusFixture keeping(RevisionStatus previous, Instant promotedAt) {
    this.previous = previous;
    this.promotedAt = promotedAt;
    this.test = List.of(weight(stable, 100), weight(previous, 0));
    return this;
  }

  StatusFixture step(int step, int greenWeight, Instant startedAt) {
    this.promotion = new PromotionStatus(preview.revision(), step, greenWeight, startedAt);
    this.production = greenWeight == 100 ? List.of(weight(preview, 100))
        : List.of(weight(stable, 100 - greenWeight), weight(preview, greenWeight));
    return this;
  }

  DeploymentStatus build() {
    return new DeploymentStatus(null, null, 1L, null, stable, preview, previous, retired,
        new TrafficStatus(production, test, production, test), promotion, analysis, progressStartedAt, previewReadyAt, promotedAt,
        aborted, List.of(), List.of());
  }
}
