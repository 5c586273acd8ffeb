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
}
