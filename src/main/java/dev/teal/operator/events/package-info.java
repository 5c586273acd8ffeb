/**
 * What wakes a reconcile: the DynamoDB stream of the table, the polling fallback when the stream cannot
 * be read, the periodic resync with its fleet check, and the health watch for green targets. Each source
 * only enqueues a deployment's name (level-triggered); none carries the change itself.
 *
 * <p>Plain Java: must not depend on Quarkus, CDI or {@code dev.teal.operator.wiring}.
 */
package dev.teal.operator.events;
