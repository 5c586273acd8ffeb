package dev.teal.reconcile;

import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.Placement;
import dev.teal.model.HookSpec;
import dev.teal.model.HookStatus;
import dev.teal.model.HooksSpec;
import dev.teal.reconcile.Target.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lifecycle hooks ({@code spec.strategy.hooks}): at each point of green's way (before the test route points at
 * it, after it does, before each production step, once production is all green) its hooks run one after
 * another, and green goes on only when all of them passed. A hook that fails, times out or cannot be called
 * aborts green ({@link Abort}) with a reason naming the hook.
 *
 * <p><b>On record before the call.</b> The first time a hook is due its record (state Running, with an
 * idempotency key made from the attempt at green, the point, the stage and the hook's name) goes into the draft
 * together with the {@link Action.RunHook}; the reconciler writes the status before it executes the action. A
 * restarted operator therefore finds the record and asks the runner about the same key: the ECS task it
 * started is found by {@code startedBy}, a webhook or Lambda call is sent again with the same key.
 *
 * <p><b>Never waits.</b> Like {@link Analysis}, the runner only starts the call or looks in on it; its answer
 * comes back in the observation ({@link Observed#hook}), and while a hook runs ({@link PlanningPass#hookRunning})
 * nothing that waits for it goes ahead and the deployment is looked at again after the poll interval. A
 * rollback runs no hooks: it returns to what served production before.
 */
final class Hooks {

  /** The stage of the hooks after production is all green. */
  static final String PROMOTED_STAGE = "promoted";

  private Hooks() {}

  /** Before the test route points at green. */
  static Action beforeTestTraffic(PlanningPass p) {
    return run(p, HooksSpec.BEFORE_TEST_TRAFFIC, Planner.PREVIEW_STAGE);
  }

  /** After the test route points at green (as observed), before promotion. */
  static Action afterTestTraffic(PlanningPass p) {
    if (p.target == null || p.spec.strategy().hooksOrNone().afterTestTraffic().isEmpty()) {
      return null;
    }
    if (p.observed.route(p.test).map(r -> r.weightOf(p.draft.preview.targetGroup())).orElse(0) != 100) {
      p.hookRunning = true; // the test route is being moved; the hooks run once it reaches green
      p.waitAtMost(p.pollInterval);
      return null;
    }
    return run(p, HooksSpec.AFTER_TEST_TRAFFIC, Planner.PREVIEW_STAGE);
  }

  /** Before production step {@code step} (1-based) is shifted to. */
  static Action beforeProductionStep(PlanningPass p, int step) {
    return run(p, HooksSpec.BEFORE_PRODUCTION_TRAFFIC, "step-" + step);
  }

  /** Production is all green; before green is made primary. */
  static Action afterProductionTraffic(PlanningPass p) {
    return run(p, HooksSpec.AFTER_PRODUCTION_TRAFFIC, PROMOTED_STAGE);
  }

  /** Whether the pass must stop where it is: a hook runs, or one failed and green was aborted. */
  static boolean holding(PlanningPass p) {
    return p.target == null || p.hookRunning;
  }

  /**
   * The hooks of {@code point} at {@code stage}, in order: the action for the first that has not passed, or null
   * when all passed, none is configured, one runs ({@link PlanningPass#hookRunning}) or one failed (green aborted).
   */
  static Action run(PlanningPass p, String point, String stage) {
    List<HookSpec> hooks = p.spec.strategy().hooksOrNone().at(point);
    if (hooks.isEmpty() || p.target == null || p.target.mode() == Mode.ROLLBACK || p.draft.preview == null) {
      return null;
    }
    for (int i = 0; i < hooks.size(); i++) {
      HookSpec hook = hooks.get(i);
      String field = "spec.strategy.hooks." + point + "[" + i + "]";
      String key = idempotencyKey(p, point, stage, hook.name());
      HookStatus record = onRecord(p, key);
      HookStatus fresh = p.observed.hook();
      boolean lookedAt = record != null && fresh != null && key.equals(fresh.idempotencyKey());
      if (lookedAt) {
        record = fresh;
        put(p, record);
      }
      if (record != null && record.running() && !p.now.isBefore(record.startedAt().plus(hook.timeoutOrDefault()))) {
        record = record.with(HookStatus.FAILED, record.attempts(), record.taskArn(), record.stoppedReason(),
            "no verdict within " + PlanningPass.render(hook.timeoutOrDefault()) + " (" + record.message() + ")", p.now);
        put(p, record);
      }
      if (record != null && record.passed()) {
        if (lookedAt) {
          p.draft.normal(Reasons.HOOK_PASSED, "hook " + hook.name() + " (" + point + ", " + stage + ") passed: "
              + record.message());
        }
        continue;
      }
      if (record != null && record.failed()) {
        Abort.abort(p, Reasons.HOOK_FAILED, "hook " + hook.name() + " (" + field + ", " + stage + ") failed for green "
            + p.draft.preview.image() + ": " + record.message());
        return Abort.afterAbort(p);
      }
      p.progress(Reasons.RUNNING_HOOK, "running hook " + hook.name() + " (" + point + ", " + stage + ") for green "
          + p.draft.preview.image() + (record == null ? "" : ": " + record.message()));
      if (lookedAt) {
        // Looked in on in this reconcile and still running: look again after the poll interval.
        p.hookRunning = true;
        p.waitAtMost(p.pollInterval);
        return null;
      }
      if (record == null) {
        record = new HookStatus(point, stage, hook.name(), p.target.revision(), hook.kind(), HookStatus.RUNNING, key,
            0, null, null, "calling", p.now, p.now);
        put(p, record);
        p.draft.normal(Reasons.RUNNING_HOOK, "hook " + hook.name() + " (" + point + ", " + stage + ") called for green "
            + p.draft.preview.image() + " with idempotency key " + key);
      }
      return new Action.RunHook(p.target.revision(), new HookRunner.Request(p.ctx.name(), p.target.revision(),
          images(p), hook, field, record, p.spec.cluster(), placement(p), p.observed.route(p.test)
              .map(r -> r.route().listenerArn()).orElse(null)));
    }
    return null;
  }

  /**
   * The key of one hook at one point and stage for the current attempt at green: the same after a restart (it is
   * made from what the status records), a new one for a new attempt ({@code teal retry}, a new spec), because the
   * attempt's task set token ({@link Revisions#clientToken}) is part of it.
   */
  static String idempotencyKey(PlanningPass p, String point, String stage, String name) {
    String attempt = p.draft.preview.clientToken() == null ? "-" : p.draft.preview.clientToken();
    return Revisions.sha256(p.ctx.name() + "|" + p.target.revision() + "|" + attempt + "|" + point + "|" + stage + "|" + name)
        .substring(0, 32);
  }

  private static HookStatus onRecord(PlanningPass p, String key) {
    return p.draft.hooks.stream().filter(h -> h.idempotencyKey().equals(key)).findFirst().orElse(null);
  }

  /**
   * Records {@code record}, dropping the records of earlier greens and earlier attempts, and the passed record of
   * the same hook at an earlier stage (a hook before each of 20 production steps keeps one record, not 20): the
   * status stays small whatever the spec.
   */
  private static void put(PlanningPass p, HookStatus record) {
    List<HookStatus> kept = new ArrayList<>();
    for (HookStatus h : p.draft.hooks) {
      boolean current = h.revision().equals(p.target.revision())
          && h.idempotencyKey().equals(idempotencyKey(p, h.point(), h.stage(), h.name()));
      boolean earlierStage = h.point().equals(record.point()) && h.name().equals(record.name()) && h.passed();
      if (current && !earlierStage && !h.idempotencyKey().equals(record.idempotencyKey())) {
        kept.add(h);
      }
    }
    kept.add(record);
    p.draft.hooks = List.copyOf(kept);
  }

  private static Map<String, String> images(PlanningPass p) {
    return p.target.images() == null ? Map.of(p.spec.container(), p.target.image()) : p.target.images();
  }

  /** Where a hook's task runs: where green's task set runs (capacity and network), without its registries. */
  private static Placement placement(PlanningPass p) {
    Placement green = p.liveTaskSet(p.draft.preview.taskSet()).map(EcsTaskSet::placement).orElse(Placement.NONE);
    return green == null ? Placement.NONE : new Placement(green.launchType(), green.capacityProviderStrategy(),
        green.platformVersion(), green.awsvpc(), List.of());
  }
}
