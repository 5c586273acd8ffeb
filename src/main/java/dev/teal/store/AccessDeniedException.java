package dev.teal.store;

/** AWS refused the caller: the credentials are not valid, or IAM does not allow the call. */
public class AccessDeniedException extends StoreUnavailableException {

  public AccessDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
