package dev.teal.document;

import static dev.teal.document.DocumentValidator.MAX_REASON;

import dev.teal.model.ControlSpec;

/**
 * The rules of {@code spec.control}: the requests behind pause, resume, abort, retry and promote --full.
 */
final class ControlRules {

  private ControlRules() {}

  static void control(Rules r, ControlSpec c) {
    if (c == null) {
      return;
    }
    String p = "spec.control.";
    r.range(p + "retry", c.retry(), 0, Integer.MAX_VALUE);
    if (c.pause() != null) {
      by(r, p + "pause.by", c.pause().by());
    }
    if (c.resume() != null) {
      revision(r, p + "resume.revision", c.resume().revision());
      r.required(p + "resume.step", c.resume().step()).range(p + "resume.step", c.resume().step(), 1, 100);
      by(r, p + "resume.by", c.resume().by());
    }
    if (c.abort() != null) {
      revision(r, p + "abort.revision", c.abort().revision());
      by(r, p + "abort.by", c.abort().by());
    }
    if (c.fullPromotion() != null) {
      revision(r, p + "fullPromotion.revision", c.fullPromotion().revision());
      String reason = c.fullPromotion().reason();
      if (reason == null || reason.isBlank()) {
        r.add(p + "fullPromotion.reason", "is required: say why the remaining steps and analysis are skipped");
      } else if (reason.length() > MAX_REASON) {
        r.add(p + "fullPromotion.reason", "must be at most " + MAX_REASON + " characters");
      }
      by(r, p + "fullPromotion.by", c.fullPromotion().by());
    }
  }

  static void revision(Rules r, String path, String revision) {
    r.required(path, revision).pattern(path, revision, Patterns.REVISION,
        "must be a revision id as status.preview.revision shows it (8 hex, or adopted-<8 hex>)");
  }

  static void by(Rules r, String path, String by) {
    if (by != null && by.length() > Patterns.CALLER_MAX) {
      r.add(path, "must be at most " + Patterns.CALLER_MAX + " characters");
    }
  }
}
