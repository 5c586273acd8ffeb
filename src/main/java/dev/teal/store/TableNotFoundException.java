package dev.teal.store;

/** The table of the documents does not exist (create it with {@code teal init}). */
public class TableNotFoundException extends StoreUnavailableException {

  public TableNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
