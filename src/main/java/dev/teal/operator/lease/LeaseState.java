package dev.teal.operator.lease;

/** What an instance knows about the leader lease. */
public enum LeaseState {
  /** Not known yet: the lease has not been read or written successfully since the start. */
  UNKNOWN("unknown"),
  /** This instance holds the lease (it may still have stopped acting, see {@link Leadership#canAct()}). */
  HOLDER("holder"),
  /** Another instance holds the lease, or nobody does and this one stopped trying. */
  STANDBY("standby");

  private final String label;

  LeaseState(String label) {
    this.label = label;
  }

  /** The word used in readiness data and logs. */
  public String label() {
    return label;
  }
}
