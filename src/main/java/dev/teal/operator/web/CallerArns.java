package dev.teal.operator.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the status API shows who changed a document. By default a caller ARN keeps its partition, service,
 * resource type and role name, and loses the account id and the user or session name, which say who
 * deploys where: {@code arn:aws:sts::123456789012:assumed-role/ci-deployer/alice@example.com} is shown as
 * {@code arn:aws:sts::…:assumed-role/ci-deployer/…}. Anything that is not an ARN is shown as it is.
 */
public final class CallerArns {

  static final String HIDDEN = "…";

  /** arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE */
  private static final Pattern ARN = Pattern.compile("^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$");

  private CallerArns() {}

  /** {@code arn} as the API shows it: whole when {@code show}, otherwise redacted. */
  public static String shown(String arn, boolean show) {
    if (show || arn == null) {
      return arn;
    }
    Matcher m = ARN.matcher(arn);
    if (!m.matches()) {
      return arn;
    }
    String resource = m.group(5);
    String type;
    String kept;
    if (resource.startsWith("assumed-role/")) {
      String[] parts = resource.split("/", 3);
      type = "assumed-role/";
      kept = (parts.length > 1 ? parts[1] : HIDDEN) + "/" + HIDDEN;
    } else {
      int slash = resource.indexOf('/');
      type = slash >= 0 ? resource.substring(0, slash + 1) : "";
      kept = HIDDEN;
    }
    String account = m.group(4).isEmpty() ? "" : HIDDEN;
    return "arn:" + m.group(1) + ":" + m.group(2) + ":" + m.group(3) + ":" + account + ":" + type + kept;
  }
}
