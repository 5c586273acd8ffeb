package dev.teal.store;

/** A spec write lost a race: the document changed (or appeared) since the writer read it. */
public class ConflictException extends StoreException {

  private final String name;

  public ConflictException(String name, String message) {
    super(message);
    this.name = name;
  }

  /** The standard message: "web was changed by someone else since you read it (resourceVersion 3)...". */
  public static ConflictException changedSince(String name, long expectedResourceVersion) {
    return new ConflictException(name, name + " was changed by someone else since you read it (resourceVersion "
        + expectedResourceVersion + "); re-read and retry");
  }

  public static ConflictException alreadyExists(String name, long resourceVersion) {
    return new ConflictException(name, name + " already exists (resourceVersion " + resourceVersion
        + "); someone else created it since you read it: re-read and retry");
  }

  public String name() {
    return name;
  }
}
