package dev.teal.sandbox.sts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teal.sandbox.http.AwsError;
import dev.teal.sandbox.http.Params;
import dev.teal.sandbox.http.ProtocolHandler;
import dev.teal.sandbox.http.XmlWriter;

/**
 * STS over the Query protocol (version 2011-06-15; the SDK's STS client uses Query). The caller is
 * named after the access key it signed with, so tests can act as different people by using
 * different keys and the CLI can record who made a change.
 */
public final class StsQueryHandler implements ProtocolHandler {

  public static final String VERSION = "2011-06-15";
  private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private final String accountId;
  private final ThreadLocal<String> accessKey = new ThreadLocal<>();

  public StsQueryHandler(String accountId) {
    this.accountId = accountId;
  }

  /** Set by the server from the request's signature before {@link #handle}. */
  public void callerAccessKey(String key) {
    accessKey.set(key);
  }

  @Override
  public String service() {
    return "sts";
  }

  @Override
  public Params params(JsonNode tree) {
    return new Params(tree, m -> AwsError.client("ValidationError", m));
  }

  @Override
  public String contentType() {
    return "text/xml";
  }

  @Override
  public AwsError throttling() {
    return AwsError.client("Throttling", "Rate exceeded");
  }

  @Override
  public AwsError serverError() {
    return new AwsError(500, "InternalFailure", "An internal error occurred", false);
  }

  @Override
  public String errorBody(AwsError error, String requestId) {
    return XmlWriter.queryError(NAMESPACE, error, requestId);
  }

  @Override
  public String handle(String op, Params params, String requestId) {
    if (!op.equals("GetCallerIdentity")) {
      throw AwsError.client("InvalidAction", "The action " + op + " is not valid for this endpoint.");
    }
    String key = accessKey.get() == null || accessKey.get().isEmpty() ? "sandbox" : accessKey.get();
    return new XmlWriter().startNs("GetCallerIdentityResponse", NAMESPACE)
        .start("GetCallerIdentityResult")
        .elem("Arn", "arn:aws:iam::" + accountId + ":user/" + key)
        .elem("UserId", "AIDA" + key.toUpperCase().replaceAll("[^A-Z0-9]", ""))
        .elem("Account", accountId)
        .end()
        .start("ResponseMetadata").elem("RequestId", requestId).end()
        .end().toString();
  }
}
