package dev.teal.reconcile;

import dev.teal.aws.RouteState;
import dev.teal.model.AnalysisStatus;

/**
 * Analysis: at each stage boundary (the preview, {@value Planner#PREVIEW_STAGE}, and every promotion
 * step, {@code step-N}) green is checked through the test route before it goes further; a failed
 * analysis aborts it. The check itself runs in the executor ({@link Action.RunAnalysis}); its result
 * comes back in the observation. Further stage checks (metric queries, hooks) belong next to this one;
 * what green must meet all the time is in {@link Gates}.
 */
final class Analysis {

  private Analysis() {}

  /** Runs (or folds in the result of) the analysis for a stage; null when it has passed or is not configured. */
  static Action analyse(PlanningPass p, String stage) {
    var http = p.spec.strategy().analysis() == null ? null : p.spec.strategy().analysis().http();
    if (http == null || passed(p, stage)) {
      return null;
    }
    AnalysisStatus fresh = p.observed.analysis();
    if (fresh != null && fresh.revision().equals(p.target.revision()) && fresh.stage().equals(stage)) {
      p.draft.analysis = fresh;
      if (fresh.passed()) {
        p.draft.normal(Reasons.ANALYSIS_PASSED, "analysis " + stage + " passed: " + fresh.message());
        return null;
      }
      Abort.abort(p, Reasons.ANALYSIS_FAILED, "analysis " + stage + " of green " + fresh.revision() + " failed: "
          + fresh.message());
      return Abort.afterAbort(p);
    }
    RouteState testRoute = p.observed.route(p.test).orElseThrow();
    if (testRoute.weightOf(p.draft.preview.targetGroup()) != 100) {
      return null; // the test route is being moved; analyse once it reaches green
    }
    p.progress(Reasons.ANALYSING, "analysing green " + p.target.image() + " (" + stage + ")");
    return new Action.RunAnalysis(p.target.revision(), stage, p.test, http);
  }

  /** Whether the stage has passed for the target (or no analysis is configured). */
  static boolean passed(PlanningPass p, String stage) {
    var analysis = p.spec.strategy().analysis();
    if (analysis == null || analysis.http() == null) {
      return true;
    }
    return p.draft.analysis != null && p.draft.analysis.passed() && p.target != null
        && p.draft.analysis.revision().equals(p.target.revision()) && p.draft.analysis.stage().equals(stage);
  }
}
