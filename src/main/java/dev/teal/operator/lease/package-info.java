/**
 * The leader lease: one conditional DynamoDB item, renewed by its holder, and the fence that makes every
 * status write carry the lease token, so an instance that lost its lease cannot write after the new
 * holder did.
 *
 * <p>Plain Java: must not depend on Quarkus, CDI or {@code dev.teal.operator.wiring}.
 */
package dev.teal.operator.lease;
