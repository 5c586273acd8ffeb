package dev.teal.operator.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One deployment as {@code GET /api/deployments} reports it. The field names are the API's contract
 * (docs/status-page.md lists them, and a test keeps the two in step): rename nothing, only add. Every
 * field is always present, null when not known, so clients need no existence checks.
 *
 * @param image {@code spec.image}: what CI asked for
 * @param desiredPhase {@code spec.phase} with its default filled in: preview, promote or rollback
 * @param phase {@code status.phase}, or null before the operator first wrote a status
 * @param specProblems why the stored spec cannot be acted on (after a write that bypassed the CLI)
 * @param stable blue: the revision serving production
 * @param preview green: the revision being previewed or promoted
 * @param previous the revision that served production before the last promotion (a rollback's target)
 * @param promotion where a stepped promotion is, or null when none is in progress
 * @param conditions the Ready and Degraded conditions, when set
 * @param upToDate whether the status was computed for the current generation
 * @param lastReconcile this instance's last reconcile of the deployment; null on a standby or before the
 *     first one
 * @param age since {@code createdAt}, kubectl style (45s, 5m, 3h, 2d), on the operator's clock
 * @param recentEvents the last few events, newest first
 * @param labels {@code metadata.labels}, empty when none
 * @param attention how much the deployment needs people, for the overview's order: failed, degraded,
 *     paused (previewing: waiting for promote), in-flight, settled
 * @param updatedAge since {@code updatedAt}, like {@code age}
 */
@JsonPropertyOrder({"name", "image", "desiredPhase", "phase", "message", "specProblems", "stable", "preview",
    "previous", "traffic", "promotion", "conditions", "generation", "observedGeneration", "upToDate",
    "lastReconcile", "createdAt", "age", "updatedAt", "updatedBy", "recentEvents", "labels", "attention",
    "updatedAge"})
public record DeploymentSummary(
    String name,
    String image,
    String desiredPhase,
    String phase,
    String message,
    List<String> specProblems,
    Revision stable,
    Revision preview,
    Revision previous,
    Traffic traffic,
    Promotion promotion,
    List<Condition> conditions,
    long generation,
    Long observedGeneration,
    boolean upToDate,
    LastReconcile lastReconcile,
    Instant createdAt,
    String age,
    Instant updatedAt,
    String updatedBy,
    List<DeploymentEvent> recentEvents,
    Map<String, String> labels,
    String attention,
    String updatedAge) {

  /** A revision by its id and image. */
  @JsonPropertyOrder({"revision", "image"})
  public record Revision(String revision, String image) {}

  /** The production and test routes, each a list of segments: stable first, then preview, then the rest. */
  @JsonPropertyOrder({"production", "test"})
  public record Traffic(List<Segment> production, List<Segment> test) {}

  /**
   * One target group in a route.
   *
   * @param role stable, preview, previous, or other (a target group teal does not know by revision)
   * @param image null for a target group teal does not know
   * @param weight as written on the route (ALB weights are relative)
   * @param percent the segment's share of the route, rounded to a whole percent
   */
  @JsonPropertyOrder({"role", "revision", "image", "targetGroup", "weight", "percent"})
  public record Segment(String role, String revision, String image, String targetGroup, int weight, int percent) {}

  /**
   * A stepped promotion in progress.
   *
   * @param step the step production is at, counted from 1
   * @param steps how many steps the promotion has
   * @param weight green's production weight at that step
   */
  @JsonPropertyOrder({"step", "steps", "weight", "stepStartedAt"})
  public record Promotion(int step, int steps, int weight, Instant stepStartedAt) {}

  /**
   * The operator's own record of its last reconcile of the deployment.
   *
   * @param result idle, continue, rejected or error
   * @param took to the millisecond, written like "150ms" or "1.2s"
   */
  @JsonPropertyOrder({"at", "took", "result", "phase", "actions", "message", "failuresInARow"})
  public record LastReconcile(Instant at, Duration took, String result, String phase, int actions, String message,
      int failuresInARow) {}
}
