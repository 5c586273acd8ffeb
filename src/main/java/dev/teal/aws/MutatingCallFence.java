package dev.teal.aws;

import java.util.Optional;

/**
 * Asked by the gateways at the moment a mutating AWS call starts, and again just before each of its
 * attempts is sent, whether this instance may still make it. The daemon's fence says yes only while its
 * lease is held for at least the call's worst case ({@link CallBudget#call()}), or for a retried attempt
 * at least the attempt's, so nothing it sends can reach AWS after a standby may have taken over.
 *
 * <p>The check runs inside the SDK's pipeline (an interceptor added to the request), after anything that
 * can stall the caller between deciding to act and acting: a GC pause, a wait for a connection, a
 * throttled attempt's backoff.
 */
public interface MutatingCallFence {

  /** No lease, no limit: the CLI, tests of a single reconciler, and gateways that only read. */
  MutatingCallFence NONE = new MutatingCallFence() {
    @Override
    public Optional<CallBudget> budget() {
      return Optional.empty();
    }

    @Override
    public void admitCall(String operation) {}

    @Override
    public void admitAttempt(String operation) {}
  };

  /** The budget the gateways enforce on every mutating request; empty: leave the client's timeouts alone. */
  Optional<CallBudget> budget();

  /**
   * When a mutating call starts (before its first attempt).
   *
   * @throws NotFencedException when the call could outlive what this instance can be sure of
   */
  void admitCall(String operation);

  /**
   * Before each attempt of a mutating call is sent, retries included.
   *
   * @throws NotFencedException when the attempt could outlive what this instance can be sure of
   */
  void admitAttempt(String operation);
}
