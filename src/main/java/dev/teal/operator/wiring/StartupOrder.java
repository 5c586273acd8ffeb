package dev.teal.operator.wiring;

/**
 * The order of the daemon's StartupEvent and ShutdownEvent observers ({@code @Priority}, lowest first):
 * the dev-mode sandbox must be up before the operator calls it, and must outlive the operator's
 * shutdown so the lease release reaches it.
 */
public final class StartupOrder {

  /** Start the dev-mode sandbox. */
  public static final int SANDBOX = 100;
  /** Start the operator. */
  public static final int OPERATOR = 200;
  /** Start delivering notifications (it sends only while the operator holds the lease). */
  public static final int NOTIFIER = 250;
  /** Print what a person needs (dev mode), once everything runs. */
  public static final int ANNOUNCE = 300;

  /** Stop delivering notifications (what is in flight is sent again by the next holder)... */
  public static final int STOP_NOTIFIER = 50;
  /** ...stop the operator, releasing its lease... */
  public static final int STOP_OPERATOR = 100;
  /** ...then the sandbox it talked to. */
  public static final int STOP_SANDBOX = 200;

  private StartupOrder() {}
}
