package dev.teal.reconcile;

import java.util.Map;

/**
 * What the current spec asks to run, when the stable revision is not already that (chosen by
 * {@link TargetChoice}; null in {@link PlanningPass#target} otherwise).
 *
 * @param images every container image green runs, {@code spec.container}'s first
 * @param template the task definition revision green is copied from when the spec follows a family;
 *     null when the spec names it ({@code spec.taskDefinition} pins a revision)
 */
record Target(String revision, String image, Mode mode, Map<String, String> images, String template) {

  Target(String revision, String image, Mode mode) {
    this(revision, image, mode, null, null);
  }

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
