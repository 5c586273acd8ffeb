package dev.teal.store;

/** No deployment document by that name. */
public class NotFoundException extends StoreException {

  public NotFoundException(String name) {
    super("deployment " + name + " not found");
  }

  /** With a hint on what to do, e.g. why a document was expected to exist. */
  public NotFoundException(String name, String hint) {
    super("deployment " + name + " not found; " + hint);
  }

  private NotFoundException(String message, boolean verbatim) {
    super(message);
  }

  /** Something other than the document is not found (a revision, say): {@code message} says what. */
  public static NotFoundException saying(String message) {
    return new NotFoundException(message, true);
  }
}
