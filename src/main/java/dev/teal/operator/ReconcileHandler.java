package dev.teal.operator;

import dev.teal.aws.AwsException;
import dev.teal.operator.events.HealthWatch;
import dev.teal.operator.metrics.OperatorMetrics;
import dev.teal.operator.queue.Requeue;
import dev.teal.operator.queue.WorkHandler;
import dev.teal.operator.queue.WorkQueue;
import dev.teal.reconcile.Reconciler;
import dev.teal.store.NotFoundException;
import dev.teal.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs one reconcile for the work queue: the deployment's name in the logging MDC for every line it
 * logs, the result counted and timed, and turned into the queue's requeue. Errors are rethrown for the
 * queue to back off, and logged with the backoff by {@link #retrying}.
 */
final class ReconcileHandler implements WorkHandler, WorkQueue.FailureListener {

  /** The MDC key that carries the deployment's name (the log format prints it). */
  static final String MDC_DEPLOYMENT = "deployment";

  private static final Logger LOG = Logger.getLogger(ReconcileHandler.class);

  private final Reconciler reconciler;
  private final OperatorMetrics metrics;
  private final ReconcileLog log;
  private final Clock clock;
  private final HealthWatch healthWatch;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  ReconcileHandler(Reconciler reconciler, OperatorMetrics metrics, ReconcileLog log, Clock clock,
      HealthWatch healthWatch) {
    this.reconciler = reconciler;
    this.metrics = metrics;
    this.log = log;
    this.clock = clock;
    this.healthWatch = healthWatch;
  }

  @Override
  public Requeue process(String name) {
    MDC.put(MDC_DEPLOYMENT, name);
    long started = System.nanoTime();
    try {
      Reconciler.Result result;
      try {
        result = reconciler.reconcile(name);
      } catch (NotFoundException deletedMeanwhile) {
        result = new Reconciler.Result(Reconciler.Result.Outcome.NOT_FOUND, null, 0, null, "no such deployment");
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      failures.remove(name);
      OperatorMetrics.Result label = labelOf(result.outcome());
      metrics.reconciled(name, label, took, result.phase());
      log.record(new ReconcileRecord(name, clock.instant(), took, label.label(), result.phase(), result.actions(),
          result.message(), 0));
      report(result, took);
      if (result.healthWait() != null) {
        healthWatch.watch(name, result.healthWait());
      } else {
        healthWatch.forget(name);
      }
      return requeueOf(result);
    } catch (RuntimeException e) {
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      int inARow = failures.merge(name, 1, Integer::sum);
      metrics.reconciled(name, OperatorMetrics.Result.ERROR, took, null);
      log.record(new ReconcileRecord(name, clock.instant(), took, OperatorMetrics.Result.ERROR.label(), null, 0,
          String.valueOf(e.getMessage()), inARow));
      throw e;
    } finally {
      MDC.remove(MDC_DEPLOYMENT);
    }
  }

  @Override
  public void retrying(String name, int failuresInARow, Duration retryIn, Exception cause) {
    MDC.put(MDC_DEPLOYMENT, name);
    try {
      if (isExpected(cause)) {
        LOG.warnf("reconcile failed (%d in a row), retrying in %d ms: %s", failuresInARow, retryIn.toMillis(),
            cause.getMessage());
      } else {
        LOG.errorf(cause, "reconcile failed unexpectedly (%d in a row), retrying in %d ms", failuresInARow,
            retryIn.toMillis());
      }
    } finally {
      MDC.remove(MDC_DEPLOYMENT);
    }
  }

  private static boolean isExpected(Exception cause) {
    return cause instanceof AwsException || cause instanceof StoreException || cause instanceof InterruptedException;
  }

  private static void report(Reconciler.Result result, Duration took) {
    String phase = result.phase() == null ? "-" : result.phase().wireName();
    if (result.actions() > 0 || result.outcome() == Reconciler.Result.Outcome.REJECTED) {
      LOG.infof("reconciled: %s, %s, %d action(s) in %d ms: %s", result.outcome(), phase, result.actions(),
          took.toMillis(), result.message());
    } else {
      LOG.debugf("reconciled: %s, %s, nothing to do (%d ms): %s", result.outcome(), phase, took.toMillis(),
          result.message());
    }
  }

  static OperatorMetrics.Result labelOf(Reconciler.Result.Outcome outcome) {
    return switch (outcome) {
      case IDLE -> OperatorMetrics.Result.IDLE;
      case CONTINUE -> OperatorMetrics.Result.CONTINUE;
      case REJECTED -> OperatorMetrics.Result.REJECTED;
      case NOT_FOUND -> OperatorMetrics.Result.NOT_FOUND;
    };
  }

  static Requeue requeueOf(Reconciler.Result result) {
    return switch (result.outcome()) {
      case NOT_FOUND -> Requeue.none();
      case CONTINUE -> result.requeueAfter() == null ? Requeue.now() : Requeue.after(result.requeueAfter());
      case IDLE, REJECTED -> result.requeueAfter() == null ? Requeue.none() : Requeue.after(result.requeueAfter());
    };
  }
}
