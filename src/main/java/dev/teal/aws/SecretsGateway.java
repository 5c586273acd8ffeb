package dev.teal.aws;

/**
 * Reads a secret teal was configured with by reference (a webhook URL with its token): an SSM parameter
 * (decrypted when it is a SecureString) or a Secrets Manager secret's current string value.
 */
public interface SecretsGateway {

  /**
   * @param name the parameter's name or ARN
   * @throws AwsException when it cannot be read (ParameterNotFound, access denied...)
   */
  String ssmParameter(String name);

  /**
   * @param secretId the secret's name or ARN
   * @throws AwsException when it cannot be read (ResourceNotFoundException, access denied...)
   */
  String secretsManagerSecret(String secretId);
}
