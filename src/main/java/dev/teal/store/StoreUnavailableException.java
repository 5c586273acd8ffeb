package dev.teal.store;

/** DynamoDB (or STS) could not be reached, refused the credentials, or the table does not exist. */
public class StoreUnavailableException extends StoreException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
