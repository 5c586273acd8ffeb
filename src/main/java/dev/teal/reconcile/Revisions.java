package dev.teal.reconcile;

import dev.teal.model.DeploymentSpec;
import dev.teal.model.OwnershipTags;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Deterministic identities of a revision's resources.
 *
 * <p>A revision id is a hash of everything that shapes green's resources (image, template, container,
 * port, target group settings), so after a crash every resource is found again: the target group by
 * name, the task set by externalId, the task definition by tag.
 */
public final class Revisions {

  /** ELB target group names: at most 32 characters. "teal-" + name + "-" + 8 hex leaves 18 for the name. */
  static final int TARGET_GROUP_NAME_MAX = 32;
  private static final int HASH_CHARS = 8;
  private static final String PREFIX = "teal-";

  private Revisions() {}

  /**
   * The revision {@code spec} (with defaults applied) asks for, made from {@code template}: the
   * task definition revision a followed family resolved to (null when {@code spec.taskDefinition} pins
   * one, which the spec itself then names). A new revision of a followed family is a new revision.
   */
  public static String idFor(String deployment, DeploymentSpec spec, String template) {
    return template == null ? idFor(deployment, spec) : sha256(shape(deployment, spec) + "|template=" + template)
        .substring(0, HASH_CHARS);
  }

  /** The revision {@code spec} (with defaults applied) asks for, not counting which revision a family resolved to. */
  public static String idFor(String deployment, DeploymentSpec spec) {
    return sha256(shape(deployment, spec)).substring(0, HASH_CHARS);
  }

  /** Whether a task definition reference follows a family (its newest ACTIVE revision) rather than pinning one. */
  public static boolean followsFamily(String taskDefinition) {
    if (taskDefinition == null) {
      return false;
    }
    String ref = taskDefinition.startsWith("arn:") ? taskDefinition.substring(taskDefinition.lastIndexOf('/') + 1)
        : taskDefinition;
    return !ref.contains(":");
  }

  private static String shape(String deployment, DeploymentSpec spec) {
    var tg = spec.traffic().targetGroup();
    var hc = tg.healthCheck();
    String shape = String.join("|", deployment, spec.taskDefinition(), spec.container(),
        String.valueOf(spec.containerPort()), spec.image(), tg.vpcId(), String.valueOf(tg.port()), tg.protocol(),
        hc.path(), String.valueOf(hc.intervalSeconds()), String.valueOf(hc.timeoutSeconds()),
        String.valueOf(hc.healthyThreshold()), String.valueOf(hc.unhealthyThreshold()), hc.matcher(),
        String.valueOf(tg.deregistrationDelaySeconds()));
    // Sidecars' images count too; a spec without them keeps the id it always had.
    var sidecars = new java.util.TreeMap<>(spec.containerImages());
    sidecars.remove(spec.container());
    return sidecars.isEmpty() ? shape : shape + "|images=" + sidecars;
  }

  /** The revision id given to a task set teal adopted rather than created. */
  public static String adoptedId(String taskSetArn) {
    return "adopted-" + sha256(taskSetArn).substring(0, HASH_CHARS);
  }

  public static String targetGroupName(String deployment, String revision) {
    int room = TARGET_GROUP_NAME_MAX - PREFIX.length() - 1 - revision.length();
    String head = deployment.length() > room ? deployment.substring(0, room) : deployment;
    // ELB names may not end with a hyphen before the separator either; a truncated name could.
    head = head.replaceAll("-+$", "");
    return PREFIX + head + "-" + revision;
  }

  /**
   * CreateTaskSet's clientToken for one attempt at a revision: at most 36 characters, and unique per attempt.
   * ECS answers a token it has seen with the task set it made then, even one deleted since, and refuses it
   * with other parameters ("Ensuring idempotency", ECS API reference), so a token that recurs when a revision
   * comes back (a retry after an abort, {@code teal retry}, a revert to an earlier image, a rollback after blue
   * was scaled down) would bring back a dead task set or fail. The planner records the token in the status
   * before the call, so a retry after a crash reuses it; every other input makes a new attempt a new token.
   *
   * @param generation the document generation the attempt started under
   * @param retry {@code spec.control.retry} when the attempt started: {@code teal retry} runs the same
   *     revision again, and its attempt must not reuse the failed one's token
   * @param attemptStart when the planner first asked for the task set
   */
  public static String clientToken(String deployment, String revision, long generation, int retry,
      Instant attemptStart) {
    return sha256(deployment + "/" + revision + "/" + generation + "/" + retry + "/" + attemptStart).substring(0, 32);
  }

  /** The tags teal puts on everything it creates or adopts for a revision. */
  public static Map<String, String> tags(String deployment, String revision) {
    return Map.of(
        OwnershipTags.MANAGED_BY, OwnershipTags.MANAGED_BY_VALUE,
        OwnershipTags.DEPLOYMENT, deployment,
        OwnershipTags.REVISION, revision);
  }

  /** Whether {@code tags} mark a resource as created (or adopted) by teal for {@code deployment}. */
  public static boolean ownedBy(Map<String, String> tags, String deployment) {
    return tags != null
        && OwnershipTags.MANAGED_BY_VALUE.equals(tags.get(OwnershipTags.MANAGED_BY))
        && deployment.equals(tags.get(OwnershipTags.DEPLOYMENT));
  }

  /** The family of a task definition reference: "web", "web:3" or an ARN ending in "task-definition/web:3". */
  public static String family(String taskDefinition) {
    String ref = taskDefinition;
    int slash = ref.lastIndexOf('/');
    if (ref.startsWith("arn:") && slash >= 0) {
      ref = ref.substring(slash + 1);
    }
    int colon = ref.indexOf(':');
    return colon >= 0 ? ref.substring(0, colon) : ref;
  }

  /** The SHA-256 of {@code value} (UTF-8), in lower-case hex. */
  static String sha256(String value) {
    try {
      var digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
