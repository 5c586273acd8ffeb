package dev.teal.store;

/** Who is calling, for the audit trail: the caller's ARN as STS GetCallerIdentity reports it. */
@FunctionalInterface
public interface CallerIdentity {

  /**
   * @throws StoreUnavailableException when the identity cannot be determined
   */
  String arn();

  /** A fixed identity, for tests and for callers that already know who they are. */
  static CallerIdentity fixed(String arn) {
    return () -> arn;
  }
}
