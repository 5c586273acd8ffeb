package dev.teal.store;

/**
 * A status write was refused because what it was computed from no longer holds: the spec or its
 * generation changed (even by a direct write that did not bump the generation), another operator
 * instance wrote the status first, or the writer's lease was lost. Re-read and reconcile again.
 */
public class StaleStatusException extends StoreException {

  public StaleStatusException(String message) {
    super(message);
  }
}
