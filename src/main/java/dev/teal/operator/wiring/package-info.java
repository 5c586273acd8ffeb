/**
 * The Quarkus wiring: CDI producers for the SDK clients, the store, the clock and the operator, the
 * translation of {@code teal.*} into the core's settings, and the order of start-up and shutdown.
 * The only place besides {@link dev.teal.operator.OperatorLifecycle} that joins Quarkus to the core;
 * nothing in the core may depend on it.
 */
package dev.teal.operator.wiring;
