package dev.teal.sandbox;

/** What a simulated container does, decided by markers in its image name (see {@link SimulatorConfig}). */
public enum ImageBehaviour {
  /** Starts, passes health checks, answers 200. */
  NORMAL,
  /** Starts, but its targets fail health checks. */
  UNHEALTHY,
  /** Starts and stops again shortly after; replacements do the same. Never healthy. */
  CRASHLOOP,
  /**
   * Passes health checks, but requests routed to it through a listener answer 500: all of them, or the share
   * the image names ({@link SimulatorConfig#errorPercentOf}).
   */
  ERRORS,
  /** Its image cannot be pulled: the task stops before it runs (CannotPullContainerError); replacements do the same. */
  PULL_ERROR
}
