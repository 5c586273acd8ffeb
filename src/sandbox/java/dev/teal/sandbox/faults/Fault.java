package dev.teal.sandbox.faults;

/**
 * A decision to fail one call.
 *
 * @param applyFirst run the operation before failing, so the effect lands but the client sees an
 *                   error, as AWS sometimes does
 */
public record Fault(FaultKind kind, boolean applyFirst) {
}
