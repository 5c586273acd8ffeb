package dev.teal.sandbox.faults;

/** How an injected failure reaches the client. */
public enum FaultKind {
  /** The protocol's real throttling error: ECS ThrottlingException, ELB/STS Throttling (HTTP 400). */
  THROTTLE,
  /** HTTP 500 with the service's internal-failure code. */
  SERVER_ERROR,
  /** The connection is closed without any response. */
  CONNECTION_RESET,
  /** The response is held longer than a client should wait, then the connection is closed. */
  TIMEOUT
}
