package dev.teal.reconcile;

import dev.teal.aws.RouteState;
import dev.teal.model.AnalysisStatus;
import dev.teal.model.HttpAnalysisSpec;

/**
 * Runs an analysis against green through the test route. {@link #poll} never waits for the requests: it
 * starts the analysis (or resumes it from the progress on record) and says where it is, so a reconcile
 * that asks is never held by a slow or silent listener.
 */
@FunctionalInterface
public interface AnalysisRunner {

  /**
   * One analysis step.
   *
   * @param deployment whose analysis (woken through the runner's listener when it finishes)
   * @param resumeFrom the progress on record for this revision and stage, or null to start afresh
   */
  record Request(String deployment, String revision, String stage, RouteState testRoute, HttpAnalysisSpec spec,
      AnalysisStatus resumeFrom) {}

  /**
   * @return the verdict once there is one, otherwise the progress so far ({@link AnalysisStatus#inProgress()})
   */
  AnalysisStatus poll(Request request);
}
