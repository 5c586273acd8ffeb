package dev.teal.store;

/** No deployment document by that name. */
public class NotFoundException extends StoreException {

  public NotFoundException(String name) {
    super("deployment " + name + " not found");
  }
}
