package dev.teal.aws.sdk;

import dev.teal.aws.SecretsGateway;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * {@link SecretsGateway} on the SDK's SSM and Secrets Manager clients. Each client is made on first use,
 * so an operator that references no secret never builds one.
 */
public final class SdkSecretsGateway implements SecretsGateway {

  static final String GET_PARAMETER = "ssm:GetParameter";
  static final String GET_SECRET_VALUE = "secretsmanager:GetSecretValue";

  private final Supplier<SsmClient> ssm;
  private final Supplier<SecretsManagerClient> secretsManager;

  public SdkSecretsGateway(Supplier<SsmClient> ssm, Supplier<SecretsManagerClient> secretsManager) {
    this.ssm = ssm;
    this.secretsManager = secretsManager;
  }

  @Override
  public String ssmParameter(String name) {
    return AwsErrors.call(GET_PARAMETER, () -> ssm.get().getParameter(r -> r.name(name).withDecryption(true))
        .parameter().value());
  }

  @Override
  public String secretsManagerSecret(String secretId) {
    return AwsErrors.call(GET_SECRET_VALUE, () -> secretsManager.get().getSecretValue(r -> r.secretId(secretId))
        .secretString());
  }
}
