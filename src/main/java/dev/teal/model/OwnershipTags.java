package dev.teal.model;

/** Tag keys teal puts on every AWS resource it creates or adopts; it touches nothing without them. */
public final class OwnershipTags {

  public static final String MANAGED_BY = "teal.dev/managed-by";
  public static final String MANAGED_BY_VALUE = "teal";
  public static final String DEPLOYMENT = "teal.dev/deployment";
  public static final String REVISION = "teal.dev/revision";
  /** Set on a task set that existed before teal and was taken over as the stable revision. */
  public static final String ADOPTED = "teal.dev/adopted";

  private OwnershipTags() {}
}
