/**
 * The daemon's core: the operator (work queue, event sources, lease and reconciler put together by
 * {@link dev.teal.operator.OperatorAssembly}), one reconcile per work item ({@link
 * dev.teal.operator.ReconcileHandler}) and the read model the status API and health checks use.
 *
 * <p>Plain Java so a second instance, a benchmark or a test can build it without CDI: only {@link
 * dev.teal.operator.OperatorLifecycle} may use Quarkus or CDI. Must not depend on {@code dev.teal.cli}
 * or on the sandbox.
 */
package dev.teal.operator;
