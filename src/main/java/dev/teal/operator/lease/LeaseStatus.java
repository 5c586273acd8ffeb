package dev.teal.operator.lease;

import java.time.Instant;

/**
 * A snapshot of the lease as this instance last saw it.
 *
 * @param holder the holder's operator id, or null when not known
 * @param expiresAt when the holder's lease runs out (on the holder's clock), or null when not known
 */
public record LeaseStatus(LeaseState state, String holder, Instant expiresAt) {

  public static final LeaseStatus UNKNOWN = new LeaseStatus(LeaseState.UNKNOWN, null, null);
}
