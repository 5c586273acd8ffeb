package dev.teal.reconcile;

import dev.teal.aws.Placement;
import dev.teal.model.HookSpec;
import dev.teal.model.HookStatus;
import java.util.Map;

/**
 * Runs lifecycle hooks ({@code spec.strategy.hooks}). {@link #poll} never waits for a hook to finish: it starts
 * the hook's call (or finds the one already made) and says where it is, so a reconcile that asks is never held
 * by a slow webhook, a long invocation or a running task. The planner asks again on a later reconcile.
 */
@FunctionalInterface
public interface HookRunner {

  /** Fails every hook: for operators and tests that configure none. */
  HookRunner NONE = request -> request.onRecord().with(HookStatus.FAILED, request.onRecord().attempts(), null, null,
      "no hook runner is configured in this operator", request.onRecord().at());

  /**
   * One look at a hook.
   *
   * @param deployment the document's name
   * @param images container name to image of green
   * @param field where the hook is in the document ({@code spec.strategy.hooks.beforeTestTraffic[0]}), for
   *     messages
   * @param onRecord the hook's record as written before this call: its idempotency key, attempts and task
   * @param cluster the service's cluster (ECS task hooks run there)
   * @param placement green's placement (launch type or capacity providers, awsvpc network) for RunTask
   * @param testListenerArn the test route's listener; its URL is passed to the hook
   */
  record Request(String deployment, String revision, Map<String, String> images, HookSpec spec, String field,
      HookStatus onRecord, String cluster, Placement placement, String testListenerArn) {}

  /**
   * @return the hook's record as it is now: still {@link HookStatus#RUNNING} (with what is known: the task's ARN,
   *     the attempts), or its verdict
   */
  HookStatus poll(Request request);
}
