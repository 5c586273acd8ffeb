/**
 * The operator's Micrometer metrics ({@code teal_*} on {@code /q/metrics}): reconciles, AWS calls by
 * operation and outcome, convergence times.
 *
 * <p>Plain Java on Micrometer's API: must not depend on Quarkus, CDI or {@code dev.teal.operator.wiring}.
 */
package dev.teal.operator.metrics;
