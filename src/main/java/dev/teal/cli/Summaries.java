package dev.teal.cli;

import dev.teal.model.Age;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.store.StoredDeployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Short renderings of a deployment shared by get, describe and status. */
final class Summaries {

  static final String NONE = "-";

  private Summaries() {}

  /** Age like kubectl: 45s, 5m, 3h, 2d. */
  static String age(Instant since, Instant now) {
    return since == null ? NONE : Age.since(since, now);
  }

  /**
   * Production weights, stable first: {@code 90/10} while shifting, {@code 100} with one target group,
   * {@code -} when the operator has not reported any.
   */
  static String productionTraffic(DeploymentStatus status) {
    if (status == null || status.traffic() == null || status.traffic().production() == null
        || status.traffic().production().isEmpty()) {
      return NONE;
    }
    List<RouteWeight> weights = new ArrayList<>(status.traffic().production());
    String stable = status.stable() == null ? null : status.stable().revision();
    weights.sort((a, b) -> Boolean.compare(!Objects.equals(a.revision(), stable), !Objects.equals(b.revision(), stable)));
    return String.join("/", weights.stream().map(w -> Integer.toString(w.weight())).toList());
  }

  static String image(RevisionStatus revision) {
    return revision == null || revision.image() == null ? NONE : revision.image();
  }

  static String statusPhase(StoredDeployment deployment) {
    if (!deployment.specValid()) {
      return "InvalidSpec";
    }
    DeploymentStatus status = deployment.status();
    return status == null || status.phase() == null ? NONE : status.phase().wireName();
  }

  /** Who paused and since when, while a pause holds: {@code user/alice since 2026-01-01T12:00:00Z}. */
  static String paused(DeploymentStatus status) {
    if (status == null || status.paused() == null) {
      return NONE;
    }
    var paused = status.paused();
    String who = paused.by() == null ? "step " + paused.step() : caller(paused.by());
    return who + " since " + paused.since().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /** A caller ARN's resource part ({@code user/alice}, {@code assumed-role/ci/run-42}), which says who. */
  static String caller(String arn) {
    int colon = arn.lastIndexOf(':');
    return colon < 0 ? arn : arn.substring(colon + 1);
  }

  static String orNone(Object value) {
    return value == null ? NONE : value.toString();
  }
}
