package dev.teal.reconcile;

import dev.teal.aws.AwsException;
import dev.teal.aws.AwsNotYetVisibleException;
import dev.teal.aws.NotFencedException;
import dev.teal.model.AwsWait;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import dev.teal.store.DeploymentStore;
import dev.teal.store.LeaseFence;
import dev.teal.store.StaleStatusException;
import dev.teal.store.StatusTooLargeException;
import dev.teal.store.StatusWriteGuard;
import dev.teal.store.StoredDeployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One reconcile of one document: read it, observe AWS, then plan and act until the planner has
 * nothing to do but wait. Never sleeps; a wait is returned as "requeue after".
 *
 * <p>The status is written whenever a plan changes it, before that plan's action runs, so the intent
 * behind every AWS call is on record if the process dies right after the call. A mutating action that
 * the executor's {@link ActionGate} holds back ends the reconcile before that write: {@code IDLE},
 * requeue after the gate's delay. A call the gateways' lease fence refuses when it is to start
 * ({@link NotFencedException}) ends the reconcile the same way, after the intent was written.
 *
 * <p>An action AWS answers as if teal's previous change had not happened yet ({@link AwsNotYetVisibleException})
 * is retried soon, with the wait on record in the status ({@code awaitingAws}); only when the same answer
 * still comes after {@link #CONSISTENCY_WINDOW} is the deployment Failed with AWS's reason.
 */
public final class Reconciler {

  /** How soon a reconcile whose AWS call the lease fence did not let start is looked at again. */
  static final Duration NOT_FENCED_RETRY = Duration.ofSeconds(1);
  /**
   * How long an answer of a control plane that has not caught up is retried before it counts as the truth.
   * AWS documents no bound ("there might be a brief delay until the operation achieves eventual
   * consistency", Application Auto Scaling and EC2 API references); seconds are typical, so two minutes
   * separates a lagging control plane from a resource that is really missing.
   */
  static final Duration CONSISTENCY_WINDOW = Duration.ofMinutes(2);
  /** How soon an action AWS answered that way is tried again. */
  static final Duration RETRY_SOON = Duration.ofSeconds(2);

  private final DeploymentStore store;
  private final Observer observer;
  private final Planner planner;
  private final Executor executor;
  private final Clock clock;
  private final int maxActionsPerReconcile;
  private final Supplier<Optional<LeaseFence>> fence;

  /**
   * @param maxActionsPerReconcile bound on actions in one reconcile, so one deployment cannot hold a
   *     worker for long; the rest happens on an immediate requeue
   * @param fence the lease condition every status write must carry (empty when there is no lease)
   */
  public Reconciler(DeploymentStore store, Observer observer, Planner planner, Executor executor, Clock clock,
      int maxActionsPerReconcile, Supplier<Optional<LeaseFence>> fence) {
    this.store = store;
    this.observer = observer;
    this.planner = planner;
    this.executor = executor;
    this.clock = clock;
    this.maxActionsPerReconcile = maxActionsPerReconcile;
    this.fence = fence;
  }

  /** What happened, for the work queue, metrics and logs. */
  public record Result(Outcome outcome, Duration requeueAfter, int actions, Phase phase, String message,
      HealthWait healthWait) {

    public Result(Outcome outcome, Duration requeueAfter, int actions, Phase phase, String message) {
      this(outcome, requeueAfter, actions, phase, message, null);
    }

    public enum Outcome {
      /** The document is gone; nothing to do. */
      NOT_FOUND,
      /** Nothing to do now; look again after {@code requeueAfter} if set, or on the next change. */
      IDLE,
      /** More work is due at once (the action bound was reached, or the spec changed mid-way). */
      CONTINUE,
      /** AWS rejected a request in a way retrying will not fix; recorded in the status as Failed. */
      REJECTED
    }
  }

  /**
   * Reconciles {@code name}.
   *
   * @throws AwsException when AWS failed in a way a retry may fix (throttling, 5xx, network); the
   *     caller backs off and tries again
   */
  public Result reconcile(String name) {
    Optional<StoredDeployment> read = store.get(name);
    if (read.isEmpty()) {
      return new Result(Result.Outcome.NOT_FOUND, null, 0, null, "no such deployment");
    }
    StoredDeployment stored = read.get();
    DeploymentStatus written = Optional.ofNullable(stored.status()).orElse(DeploymentStatus.empty());
    StatusWriteGuard guard = fence.get().map(StatusWriteGuard.of(stored)::fencedBy).orElse(StatusWriteGuard.of(stored));
    if (!stored.specValid()) {
      return invalidSpec(stored, guard, written);
    }
    DeploymentSpec spec = stored.effectiveSpec();
    long generation = stored.generation();

    Observed observed = observer.observe(name, spec, written, clock.instant());
    observed = observed.withLiveClaimants(LiveClaimants.of(name, observed, store::get));
    int actions = 0;
    boolean caughtUp = false;
    while (true) {
      Decision decision = planner.plan(new PlanContext(name, generation, stored.specHash(), spec, written, observed,
          clock.instant()));
      if ((caughtUp || decision.action() == null) && decision.status().awaitingAws() != null) {
        // An action went through since AWS last answered "not yet", or none is left to retry: the wait is over.
        decision = decision.withStatus(decision.status().withAwaitingAws(null));
      }
      if (decision.action() != null && actions < maxActionsPerReconcile) {
        Optional<ActionGate.Deferral> deferral = executor.admit(decision.action());
        if (deferral.isPresent()) {
          // Held back (rate limit, lease): end here, before the intent is written, and plan afresh later.
          return new Result(Result.Outcome.IDLE, deferral.get().retryAfter(), actions, written.phase(),
              "deferred " + decision.action().getClass().getSimpleName() + ": " + deferral.get().reason());
        }
      }
      boolean statusChanged = !decision.status().equals(written);
      if (statusChanged) {
        try {
          store.updateStatus(name, guard, decision.status());
          guard = guard.afterWrite();
        } catch (StaleStatusException e) {
          // The spec (or another writer) moved on: start over from a fresh read.
          return new Result(Result.Outcome.CONTINUE, Duration.ZERO, actions, written.phase(), e.getMessage());
        } catch (StatusTooLargeException e) {
          return tooLarge(stored, guard, written, e, actions);
        }
        written = decision.status();
      }
      if (decision.action() == null) {
        if (statusChanged && actions < maxActionsPerReconcile) {
          continue; // a status-only step (e.g. recording an abort) may enable the next action
        }
        return new Result(Result.Outcome.IDLE, decision.requeueAfter(), actions, written.phase(), written.message(),
            decision.healthWait());
      }
      if (actions >= maxActionsPerReconcile) {
        return new Result(Result.Outcome.CONTINUE, Duration.ZERO, actions, written.phase(), "action bound reached");
      }
      try {
        observed = executor.execute(decision.action(), observed);
        caughtUp = true;
      } catch (NotFencedException e) {
        // The lease could not cover the call when it was to start: nothing was sent. Plan afresh later, on
        // whichever instance holds the lease then; the intent on record is re-planned like after a crash.
        return new Result(Result.Outcome.IDLE, NOT_FENCED_RETRY, actions, written.phase(), e.getMessage());
      } catch (AwsNotYetVisibleException e) {
        return notYetVisible(stored, guard, written, decision.action(), e, actions);
      } catch (AwsException e) {
        if (e.isRetryable()) {
          throw e;
        }
        return rejected(stored, guard, written, decision.action(), e, actions);
      }
      if (decision.action().mutating()) {
        actions++;
      }
    }
  }

  /**
   * A spec written around the CLI (e.g. a direct DynamoDB update) that does not validate: say so, touch
   * nothing. The problems are listed once, in the message, each once and the first few by name.
   */
  private Result invalidSpec(StoredDeployment stored, StatusWriteGuard guard, DeploymentStatus written) {
    long count = stored.specProblems().stream().map(Object::toString).distinct().count();
    String message = "the spec is invalid, so teal does not act on it: " + StatusLimits.problems(stored.specProblems());
    String summary = "the spec is invalid (" + count + (count == 1 ? " problem" : " problems")
        + ", listed in the status message); teal does not act on it";
    DeploymentStatus failed = StatusEdits.failed(written, Reasons.INVALID_SPEC, message, summary, clock.instant());
    failed = StatusEdits.observed(failed, stored.generation(), stored.specHash());
    if (!failed.equals(written)) {
      try {
        store.updateStatus(stored.name(), guard, failed);
      } catch (StaleStatusException e) {
        return new Result(Result.Outcome.CONTINUE, Duration.ZERO, 0, written.phase(), e.getMessage());
      } catch (StatusTooLargeException e) {
        return tooLarge(stored, guard, written, e, 0);
      }
    }
    return new Result(Result.Outcome.REJECTED, null, 0, Phase.FAILED, failed.message());
  }

  /**
   * DynamoDB refused a status for the item's size: the spec takes (almost) all of the item, since the
   * status itself is bounded ({@link StatusLimits}). Record the smallest status that says so; if even that
   * does not fit, the reconcile record and the log say it. Either way nothing is retried until the document
   * changes (or the periodic resync looks at it again); nothing in AWS is touched.
   */
  private Result tooLarge(StoredDeployment stored, StatusWriteGuard guard, DeploymentStatus written,
      StatusTooLargeException refused, int actions) {
    String message = "the status does not fit in the document's DynamoDB item (400 KB with the spec): shrink the"
        + " spec; teal does not act on this document meanwhile";
    DeploymentStatus compact = StatusEdits.compactFailure(Reasons.STATUS_TOO_LARGE, message, stored.generation(),
        stored.specHash(), clock.instant());
    if (!compact.equals(written)) {
      try {
        store.updateStatus(stored.name(), guard, compact);
      } catch (StaleStatusException e) {
        return new Result(Result.Outcome.CONTINUE, Duration.ZERO, actions, written.phase(), e.getMessage());
      } catch (StatusTooLargeException e) {
        return new Result(Result.Outcome.REJECTED, null, actions, Phase.FAILED, "no status could be written: "
            + refused.getMessage());
      }
    }
    return new Result(Result.Outcome.REJECTED, null, actions, Phase.FAILED, message);
  }

  /**
   * AWS answered as if teal's previous change had not happened yet: put the wait on record and try again
   * soon, unless the same answer has come for {@link #CONSISTENCY_WINDOW} already.
   */
  private Result notYetVisible(StoredDeployment stored, StatusWriteGuard guard, DeploymentStatus written,
      Action action, AwsNotYetVisibleException error, int actions) {
    Instant now = clock.instant();
    AwsWait previous = written.awaitingAws();
    boolean same = previous != null && previous.operation().equals(error.operation());
    Instant since = same ? previous.since() : now;
    if (!now.isBefore(since.plus(CONSISTENCY_WINDOW))) {
      return rejected(stored, guard, written.withAwaitingAws(null), action, error, actions);
    }
    AwsWait wait = new AwsWait(error.operation(), action.revision(), error.errorCode(), error.getMessage(), since);
    DeploymentStatus waiting = StatusEdits.awaitingAws(written, wait, !same, now);
    try {
      store.updateStatus(stored.name(), guard, waiting);
    } catch (StaleStatusException e) {
      return new Result(Result.Outcome.CONTINUE, Duration.ZERO, actions, written.phase(), e.getMessage());
    } catch (StatusTooLargeException e) {
      return tooLarge(stored, guard, written, e, actions);
    }
    return new Result(Result.Outcome.IDLE, RETRY_SOON, actions, waiting.phase(), waiting.message());
  }

  private Result rejected(StoredDeployment stored, StatusWriteGuard guard, DeploymentStatus written, Action action,
      AwsException error, int actions) {
    String name = stored.name();
    String message = "AWS rejected " + error.operation() + " for revision " + action.revision() + ": "
        + error.errorCode() + ": " + error.getMessage();
    DeploymentStatus failed = StatusEdits.failed(written, Reasons.AWS_REJECTED, message, clock.instant());
    try {
      store.updateStatus(name, guard, failed);
    } catch (StaleStatusException e) {
      return new Result(Result.Outcome.CONTINUE, Duration.ZERO, actions, written.phase(), e.getMessage());
    } catch (StatusTooLargeException e) {
      return tooLarge(stored, guard, written, e, actions);
    }
    return new Result(Result.Outcome.REJECTED, planner.failedRetryInterval(), actions, Phase.FAILED, message);
  }
}
