package dev.teal.reconcile;

import dev.teal.aws.RouteState;
import dev.teal.model.AnalysisStatus;
import dev.teal.model.HttpAnalysisSpec;

/** Runs an analysis against green through the test route and reports the outcome. */
@FunctionalInterface
public interface AnalysisRunner {

  AnalysisStatus run(String revision, String stage, RouteState testRoute, HttpAnalysisSpec spec);
}
