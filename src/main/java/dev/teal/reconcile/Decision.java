package dev.teal.reconcile;

import dev.teal.model.DeploymentStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * The planner's answer: at most one action to take now, the status that goes with it (written before
 * the action, so the intent survives a crash), and when to look again if nothing is to be done now.
 *
 * @param requeueAfter null when nothing is awaited; the periodic resync is enough
 * @param healthWait set when the wait is for green's targets to turn healthy
 */
public record Decision(Action action, DeploymentStatus status, Duration requeueAfter, HealthWait healthWait) {

  public Decision(Action action, DeploymentStatus status, Duration requeueAfter) {
    this(action, status, requeueAfter, null);
  }

  public Decision withStatus(DeploymentStatus newStatus) {
    return new Decision(action, newStatus, requeueAfter, healthWait);
  }

  public Optional<Action> nextAction() {
    return Optional.ofNullable(action);
  }
}
