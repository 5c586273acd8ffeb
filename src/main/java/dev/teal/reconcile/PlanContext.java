package dev.teal.reconcile;

import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import java.time.Instant;

/**
 * Everything the planner decides from.
 *
 * @param spec the spec with defaults applied
 * @param status the status as last written (never null; {@link DeploymentStatus#empty()} at first)
 */
public record PlanContext(
    String name, long generation, String specHash, DeploymentSpec spec, DeploymentStatus status,
    Observed observed, Instant now) {}
