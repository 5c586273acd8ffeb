package dev.teal.model;

/**
 * Tags teal puts on every AWS resource it creates or adopts, so it can find them again after a crash,
 * so it never touches a resource without them, and so {@code teal delete} can tell whether a deployment
 * still has live resources.
 */
public final class OwnershipTags {

  /** Marks a resource as created by teal; its value is always {@link #MANAGED_BY_VALUE}. */
  public static final String MANAGED_BY = "teal.dev/managed-by";

  public static final String MANAGED_BY_VALUE = "teal";

  /** The {@code metadata.name} of the deployment the resource belongs to. */
  public static final String DEPLOYMENT = "teal.dev/deployment";

  /** The revision id (derived from the spec) the resource runs. */
  public static final String REVISION = "teal.dev/revision";

  /**
   * On a task definition teal registered: the task definition revision it copied (the template), so a
   * family whose newest revision is teal's own copy still resolves to the template people registered.
   */
  public static final String TEMPLATE = "teal.dev/template";

  /** Set on a task set that existed before teal and was taken over as the stable revision. */
  public static final String ADOPTED = "teal.dev/adopted";

  private OwnershipTags() {}
}
