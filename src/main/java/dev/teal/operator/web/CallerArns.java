package dev.teal.operator.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the status API shows who changed a document. By default a caller ARN keeps its partition, service,
 * resource type and role name, and loses the account id and the user or session name, which say who
 * deploys where: {@code arn:aws:sts::123456789012:assumed-role/ci-deployer/alice@example.com} is shown as
 * {@code arn:aws:sts::…:assumed-role/ci-deployer/…}. Anything that is not an ARN is shown as it is.
 *
 * <p>Caller ARNs turn up in more places than {@code metadata.updatedBy}: the audit records' {@code actor},
 * the control requests' {@code by} ({@code teal pause}, {@code teal abort}...), the status's {@code paused}
 * and {@code aborted}, and the messages and events that name who asked. {@link #redact(JsonNode)} therefore
 * rewrites every IAM or STS ARN found in any text of an answer, wherever it is.
 */
public final class CallerArns {

  static final String HIDDEN = "…";

  /** arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE */
  private static final Pattern ARN = Pattern.compile("^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$");

  /** An IAM or STS principal's ARN inside any text: what a caller's ARN looks like, and nothing else does. */
  private static final Pattern PRINCIPAL = Pattern.compile("arn:aws[a-z-]*:(?:iam|sts)::\\d{12}:[\\w+=,.@/-]+");

  private CallerArns() {}

  /** Every caller ARN in {@code text}, redacted as {@link #shown} does; the rest as it is. */
  public static String redactIn(String text) {
    if (text == null || !text.contains("arn:")) {
      return text;
    }
    return PRINCIPAL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(shown(m.group(), false)));
  }

  /** {@code tree} with every caller ARN in its texts redacted, in place; returns it. */
  public static JsonNode redact(JsonNode tree) {
    if (tree instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = object.get(name);
        if (value.isTextual()) {
          object.put(name, redactIn(value.asText()));
        } else {
          redact(value);
        }
      }
    } else if (tree instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual()) {
          array.set(i, array.textNode(redactIn(array.get(i).asText())));
        } else {
          redact(array.get(i));
        }
      }
    }
    return tree;
  }

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
