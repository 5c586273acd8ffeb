/**
 * The reconciler: observe, plan, act.
 *
 * <p>{@link dev.teal.reconcile.Observer} reads the world through the gateways;
 * {@link dev.teal.reconcile.Planner} is a pure function from (spec, status, observed, now) to the next
 * action and the status that goes with it; {@link dev.teal.reconcile.Executor} performs one action;
 * {@link dev.teal.reconcile.Reconciler} loops the three and writes the status. Nothing here imports
 * Quarkus or the AWS SDK.
 */
package dev.teal.reconcile;
