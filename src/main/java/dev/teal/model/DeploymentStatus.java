package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * What the operator reports; written only by the operator.
 *
 * <p>Besides the report, the status is the operator's memory across restarts: which revision is
 * stable, which is being previewed, which old one is kept for an instant rollback, and which are
 * waiting to be cleaned up. Everything else is re-observed from AWS on every reconcile.
 *
 * @param observedSpecHash hash of the spec this status was computed for; a writer that changes the
 *     spec without bumping the generation is still noticed
 * @param previous the revision that served production before the last promotion; its task set is
 *     kept until scaleDownDelay has passed, and its image is what a later rollback returns to
 * @param retired revisions whose resources are being deleted
 * @param progressStartedAt when the current wait for green to become ready began (its start, a scale-up,
 *     or green falling out of readiness); progressDeadline runs from here, null while green is ready
 * @param previewReadyAt when green became ready behind the test route; autoPromoteAfter runs from here
 * @param promotedAt when the last promotion finished; scaleDownDelay runs from here
 * @param claimed the routes (rule or listener ARNs) this deployment has claimed with teal's tags; its claim
 *     on the ECS service is read with the service itself
 * @param scaleIn the service's dynamic scale-in, suspended by teal while a deployment is in flight and
 *     restored after it
 * @param awaitingAws an action AWS answered as if teal's previous change had not happened yet; retried soon
 * @param paused what holds the rollout, while something is held
 * @param history the revisions that served production, newest last (at most {@link #MAX_HISTORY})
 * @param gates what the gates of the deployment in flight last saw; null when none is configured or in flight
 * @param hooks the lifecycle hooks of the current (or last) green, each recorded before it is called
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"phase", "message", "observedGeneration", "observedSpecHash", "stable", "preview", "previous",
    "retired", "traffic", "promotion", "analysis", "progressStartedAt", "previewReadyAt", "promotedAt", "aborted",
    "claimed", "scaleIn", "awaitingAws", "paused", "gates", "hooks", "history", "conditions", "events"})
public record DeploymentStatus(
    Phase phase,
    String message,
    Long observedGeneration,
    String observedSpecHash,
    RevisionStatus stable,
    RevisionStatus preview,
    RevisionStatus previous,
    List<RevisionStatus> retired,
    TrafficStatus traffic,
    PromotionStatus promotion,
    AnalysisStatus analysis,
    Instant progressStartedAt,
    Instant previewReadyAt,
    Instant promotedAt,
    AbortStatus aborted,
    List<String> claimed,
    ScaleInSuspension scaleIn,
    AwsWait awaitingAws,
    List<Condition> conditions,
    List<DeploymentEvent> events,
    PauseStatus paused,
    List<ProductionRevision> history,
    GatesStatus gates,
    List<HookStatus> hooks) {

  /** The form without hook records. */
  public DeploymentStatus(Phase phase, String message, Long observedGeneration, String observedSpecHash,
      RevisionStatus stable, RevisionStatus preview, RevisionStatus previous, List<RevisionStatus> retired,
      TrafficStatus traffic, PromotionStatus promotion, AnalysisStatus analysis, Instant progressStartedAt,
      Instant previewReadyAt, Instant promotedAt, AbortStatus aborted, List<String> claimed, ScaleInSuspension scaleIn,
      AwsWait awaitingAws, List<Condition> conditions, List<DeploymentEvent> events, PauseStatus paused,
      List<ProductionRevision> history, GatesStatus gates) {
    this(phase, message, observedGeneration, observedSpecHash, stable, preview, previous, retired, traffic, promotion,
        analysis, progressStartedAt, previewReadyAt, promotedAt, aborted, claimed, scaleIn, awaitingAws, conditions,
        events, paused, history, gates, List.of());
  }

  /** The form without gate results. */
  public DeploymentStatus(Phase phase, String message, Long observedGeneration, String observedSpecHash,
      RevisionStatus stable, RevisionStatus preview, RevisionStatus previous, List<RevisionStatus> retired,
      TrafficStatus traffic, PromotionStatus promotion, AnalysisStatus analysis, Instant progressStartedAt,
      Instant previewReadyAt, Instant promotedAt, AbortStatus aborted, List<String> claimed, ScaleInSuspension scaleIn,
      AwsWait awaitingAws, List<Condition> conditions, List<DeploymentEvent> events, PauseStatus paused,
      List<ProductionRevision> history) {
    this(phase, message, observedGeneration, observedSpecHash, stable, preview, previous, retired, traffic, promotion,
        analysis, progressStartedAt, previewReadyAt, promotedAt, aborted, claimed, scaleIn, awaitingAws, conditions,
        events, paused, history, null);
  }

  /** How many revisions {@code history} keeps. */
  public static final int MAX_HISTORY = 10;

  public DeploymentStatus {
    history = history == null ? List.of() : List.copyOf(history);
    // Empty lists are left out of the stored form; read them back as empty, never null.
    retired = retired == null ? List.of() : List.copyOf(retired);
    claimed = claimed == null ? List.of() : List.copyOf(claimed);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    events = events == null ? List.of() : List.copyOf(events);
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
  }

  /**
   * The form without claims, {@code paused}, {@code history}, a scale-in suspension or a wait for AWS (the
   * fields most statuses never have).
   */
  public DeploymentStatus(Phase phase, String message, Long observedGeneration, String observedSpecHash,
      RevisionStatus stable, RevisionStatus preview, RevisionStatus previous, List<RevisionStatus> retired,
      TrafficStatus traffic, PromotionStatus promotion, AnalysisStatus analysis, Instant progressStartedAt,
      Instant previewReadyAt, Instant promotedAt, AbortStatus aborted, List<Condition> conditions,
      List<DeploymentEvent> events) {
    this(phase, message, observedGeneration, observedSpecHash, stable, preview, previous, retired, traffic, promotion,
        analysis, progressStartedAt, previewReadyAt, promotedAt, aborted, conditions, events, null, List.of());
  }

  /** The form without claims, a scale-in suspension or a wait for AWS. */
  public DeploymentStatus(Phase phase, String message, Long observedGeneration, String observedSpecHash,
      RevisionStatus stable, RevisionStatus preview, RevisionStatus previous, List<RevisionStatus> retired,
      TrafficStatus traffic, PromotionStatus promotion, AnalysisStatus analysis, Instant progressStartedAt,
      Instant previewReadyAt, Instant promotedAt, AbortStatus aborted, List<Condition> conditions,
      List<DeploymentEvent> events, PauseStatus paused, List<ProductionRevision> history) {
    this(phase, message, observedGeneration, observedSpecHash, stable, preview, previous, retired, traffic, promotion,
        analysis, progressStartedAt, previewReadyAt, promotedAt, aborted, List.of(), null, null, conditions, events,
        paused, history);
  }

  /** The form without a scale-in suspension or a wait for AWS. */
  public DeploymentStatus(Phase phase, String message, Long observedGeneration, String observedSpecHash,
      RevisionStatus stable, RevisionStatus preview, RevisionStatus previous, List<RevisionStatus> retired,
      TrafficStatus traffic, PromotionStatus promotion, AnalysisStatus analysis, Instant progressStartedAt,
      Instant previewReadyAt, Instant promotedAt, AbortStatus aborted, List<String> claimed,
      List<Condition> conditions, List<DeploymentEvent> events, PauseStatus paused, List<ProductionRevision> history) {
    this(phase, message, observedGeneration, observedSpecHash, stable, preview, previous, retired, traffic, promotion,
        analysis, progressStartedAt, previewReadyAt, promotedAt, aborted, claimed, null, null, conditions, events,
        paused, history);
  }

  /** The form without claims. */
  public DeploymentStatus(Phase phase, String message, Long observedGeneration, String observedSpecHash,
      RevisionStatus stable, RevisionStatus preview, RevisionStatus previous, List<RevisionStatus> retired,
      TrafficStatus traffic, PromotionStatus promotion, AnalysisStatus analysis, Instant progressStartedAt,
      Instant previewReadyAt, Instant promotedAt, AbortStatus aborted, ScaleInSuspension scaleIn, AwsWait awaitingAws,
      List<Condition> conditions, List<DeploymentEvent> events, PauseStatus paused,
      List<ProductionRevision> history) {
    this(phase, message, observedGeneration, observedSpecHash, stable, preview, previous, retired, traffic, promotion,
        analysis, progressStartedAt, previewReadyAt, promotedAt, aborted, List.of(), scaleIn, awaitingAws,
        conditions, events, paused, history);
  }

  /** The status of a document the operator has not looked at yet. */
  public static DeploymentStatus empty() {
    return new DeploymentStatus(null, null, null, null, null, null, null, List.of(), null, null, null,
        null, null, null, null, List.of(), null, null, List.of(), List.of(), null, List.of());
  }

  public DeploymentStatus withAwaitingAws(AwsWait wait) {
    return new DeploymentStatus(phase, message, observedGeneration, observedSpecHash, stable, preview, previous,
        retired, traffic, promotion, analysis, progressStartedAt, previewReadyAt, promotedAt, aborted, claimed, scaleIn,
        wait, conditions, events, paused, history, gates, hooks);
  }

  public DeploymentStatus withHooks(List<HookStatus> newHooks) {
    return new DeploymentStatus(phase, message, observedGeneration, observedSpecHash, stable, preview, previous,
        retired, traffic, promotion, analysis, progressStartedAt, previewReadyAt, promotedAt, aborted, claimed, scaleIn,
        awaitingAws, conditions, events, paused, history, gates, newHooks);
  }

  public Condition condition(String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
  }
}
