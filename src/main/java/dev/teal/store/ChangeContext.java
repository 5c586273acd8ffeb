package dev.teal.store;

import java.util.Objects;

/**
 * Who makes a spec change and how, for the audit record.
 *
 * @param actor the caller's ARN from STS GetCallerIdentity
 * @param command the command line that made the change, e.g. {@code teal set-image web nginx:1.27}, or
 *     {@link #DIRECT} when unknown
 */
public record ChangeContext(String actor, String command) {

  public static final String DIRECT = "direct";
  public static final String UNKNOWN_ACTOR = "unknown";

  public ChangeContext {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(command, "command");
  }

  /** A change whose origin is not known (e.g. a library caller that does not say). */
  public static ChangeContext unknown() {
    return new ChangeContext(UNKNOWN_ACTOR, DIRECT);
  }
}
