package dev.teal.store;

/**
 * DynamoDB refused a status write because the item (spec and status together) would exceed its 400 KB
 * item limit. Retrying the same write cannot help; the writer records a smaller status instead.
 */
public class StatusTooLargeException extends StoreException {

  public StatusTooLargeException(String message, Throwable cause) {
    super(message, cause);
  }
}
