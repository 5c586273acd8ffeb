package dev.teal.operator.queue;

import dev.teal.reconcile.Action;
import dev.teal.reconcile.ActionGate;
import java.time.Duration;
import java.util.Optional;

/**
 * The rate limit on mutating AWS calls, across all deployments: one token per mutating action. An
 * action over the limit is deferred (its reconcile ends and is requeued at its turn, the deferred ones
 * spaced at the refill rate), so a burst of deployments cannot get teal throttled by ECS or ELB.
 */
public final class MutatingCallLimit implements ActionGate {

  /** Deferred reconciles come back no sooner than this, so an empty bucket does not spin a worker. */
  static final Duration MIN_RETRY = Duration.ofMillis(100);

  private final TokenBucket bucket;
  private final Runnable onDeferred;

  /** @param onDeferred told each time an action is held back (a metric) */
  public MutatingCallLimit(TokenBucket bucket, Runnable onDeferred) {
    this.bucket = bucket;
    this.onDeferred = onDeferred;
  }

  @Override
  public Optional<Deferral> admit(Action action) {
    Duration wait = bucket.tryTakeOrQueue();
    if (wait.isZero()) {
      return Optional.empty();
    }
    onDeferred.run();
    Duration retry = wait.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : wait;
    return Optional.of(new Deferral(retry, "the rate limit on mutating AWS calls is reached"));
  }
}
