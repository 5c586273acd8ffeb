package dev.teal.store;

/** Something the store could not do; the subclasses say what, in words fit for a user. */
public class StoreException extends RuntimeException {

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
