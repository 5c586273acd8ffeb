package dev.teal.document;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The syntax rules shared by {@link DocumentValidator} and the JSON Schema; a test checks that each
 * schema {@code pattern} is the same string as the constant here, so the two cannot drift apart.
 * They are written in the common subset of Java and ECMA-262 regular expressions.
 */
public final class Patterns {

  /** {@code metadata.name}: lower-case letters, digits and '-', starting and ending alphanumeric. */
  public static final String NAME = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

  public static final int NAME_MAX = 40;

  /** A label key: an optional DNS-subdomain prefix and '/', then a name, as in Kubernetes. */
  public static final String LABEL_KEY =
      "^([a-z0-9]([a-z0-9.-]*[a-z0-9])?/)?[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$";

  /** A label value: empty, or alphanumerics with '-', '_' and '.' inside. */
  public static final String LABEL_VALUE = "^([A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)?$";

  public static final int LABEL_NAME_MAX = 63;

  public static final int LABEL_PREFIX_MAX = 253;

  public static final int LABELS_MAX = 64;

  /** An ALB listener rule ARN. */
  public static final String LISTENER_RULE_ARN =
      "^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener-rule/app/[A-Za-z0-9-]{1,32}"
          + "/[A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]+$";

  /** An ALB listener ARN. */
  public static final String LISTENER_ARN =
      "^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener/app/[A-Za-z0-9-]{1,32}"
          + "/[A-Za-z0-9]+/[A-Za-z0-9]+$";

  /** A task definition family, family:revision, or ARN. */
  public static final String TASK_DEFINITION =
      "^(arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:task-definition/)?[A-Za-z0-9_-]{1,255}(:[0-9]+)?$";

  /** An ECS cluster name or ARN. */
  public static final String CLUSTER = "^(arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/)?[A-Za-z0-9_-]{1,255}$";

  /** An ECS service name (or ARN) or a container name. */
  public static final String ECS_NAME =
      "^(arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:service/([A-Za-z0-9_-]{1,255}/)?)?[A-Za-z0-9_-]{1,255}$";

  /** A container name in the task definition. */
  public static final String CONTAINER = "^[A-Za-z0-9_-]{1,255}$";

  /**
   * An image reference with a tag or a digest: {@code [registry[:port]/]repo[/repo...](:tag|@sha256:hex)}.
   * An implicit {@code :latest} is refused: it cannot be told apart from the next push.
   */
  public static final String IMAGE =
      "^([A-Za-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-]+[a-z0-9]+)*(/[a-z0-9]+([._-]+[a-z0-9]+)*)*"
          + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64}|:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"
          + "@sha256:[a-f0-9]{64})$";

  public static final int IMAGE_MAX = 255;

  /** A lifecycle hook's name: a DNS-label-like word, so it reads well in the status and in an idempotency key. */
  public static final String HOOK_NAME = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

  /** A hook's webhook URL, roughly (the validator's URL rules are stricter): http(s), no user info or fragment. */
  public static final String HOOK_URL = "^[hH][tT][tT][pP][sS]?://[^@#\\s]+$";

  /** Lambda Invoke's FunctionName: a name, an ARN or a partial ARN, with an optional version or alias. */
  public static final String LAMBDA_FUNCTION = "^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?"
      + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?$";

  /** A webhook's name in the operator's configuration, as {@code spec.notifications.webhooks} refers to it. */
  public static final String WEBHOOK_NAME = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

  /** At most this many webhooks per document. */
  public static final int WEBHOOKS_MAX = 10;

  /** A revision id: 8 hex characters, or {@code adopted-} and 8 hex for a task set teal took over. */
  public static final String REVISION = "^(adopted-)?[0-9a-f]{8}$";

  /** The longest caller (an IAM ARN) a control request may name. */
  public static final int CALLER_MAX = 2048;

  public static final String VPC_ID = "^vpc-[A-Za-z0-9]+$";

  public static final String SUBNET_ID = "^subnet-[A-Za-z0-9]+$";

  public static final String SECURITY_GROUP_ID = "^sg-[A-Za-z0-9]+$";

  /** An HTTP path: starts with '/', no whitespace. */
  public static final String HTTP_PATH = "^/[^\\s]*$";

  public static final int HTTP_PATH_MAX = 1024;

  /**
   * The analysis path: a path on the test listener and nothing else. '/' alone, or '/' and segments of
   * RFC 3986 path characters (unreserved, sub-delims, ':' and '@') or %XX escapes with one '/' between
   * them, an optional trailing '/', and an optional '?query'. No scheme, no authority and no empty segment
   * (so no '//', which a URI resolver reads as another host), no '\', no '#', no '%' without two hex
   * digits. Whether the escapes decode to text is checked in code ({@link DocumentValidator}).
   */
  public static final String ANALYSIS_PATH =
      "^/(([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+(/([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+)*/?)?"
          + "([?]([A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*)?$";

  /** ALB success codes: {@code 200}, {@code 200,202} or {@code 200-399}. */
  public static final String MATCHER = "^[0-9]{3}(-[0-9]{3})?(,[0-9]{3}(-[0-9]{3})?)*$";

  /** A Go-style duration, as the parser accepts it (negative ones too, for the validator to name). */
  public static final String DURATION = GoDuration.PATTERN;

  /** A Go-style duration that is not negative: the JSON Schema's pattern for every duration field. */
  public static final String NON_NEGATIVE_DURATION = "^(0|([0-9]+(\\.[0-9]+)?(h|m|s|ms|us|µs|ns))+)$";

  /** A CloudWatch alarm name: 1 to 255 characters, none a control character (PutMetricAlarm's AlarmName). */
  public static final String ALARM_NAME = "^[^\\x00-\\x1f\\x7f]{1,255}$";

  /** A metric gate's name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64. */
  public static final String METRIC_GATE_NAME = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

  /** A CloudWatch statistic a metric gate may ask for: the five simple ones or a percentile pNN or pNN.NN. */
  public static final String METRIC_STAT =
      "^(Sum|Average|Minimum|Maximum|SampleCount|p([0-9]{1,2}(\\.[0-9]{1,2})?|100))$";

  private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

  private Patterns() {}

  /** True when the whole of {@code value} matches {@code pattern} (one of the constants here). */
  public static boolean matches(String pattern, String value) {
    return value != null && COMPILED.computeIfAbsent(pattern, Pattern::compile).matcher(value).matches();
  }
}
