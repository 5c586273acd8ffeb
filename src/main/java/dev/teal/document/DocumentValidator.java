package dev.teal.document;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The semantic rules of a BlueGreenDeployment. Every rule that fails is reported, as a {@link Violation}
 * whose path names the field and whose message states the rule.
 *
 * <p>Duration bounds (chosen so a typo cannot stall or rush a deployment): {@code stepInterval}
 * 0s–24h, {@code autoPromoteAfter} 0s–168h (7 days), {@code scaleDownDelay} 0s–168h, {@code
 * progressDeadline} 30s–24h, {@code bake} 0s–24h. Other ranges are the ones ALB and ECS enforce; see the JSON Schema and
 * docs/document.md for the full list.
 *
 * <p>Rules that depend on several fields are checked on the spec with defaults applied, so a health
 * check interval of 5 s is refused because the default timeout (5 s) would not be shorter.
 *
 * <p>The rules of each part of the document live beside this class, one file per part: {@link
 * MetadataRules}, {@link ImageRules}, {@link TrafficRules}, {@link StrategyRules}, {@link HookRules}, {@link
 * NotificationRules} and {@link ControlRules}.
 */
public final class DocumentValidator {

  public static final Duration MAX_STEP_INTERVAL = Duration.ofHours(24);
  public static final Duration MAX_AUTO_PROMOTE_AFTER = Duration.ofDays(7);
  public static final Duration MAX_SCALE_DOWN_DELAY = Duration.ofDays(7);
  /** The longest bake: 24 hours, as ECS's own blue/green bake time (at most 1440 minutes). */
  public static final Duration MAX_BAKE = Duration.ofHours(24);
  public static final Duration MIN_PROGRESS_DEADLINE = Duration.ofSeconds(30);
  public static final Duration MAX_PROGRESS_DEADLINE = Duration.ofHours(24);
  public static final int MAX_STEPS = 20;
  /** Alarms one gate may name: read in one DescribeAlarms call, as ECS's deployment alarms allow ten. */
  public static final int MAX_ALARMS = 10;
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
      r.add("apiVersion", "must be " + BlueGreenDeployment.API_VERSION + " (was " + Rules.quote(document.apiVersion())
          + ")");
    }
    if (!BlueGreenDeployment.KIND.equals(document.kind())) {
      r.add("kind", "must be " + BlueGreenDeployment.KIND + " (was " + Rules.quote(document.kind()) + ")");
    }
    MetadataRules.metadata(r, document.metadata());
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
    MetadataRules.name(r, name);
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
      ImageRules.image(r, "spec.image", spec.image()); // written, or missing from both image and images
    }
    ImageRules.images(r, spec);
    TrafficRules.traffic(r, written.traffic(), spec.traffic());
    TrafficRules.network(r, spec.network());
    StrategyRules.strategy(r, spec.strategy());
    HookRules.hooks(r, spec.strategy().hooks());
    NotificationRules.notifications(r, spec.notifications());
    ControlRules.control(r, spec.control());
    return r.violations;
  }

  /** Validates an image reference on its own, e.g. one given to {@code teal set-image}. */
  public static List<Violation> validateImage(String path, String image) {
    Rules r = new Rules();
    ImageRules.image(r, path, image);
    return r.violations;
  }


  /**
   * Why {@code value} is not a safe analysis path, if it is not; for the validator and the analysis runner
   * alike (see {@link StrategyRules#analysisPathProblem}).
   */
  public static Optional<String> analysisPathProblem(String value) {
    return StrategyRules.analysisPathProblem(value);
  }

  /**
   * Why {@code uri} is not a webhook URL a document may give, if it is not; for the validator and the hook runner
   * alike (see {@link HookRules#urlProblem}). Where it may go is the operator's to decide.
   */
  public static Optional<String> hookUrlProblem(java.net.URI uri) {
    return HookRules.urlProblem(uri);
  }
}
