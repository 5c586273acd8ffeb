package dev.teal.reconcile;

import dev.teal.aws.RouteState;
import dev.teal.model.AnalysisStatus;

/**
 * Analysis: at each stage boundary (the preview, {@value Planner#PREVIEW_STAGE}, and every promotion
 * step, {@code step-N}) green is checked through the test route before it goes further; a failed
 * analysis aborts it. The check itself runs off the reconcile ({@link Action.RunAnalysis} starts it, on
 * the runner's own virtual threads); its progress and then its verdict come back in the observation, and
 * while it runs ({@link PlanningPass#analysisRunning}) nothing that waits for the verdict goes ahead.
 * Further stage checks (metric queries, hooks) belong next to this one; what green must meet all the
 * time is in {@link Gates}.
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
    if (fresh != null && fresh.isFor(p.target.revision(), stage)) {
      p.draft.analysis = fresh;
      if (fresh.inProgress()) {
        // Running off the reconcile: record how far it got (a new holder resumes from there) and look again.
        p.analysisRunning = true;
        p.progress(Reasons.ANALYSING, "analysing green " + p.target.image() + " (" + stage + "): " + fresh.message());
        p.waitAtMost(p.pollInterval);
        return null;
      }
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
    AnalysisStatus onRecord = p.draft.analysis != null && p.draft.analysis.inProgress()
        && p.draft.analysis.isFor(p.target.revision(), stage) ? p.draft.analysis : null;
    return new Action.RunAnalysis(p.target.revision(), stage, p.test, http, p.ctx.name(), onRecord);
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
