package dev.teal.store;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.StsClient;

/** The caller's ARN from STS GetCallerIdentity, asked once and remembered. */
public final class StsCallerIdentity implements CallerIdentity {

  private final StsClient sts;
  private volatile String arn;

  public StsCallerIdentity(StsClient sts) {
    this.sts = sts;
  }

  @Override
  public String arn() {
    String known = arn;
    if (known == null) {
      try {
        known = sts.getCallerIdentity().arn();
      } catch (AwsServiceException e) {
        throw Failures.translate("STS GetCallerIdentity (who is writing, for the audit trail)", e);
      } catch (SdkClientException e) {
        throw Failures.translate("STS GetCallerIdentity (who is writing, for the audit trail)", e);
      }
      arn = known;
    }
    return known;
  }
}
