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
  /**
   * Sort key (S): {@link #DOCUMENT_SK} for the document, {@code audit#<instant>#<generation>#<rv>} for audit
   * records, {@code history#NN} for status history entries.
   */
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

  /**
   * Sort key prefix of a deployment's status history: {@code history#NN}, NN the written status version
   * modulo {@link #HISTORY_SLOTS}, so a deployment keeps at most that many entries (a ring).
   */
  public static final String HISTORY_PREFIX = "history#";
  /** How many history slots a deployment has: the entries of its last this many status writes. */
  public static final int HISTORY_SLOTS = 64;
  /** In the operator's partition: the cursor of a deployment's newest notification ({@code outbox#<name>}). */
  public static final String OUTBOX_PREFIX = "outbox#";
  /** In the operator's partition: how far a sink has delivered a deployment's notifications. */
  public static final String DELIVERED_PREFIX = "delivered#";
  /** In the operator's partition: when a sink was first configured ({@code sink#<sink>}). */
  public static final String SINK_PREFIX = "sink#";

  public static final String INCARNATION = "incarnation";
  public static final String ENTRY = "entry";
  public static final String DEPLOYMENT = "deployment";
  public static final String HEAD = "head";
  public static final String SINK = "sink";
  public static final String UP_TO = "upTo";
  public static final String EVENT_ID = "eventId";
  public static final String SINCE = "since";
  /** Epoch seconds after which DynamoDB's TTL may delete the item (history and delivery records only). */
  public static final String EXPIRES_AT = "expiresAt";

  private ItemLayout() {}
}
