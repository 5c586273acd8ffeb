package dev.teal.store;

/**
 * The names in the DynamoDB table, as documented in docs/document-store.md. One table holds every
 * deployment document, its audit records and (for the daemon) other records such as the operator
 * lease under {@code name = "#operator"}; {@code #} cannot occur in a deployment name.
 */
public final class ItemLayout {

  public static final String DEFAULT_TABLE = "teal-deployments";

  /** Partition key (S): the deployment's {@code metadata.name}. */
  public static final String NAME = "name";
  /** Sort key (S): {@link #DOCUMENT_SK} for the document, {@code audit#<instant>#<generation>#<rv>} for audit records. */
  public static final String SK = "sk";
  public static final String DOCUMENT_SK = "deployment";
  public static final String AUDIT_PREFIX = "audit#";

  public static final String API_VERSION = "apiVersion";
  public static final String KIND = "kind";
  public static final String LABELS = "labels";
  public static final String SPEC = "spec";
  public static final String STATUS = "status";
  public static final String GENERATION = "generation";
  public static final String RESOURCE_VERSION = "resourceVersion";
  public static final String STATUS_VERSION = "statusVersion";
  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";
  public static final String UPDATED_BY = "updatedBy";

  public static final String AT = "at";
  public static final String ACTOR = "actor";
  public static final String COMMAND = "command";
  public static final String CHANGES = "changes";

  /** The partition key under which the daemon keeps its lease item. */
  public static final String OPERATOR_PARTITION = "#operator";

  private ItemLayout() {}
}
