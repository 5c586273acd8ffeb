package dev.teal.reconcile;

/**
 * What the current spec asks to run, when the stable revision is not already that (chosen by
 * {@link TargetChoice}; null in {@link PlanningPass#target} otherwise).
 */
record Target(String revision, String image, Mode mode) {

  /** How a revision is brought to production. */
  enum Mode {
    /** A new image: preview behind the test route, wait for promote, stepped shift with analysis. */
    NORMAL,
    /** The service has no stable revision yet: nothing to preview against, straight to production once healthy. */
    FIRST,
    /** Returning to the last stable image: health gate only, one step, the demoted revision torn down. */
    ROLLBACK
  }
}
