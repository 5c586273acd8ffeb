package dev.teal.cli;

/** The exit codes of {@code teal}, documented in docs/cli.md and {@code teal --help}. */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int UNEXPECTED = 1;
  public static final int USAGE = 2;
  public static final int INVALID_DOCUMENT = 3;
  public static final int CONFLICT = 4;
  public static final int NOT_FOUND = 5;
  public static final int REFUSED = 6;
  public static final int DEGRADED_OR_FAILED = 7;
  public static final int TIMED_OUT = 8;
  /** DynamoDB or AWS could not be reached (or was unavailable after the SDK's retries). */
  public static final int UNAVAILABLE = 9;
  /** AWS refused the credentials or IAM denied a call. */
  public static final int ACCESS_DENIED = 10;
  /** The documents' table does not exist. */
  public static final int TABLE_MISSING = 11;

  private ExitCodes() {}
}
