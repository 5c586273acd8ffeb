package dev.teal.document;

import static dev.teal.document.DocumentValidator.MAX_ALARMS;
import static dev.teal.document.DocumentValidator.MAX_AUTO_PROMOTE_AFTER;
import static dev.teal.document.DocumentValidator.MAX_BAKE;
import static dev.teal.document.DocumentValidator.MAX_PROGRESS_DEADLINE;
import static dev.teal.document.DocumentValidator.MAX_SCALE_DOWN_DELAY;
import static dev.teal.document.DocumentValidator.MAX_STEPS;
import static dev.teal.document.DocumentValidator.MAX_STEP_INTERVAL;
import static dev.teal.document.DocumentValidator.MIN_PROGRESS_DEADLINE;

import dev.teal.model.AnalysisSpec;
import dev.teal.model.CanaryShift;
import dev.teal.model.GatesSpec;
import dev.teal.model.HttpAnalysisSpec;
import dev.teal.model.LinearShift;
import dev.teal.model.PromotionSpec;
import dev.teal.model.PromotionStep;
import dev.teal.model.StrategySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The rules of {@code spec.strategy}: preview scale, promotion steps or linear/canary shifts, the durations
 * the HTTP analysis, the gates, fail fast and the bake.
 */
final class StrategyRules {

  private StrategyRules() {}

  static void strategy(Rules r, StrategySpec s) {
    String p = "spec.strategy.";
    r.range(p + "previewScale", s.previewScale(), 1, 100);
    promotion(r, s.promotion());
    r.duration(p + "autoPromoteAfter", s.autoPromoteAfter(), Duration.ZERO, MAX_AUTO_PROMOTE_AFTER);
    r.duration(p + "scaleDownDelay", s.scaleDownDelay(), Duration.ZERO, MAX_SCALE_DOWN_DELAY);
    r.duration(p + "progressDeadline", s.progressDeadline(), MIN_PROGRESS_DEADLINE, MAX_PROGRESS_DEADLINE);
    r.duration(p + "bake", s.bake(), Duration.ZERO, MAX_BAKE);
    analysis(r, s.analysis());
    gates(r, s.gates());
    if (s.failFast() != null) {
      r.range(p + "failFast.unhealthyChecks", s.failFast().unhealthyChecks(), 0, 100);
      r.range(p + "failFast.stoppedTasks", s.failFast().stoppedTasks(), 0, 100);
    }
  }

  static void gates(Rules r, GatesSpec gates) {
    if (gates == null) {
      return;
    }
    MetricGateRules.metrics(r, gates.metrics());
    String p = "spec.strategy.gates.alarms";
    List<String> alarms = gates.alarms();
    if (alarms.size() > MAX_ALARMS) {
      r.add(p, "must name at most " + MAX_ALARMS + " alarms (names " + alarms.size() + ")");
    }
    for (int i = 0; i < alarms.size(); i++) {
      String name = alarms.get(i);
      r.required(p + "[" + i + "]", name);
      r.pattern(p + "[" + i + "]", name, Patterns.ALARM_NAME,
          "must be a CloudWatch alarm name: 1 to 255 characters, no control characters");
      if (name != null && alarms.indexOf(name) < i) {
        r.add(p + "[" + i + "]", "names alarm " + Rules.quote(name) + " twice");
      }
    }
  }

  static void promotion(Rules r, PromotionSpec promotion) {
    String p = "spec.strategy.promotion.";
    int forms = (promotion.steps() != null ? 1 : 0) + (promotion.linear() != null ? 1 : 0)
        + (promotion.canary() != null ? 1 : 0);
    if (forms > 1) {
      r.add(p + "steps", "give steps, linear or canary, not several: linear and canary stand for steps");
    }
    if (promotion.steps() != null) {
      steps(r, p + "steps", promotion.steps());
    }
    LinearShift linear = promotion.linear();
    if (linear != null) {
      r.range(p + "linear.stepPercent", linear.stepPercent(), 3, 100);
      r.duration(p + "linear.stepBakeTime", linear.stepBakeTime(), Duration.ZERO, MAX_STEP_INTERVAL);
    }
    CanaryShift canary = promotion.canary();
    if (canary != null) {
      r.range(p + "canary.canaryPercent", canary.canaryPercent(), 1, 99);
      r.duration(p + "canary.canaryBakeTime", canary.canaryBakeTime(), Duration.ZERO, MAX_STEP_INTERVAL);
    }
    r.duration(p + "stepInterval", promotion.stepInterval(), Duration.ZERO, MAX_STEP_INTERVAL);
  }

  static void steps(Rules r, String path, List<PromotionStep> steps) {
    if (steps.isEmpty()) {
      r.add(path, "must not be empty; write [100] to shift all traffic at once");
      return;
    }
    if (steps.size() > MAX_STEPS) {
      r.add(path, "must have at most " + MAX_STEPS + " steps (has " + steps.size() + ")");
      return;
    }
    boolean inRange = true;
    for (int i = 0; i < steps.size(); i++) {
      Integer weight = steps.get(i) == null ? null : steps.get(i).weight();
      if (weight == null || weight < 1 || weight > 100) {
        r.add(path + "[" + i + "]", "must be a percentage between 1 and 100 (was " + weight + ")");
        inRange = false;
        continue;
      }
      PromotionStep.StepPause pause = steps.get(i).pause();
      if (pause != null && weight == 100) {
        r.add(path + "[" + i + "].pause", "must not be set on the step at 100: the shift is complete there and"
            + " nothing follows to wait for (pause the step before it instead)");
      } else if (pause != null) {
        r.duration(path + "[" + i + "].pause.duration", pause.duration(), Duration.ZERO, MAX_STEP_INTERVAL);
      }
    }
    List<Integer> weights = steps.stream().map(s -> s == null ? null : s.weight()).toList();
    boolean increasing = true;
    for (int i = 1; i < steps.size() && inRange; i++) {
      increasing &= weights.get(i) > weights.get(i - 1);
    }
    if (inRange && (!increasing || weights.get(weights.size() - 1) != 100)) {
      r.add(path, "must be increasing and end at 100 (was " + weights + ")");
    }
  }

  static void analysis(Rules r, AnalysisSpec analysis) {
    if (analysis == null || analysis.http() == null) {
      return;
    }
    HttpAnalysisSpec h = analysis.http();
    String p = "spec.strategy.analysis.http.";
    r.required(p + "path", h.path());
    analysisPath(r, p + "path", h.path());
    r.range(p + "expectStatus", h.expectStatus(), 100, 599);
    r.range(p + "requests", h.requests(), 1, 1000);
    if (h.maxFailures() != null && h.requests() != null && h.maxFailures() > h.requests()) {
      r.add(p + "maxFailures", "must be between 0 and requests (" + h.requests() + "), was " + h.maxFailures());
    } else {
      r.range(p + "maxFailures", h.maxFailures(), 0, 1000);
    }
  }

  /**
   * The analysis path is sent by the operator itself, so it must stay on the test listener: a path and
   * nothing else ({@link Patterns#ANALYSIS_PATH}), whose %XX escapes decode to text. {@code //host/...}
   * would be another host once resolved against the listener's address.
   */
  static void analysisPath(Rules r, String path, String value) {
    analysisPathProblem(value).ifPresent(problem -> r.add(path, problem));
  }

  /** Why {@code value} is not a safe analysis path, if it is not. */
  static Optional<String> analysisPathProblem(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty(); // "is required" is reported on its own
    }
    if (value.length() > Patterns.HTTP_PATH_MAX || !Patterns.matches(Patterns.ANALYSIS_PATH, value)) {
      return Optional.of("must be a path on the test listener, at most " + Patterns.HTTP_PATH_MAX
          + " characters: '/' then segments of letters, digits, -._~!$&'()*+,;=:@ or %XX escapes, one '/' between"
          + " them, and an optional ?query; no scheme, no host, no '//', no '\\', no '#' (was "
          + Rules.quote(value) + ")");
    }
    if (!decodesToText(value)) {
      return Optional.of("must percent-decode to UTF-8 text without control characters (was "
          + Rules.quote(value) + ")");
    }
    return Optional.empty();
  }

  /** Whether every %XX escape of a pattern-checked path decodes to well-formed UTF-8 with no control character. */
  private static boolean decodesToText(String value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        int high = i + 1 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
        int low = i + 2 < value.length() ? Character.digit(value.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0) {
          return false;
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        bytes.write(c); // the pattern admits ASCII only outside escapes
      }
    }
    try {
      String decoded = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
      return decoded.codePoints().noneMatch(Character::isISOControl);
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
