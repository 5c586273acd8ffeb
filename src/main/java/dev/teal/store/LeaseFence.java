package dev.teal.store;

import java.util.Objects;

/**
 * A condition on another item in the table that must still hold for a status write to land: the
 * writer's lease. Checked with a {@code ConditionCheck} in the same {@code TransactWriteItems} as the
 * status update, so an operator that lost its lease cannot write a status after the new holder did.
 *
 * @param name partition key of the lease item (the daemon uses {@code #operator})
 * @param sortKey sort key of the lease item
 * @param tokenAttribute the attribute holding the current holder's token
 * @param token the token this writer holds; the write fails unless the item still carries it
 */
public record LeaseFence(String name, String sortKey, String tokenAttribute, String token) {

  public LeaseFence {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sortKey, "sortKey");
    Objects.requireNonNull(tokenAttribute, "tokenAttribute");
    Objects.requireNonNull(token, "token");
  }
}
