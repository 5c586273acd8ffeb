/**
 * The reconciler: observe, plan, act, for one deployment at a time.
 *
 * <p>{@link dev.teal.reconcile.Observer} reads the world through the gateways;
 * {@link dev.teal.reconcile.Planner} is a pure function from (spec, status, observed, now) to the next
 * action and the status that goes with it; {@link dev.teal.reconcile.Executor} performs one action;
 * {@link dev.teal.reconcile.Reconciler} loops the three and writes the status through the store;
 * {@link dev.teal.reconcile.FleetCheck} tells settled deployments whose world drifted;
 * {@link dev.teal.reconcile.PlanPreview} runs the observer and planner read only for {@code teal plan}
 * (the one class here the CLI may use).
 *
 * <p>The planner is split by concern: one planning pass ({@code PlanningPass}, the shared context)
 * goes through small package-private units, each named for what it decides ({@code StableResolution},
 * {@code TargetChoice}, {@code Routes}, {@code CleanUp}, {@code BlueGreen}, {@code Promotion},
 * {@code Rollback}, {@code StatusPhase}, ...), in the order {@code Planner.firstAction} lists.
 * docs/architecture.md has the table. The planning units are pure: no I/O, no clock, no Quarkus, no
 * AWS SDK, no store ({@code ArchitectureTest} checks it). Nothing in this package imports Quarkus or
 * the AWS SDK; it reaches AWS only through the {@code dev.teal.aws} gateway interfaces.
 */
package dev.teal.reconcile;
