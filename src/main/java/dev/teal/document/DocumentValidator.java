package dev.teal.document;

import dev.teal.model.AnalysisSpec;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.CanaryShift;
import dev.teal.model.ControlSpec;
import dev.teal.model.LinearShift;
import dev.teal.model.PromotionStep;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.HealthCheckSpec;
import dev.teal.model.HttpAnalysisSpec;
import dev.teal.model.NetworkSpec;
import dev.teal.model.NotificationSpec;
import dev.teal.model.ObjectMeta;
import dev.teal.model.PromotionSpec;
import dev.teal.model.StrategySpec;
import dev.teal.model.TargetGroupSpec;
import dev.teal.model.TrafficSpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The semantic rules of a BlueGreenDeployment. Every rule that fails is reported, as a {@link Violation}
 * whose path names the field and whose message states the rule.
 *
 * <p>Duration bounds (chosen so a typo cannot stall or rush a deployment): {@code stepInterval}
 * 0s–24h, {@code autoPromoteAfter} 0s–168h (7 days), {@code scaleDownDelay} 0s–168h, {@code
 * progressDeadline} 30s–24h. Other ranges are the ones ALB and ECS enforce; see the JSON Schema and
 * docs/document.md for the full list.
 *
 * <p>Rules that depend on several fields are checked on the spec with defaults applied, so a health
 * check interval of 5 s is refused because the default timeout (5 s) would not be shorter.
 */
public final class DocumentValidator {

  public static final Duration MAX_STEP_INTERVAL = Duration.ofHours(24);
  public static final Duration MAX_AUTO_PROMOTE_AFTER = Duration.ofDays(7);
  public static final Duration MAX_SCALE_DOWN_DELAY = Duration.ofDays(7);
  public static final Duration MIN_PROGRESS_DEADLINE = Duration.ofSeconds(30);
  public static final Duration MAX_PROGRESS_DEADLINE = Duration.ofHours(24);
  public static final int MAX_STEPS = 20;
  /** ECS: at most 10 container definitions per task definition. */
  public static final int MAX_IMAGES = 10;
  public static final int MAX_REASON = 500;
  public static final String STATUS_REFUSED =
      "is written only by the operator; remove the status block from the file";

  private DocumentValidator() {}

  /** Validates a document as applied by a person or CI: everything, including that it has no status. */
  public static List<Violation> validate(BlueGreenDeployment document) {
    Rules r = new Rules();
    if (!BlueGreenDeployment.API_VERSION.equals(document.apiVersion())) {
      r.add("apiVersion", "must be " + BlueGreenDeployment.API_VERSION + " (was " + quote(document.apiVersion()) + ")");
    }
    if (!BlueGreenDeployment.KIND.equals(document.kind())) {
      r.add("kind", "must be " + BlueGreenDeployment.KIND + " (was " + quote(document.kind()) + ")");
    }
    metadata(r, document.metadata());
    if (document.spec() == null) {
      r.add("spec", "is required");
    } else {
      r.all(validateSpec(document.spec()));
    }
    if (document.status() != null) {
      r.add("status", STATUS_REFUSED);
    }
    return r.violations;
  }

  /** Throws {@link InvalidDocumentException} when {@link #validate} finds anything. */
  public static void check(BlueGreenDeployment document) {
    List<Violation> violations = validate(document);
    if (!violations.isEmpty()) {
      throw new InvalidDocumentException(violations);
    }
  }

  /** Validates a name on its own, e.g. one given on the command line. */
  public static List<Violation> validateName(String name) {
    Rules r = new Rules();
    name(r, name);
    return r.violations;
  }

  /** Validates a spec; paths start with {@code spec.}. Usable on a spec read back from the store. */
  public static List<Violation> validateSpec(DeploymentSpec written) {
    Rules r = new Rules();
    if (written == null) {
      r.add("spec", "is required");
      return r.violations;
    }
    DeploymentSpec spec = SpecDefaults.apply(written);
    r.required("spec.cluster", spec.cluster()).pattern("spec.cluster", spec.cluster(), Patterns.CLUSTER,
        "must be an ECS cluster name or ARN");
    r.required("spec.service", spec.service()).pattern("spec.service", spec.service(), Patterns.ECS_NAME,
        "must be an ECS service name: letters, digits, '-' and '_', at most 255");
    r.required("spec.taskDefinition", spec.taskDefinition()).pattern("spec.taskDefinition", spec.taskDefinition(),
        Patterns.TASK_DEFINITION, "must be a task definition family, family:revision or ARN");
    r.required("spec.container", spec.container()).pattern("spec.container", spec.container(), Patterns.CONTAINER,
        "must be a container name: letters, digits, '-' and '_', at most 255");
    r.required("spec.containerPort", spec.containerPort()).range("spec.containerPort", spec.containerPort(), 1, 65535);
    if (written.image() != null || spec.image() == null) {
      image(r, "spec.image", spec.image()); // written, or missing from both image and images
    }
    images(r, spec);
    traffic(r, written.traffic(), spec.traffic());
    network(r, spec.network());
    strategy(r, spec.strategy());
    notifications(r, spec.notifications());
    control(r, spec.control());
    return r.violations;
  }

  /** Validates an image reference on its own, e.g. one given to {@code teal set-image}. */
  public static List<Violation> validateImage(String path, String image) {
    Rules r = new Rules();
    image(r, path, image);
    return r.violations;
  }

  private static void images(Rules r, DeploymentSpec spec) {
    if (spec.images() == null) {
      return;
    }
    if (spec.images().size() > MAX_IMAGES) {
      r.add("spec.images", "must name at most " + MAX_IMAGES + " containers (ECS's limit per task definition)");
    }
    spec.images().forEach((container, image) -> {
      String path = "spec.images." + container;
      if (!Patterns.matches(Patterns.CONTAINER, container)) {
        r.add(path, "must be keyed by a container name: letters, digits, '-' and '_', at most 255");
      }
      image(r, path, image);
      if (container.equals(spec.container()) && spec.image() != null && !spec.image().equals(image)) {
        r.add(path, "is spec.container's image and must equal spec.image (" + spec.image() + ") or be left out");
      }
    });
  }

  private static void control(Rules r, ControlSpec c) {
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

  private static void revision(Rules r, String path, String revision) {
    r.required(path, revision).pattern(path, revision, Patterns.REVISION,
        "must be a revision id as status.preview.revision shows it (8 hex, or adopted-<8 hex>)");
  }

  private static void by(Rules r, String path, String by) {
    if (by != null && by.length() > Patterns.CALLER_MAX) {
      r.add(path, "must be at most " + Patterns.CALLER_MAX + " characters");
    }
  }

  private static void metadata(Rules r, ObjectMeta metadata) {
    if (metadata == null) {
      r.add("metadata", "is required (with at least a name)");
      return;
    }
    name(r, metadata.name());
    labels(r, metadata.labels());
    if (metadata.resourceVersion() != null && metadata.resourceVersion() < 1) {
      r.add("metadata.resourceVersion", "must be at least 1 when given");
    }
  }

  private static void name(Rules r, String name) {
    if (name == null || name.isEmpty()) {
      r.add("metadata.name", "is required");
    } else if (name.length() > Patterns.NAME_MAX) {
      r.add("metadata.name", "must be at most " + Patterns.NAME_MAX + " characters (was " + name.length() + ")");
    } else if (!Patterns.matches(Patterns.NAME, name)) {
      r.add("metadata.name", "must contain only lower-case letters, digits and '-', and start and end with a"
          + " letter or digit (was " + quote(name) + ")");
    }
  }

  private static void labels(Rules r, Map<String, String> labels) {
    if (labels == null) {
      return;
    }
    if (labels.size() > Patterns.LABELS_MAX) {
      r.add("metadata.labels", "must have at most " + Patterns.LABELS_MAX + " labels");
    }
    labels.forEach((key, value) -> {
      String path = "metadata.labels." + key;
      int slash = key.lastIndexOf('/');
      String namePart = slash < 0 ? key : key.substring(slash + 1);
      if (!Patterns.matches(Patterns.LABEL_KEY, key) || namePart.length() > Patterns.LABEL_NAME_MAX
          || (slash >= 0 && slash > Patterns.LABEL_PREFIX_MAX)) {
        r.add(path, "label keys must be an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_'"
            + " or '.', starting and ending alphanumeric");
      }
      if (value == null || value.length() > Patterns.LABEL_NAME_MAX || !Patterns.matches(Patterns.LABEL_VALUE, value)) {
        r.add(path, "label values must be at most 63 letters, digits, '-', '_' or '.', starting and ending"
            + " alphanumeric (or empty)");
      }
    });
  }

  private static void image(Rules r, String path, String image) {
    if (image == null || image.isEmpty()) {
      r.add(path, "is required");
    } else if (image.length() > Patterns.IMAGE_MAX) {
      r.add(path, "must be at most " + Patterns.IMAGE_MAX + " characters");
    } else if (!Patterns.matches(Patterns.IMAGE, image)) {
      r.add(path, "must be an image reference with a tag or digest, like nginx:1.27,"
          + " registry.example.com:5000/team/web:1.2.3 or web@sha256:<64 hex>; no spaces, no implicit :latest"
          + " (was " + quote(image) + ")");
    }
  }

  private static void traffic(Rules r, TrafficSpec written, TrafficSpec t) {
    if (written == null) {
      r.add("spec.traffic", "is required (testRule, productionRule or productionListener, targetGroup.vpcId)");
      return;
    }
    boolean rule = t.productionRule() != null;
    boolean listener = t.productionListener() != null;
    if (rule && listener) {
      r.add("spec.traffic.productionListener", "give productionRule or productionListener, not both");
    } else if (!rule && !listener) {
      r.add("spec.traffic.productionRule", "is required (or productionListener)");
    }
    r.pattern("spec.traffic.productionRule", t.productionRule(), Patterns.LISTENER_RULE_ARN,
        "must be an ALB listener rule ARN (arn:aws:elasticloadbalancing:<region>:<account>:listener-rule/app/...)");
    r.pattern("spec.traffic.productionListener", t.productionListener(), Patterns.LISTENER_ARN,
        "must be an ALB listener ARN (arn:aws:elasticloadbalancing:<region>:<account>:listener/app/...)");
    r.required("spec.traffic.testRule", t.testRule()).pattern("spec.traffic.testRule", t.testRule(),
        Patterns.LISTENER_RULE_ARN,
        "must be an ALB listener rule ARN (arn:aws:elasticloadbalancing:<region>:<account>:listener-rule/app/...)");
    if (t.testRule() != null && t.testRule().equals(t.productionRule())) {
      r.add("spec.traffic.testRule", "must differ from productionRule: previews would take production traffic");
    }
    TargetGroupSpec g = t.targetGroup();
    if (written.targetGroup() == null) {
      r.add("spec.traffic.targetGroup", "is required (with at least vpcId)");
      return;
    }
    r.required("spec.traffic.targetGroup.vpcId", g.vpcId()).pattern("spec.traffic.targetGroup.vpcId", g.vpcId(),
        Patterns.VPC_ID, "must be a VPC id like vpc-0abc123");
    r.range("spec.traffic.targetGroup.port", written.targetGroup().port(), 1, 65535);
    if (g.protocol() != null && !g.protocol().equals("HTTP") && !g.protocol().equals("HTTPS")) {
      r.add("spec.traffic.targetGroup.protocol", "must be HTTP or HTTPS (was " + quote(g.protocol()) + ")");
    }
    r.range("spec.traffic.targetGroup.deregistrationDelaySeconds", g.deregistrationDelaySeconds(), 0, 3600);
    healthCheck(r, g.healthCheck());
  }

  private static void healthCheck(Rules r, HealthCheckSpec h) {
    String p = "spec.traffic.targetGroup.healthCheck.";
    httpPath(r, p + "path", h.path());
    r.range(p + "intervalSeconds", h.intervalSeconds(), 5, 300);
    r.range(p + "timeoutSeconds", h.timeoutSeconds(), 2, 120);
    if (h.intervalSeconds() != null && h.timeoutSeconds() != null && h.timeoutSeconds() >= h.intervalSeconds()) {
      r.add(p + "timeoutSeconds", "must be less than intervalSeconds (" + h.timeoutSeconds() + " >= "
          + h.intervalSeconds() + ")");
    }
    r.range(p + "healthyThreshold", h.healthyThreshold(), 2, 10);
    r.range(p + "unhealthyThreshold", h.unhealthyThreshold(), 2, 10);
    matcher(r, p + "matcher", h.matcher());
  }

  private static void matcher(Rules r, String path, String matcher) {
    String rule = "must be HTTP codes between 200 and 499 written as 200, 200,202 or 200-399";
    if (!Patterns.matches(Patterns.MATCHER, matcher)) {
      r.add(path, rule + " (was " + quote(matcher) + ")");
      return;
    }
    for (String part : matcher.split(",")) {
      String[] bounds = part.split("-");
      int low = Integer.parseInt(bounds[0]);
      int high = Integer.parseInt(bounds[bounds.length - 1]);
      if (low < 200 || high > 499 || low > high) {
        r.add(path, rule + " (was " + quote(matcher) + ")");
        return;
      }
    }
  }

  private static void network(Rules r, NetworkSpec n) {
    if (n == null) {
      return;
    }
    if (n.launchType() != null && !n.launchType().equals("FARGATE") && !n.launchType().equals("EC2")) {
      r.add("spec.network.launchType", "must be FARGATE or EC2 (was " + quote(n.launchType()) + ")");
    }
    list(r, "spec.network.subnets", n.subnets(), Patterns.SUBNET_ID, "must be a subnet id like subnet-0abc123", 16);
    list(r, "spec.network.securityGroups", n.securityGroups(), Patterns.SECURITY_GROUP_ID,
        "must be a security group id like sg-0abc123", 5);
  }

  private static void notifications(Rules r, NotificationSpec n) {
    if (n == null || n.webhooks() == null) {
      return;
    }
    List<String> webhooks = n.webhooks();
    if (webhooks.size() > Patterns.WEBHOOKS_MAX) {
      r.add("spec.notifications.webhooks", "must have at most " + Patterns.WEBHOOKS_MAX + " entries");
    }
    for (int i = 0; i < webhooks.size(); i++) {
      String path = "spec.notifications.webhooks[" + i + "]";
      String webhook = webhooks.get(i);
      if (webhook != null && (webhook.contains("://") || webhook.contains(":"))) {
        // A URL here would put the webhook's token in the document, its audit trail and every backup.
        r.add(path, "must name a webhook configured on the operator (teal.notifications.webhooks.<name>.url),"
            + " not a URL or secret reference: a webhook URL carries its token and never belongs in a document");
      } else {
        r.required(path, webhook).pattern(path, webhook, Patterns.WEBHOOK_NAME,
            "must be a webhook name: lower-case letters, digits and '-', at most 63");
      }
      if (webhook != null && webhooks.indexOf(webhook) < i) {
        r.add(path, "names " + quote(webhook) + " twice");
      }
    }
  }

  private static void list(Rules r, String path, List<String> values, String pattern, String rule, int max) {
    if (values == null) {
      return;
    }
    if (values.size() > max) {
      r.add(path, "must have at most " + max + " entries");
    }
    for (int i = 0; i < values.size(); i++) {
      r.pattern(path + "[" + i + "]", values.get(i), pattern, rule);
    }
  }

  private static void strategy(Rules r, StrategySpec s) {
    String p = "spec.strategy.";
    r.range(p + "previewScale", s.previewScale(), 1, 100);
    promotion(r, s.promotion());
    r.duration(p + "autoPromoteAfter", s.autoPromoteAfter(), Duration.ZERO, MAX_AUTO_PROMOTE_AFTER);
    r.duration(p + "scaleDownDelay", s.scaleDownDelay(), Duration.ZERO, MAX_SCALE_DOWN_DELAY);
    r.duration(p + "progressDeadline", s.progressDeadline(), MIN_PROGRESS_DEADLINE, MAX_PROGRESS_DEADLINE);
    analysis(r, s.analysis());
  }

  private static void promotion(Rules r, PromotionSpec promotion) {
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

  private static void steps(Rules r, String path, List<PromotionStep> steps) {
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

  private static void analysis(Rules r, AnalysisSpec analysis) {
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

  private static void httpPath(Rules r, String path, String value) {
    if (value == null) {
      return;
    }
    if (value.length() > Patterns.HTTP_PATH_MAX || !Patterns.matches(Patterns.HTTP_PATH, value)) {
      r.add(path, "must start with '/', have no spaces and be at most " + Patterns.HTTP_PATH_MAX
          + " characters (was " + quote(value) + ")");
    }
  }

  /**
   * The analysis path is sent by the operator itself, so it must stay on the test listener: a path and
   * nothing else ({@link Patterns#ANALYSIS_PATH}), whose %XX escapes decode to text. {@code //host/...}
   * would be another host once resolved against the listener's address.
   */
  private static void analysisPath(Rules r, String path, String value) {
    analysisPathProblem(value).ifPresent(problem -> r.add(path, problem));
  }

  /** Why {@code value} is not a safe analysis path, if it is not; for the validator and the runner alike. */
  public static Optional<String> analysisPathProblem(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty(); // "is required" is reported on its own
    }
    if (value.length() > Patterns.HTTP_PATH_MAX || !Patterns.matches(Patterns.ANALYSIS_PATH, value)) {
      return Optional.of("must be a path on the test listener, at most " + Patterns.HTTP_PATH_MAX
          + " characters: '/' then segments of letters, digits, -._~!$&'()*+,;=:@ or %XX escapes, one '/' between"
          + " them, and an optional ?query; no scheme, no host, no '//', no '\\', no '#' (was " + quote(value)
          + ")");
    }
    if (!decodesToText(value)) {
      return Optional.of("must percent-decode to UTF-8 text without control characters (was "
          + quote(value) + ")");
    }
    return Optional.empty();
  }

  /** Whether every %XX escape of a pattern-checked path decodes to well-formed UTF-8 with no control character. */
  private static boolean decodesToText(String value) {
    ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
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

  private static String quote(String value) {
    if (value == null) {
      return "nothing";
    }
    return "'" + (value.length() > 60 ? value.substring(0, 60) + "…" : value) + "'";
  }

  /** Collects violations; each check is skipped when the value is absent (required() reports that). */
  private static final class Rules {
    final List<Violation> violations = new ArrayList<>();

    void add(String path, String message) {
      violations.add(new Violation(path, message));
    }

    void all(List<Violation> more) {
      violations.addAll(more);
    }

    Rules required(String path, Object value) {
      if (value == null || (value instanceof String s && s.isEmpty())) {
        add(path, "is required");
      }
      return this;
    }

    Rules pattern(String path, String value, String pattern, String rule) {
      if (value != null && !value.isEmpty() && !Patterns.matches(pattern, value)) {
        add(path, rule + " (was " + quote(value) + ")");
      }
      return this;
    }

    void range(String path, Integer value, int min, int max) {
      if (value != null && (value < min || value > max)) {
        add(path, "must be between " + min + " and " + max + " (was " + value + ")");
      }
    }

    void duration(String path, Duration value, Duration min, Duration max) {
      if (value == null) {
        return;
      }
      if (value.isNegative()) {
        add(path, "must not be negative (was " + GoDuration.format(value) + ")");
      } else if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        add(path, "must be between " + GoDuration.format(min) + " and " + GoDuration.format(max) + " (was "
            + GoDuration.format(value) + ")");
      }
    }
  }
}
