package dev.teal.operator.notify;

import dev.teal.aws.AwsException;
import dev.teal.aws.SecretsGateway;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads {@link SecretReference}s through {@link SecretsGateway}, once each: the value is kept until
 * {@link #forget} (a sink calls it when the value stops working, e.g. a webhook answers 404 after its URL
 * was rotated), so a secret is read on first use and after a rotation, not per delivery.
 */
public final class SecretResolver {

  private final SecretsGateway secrets;
  private final Map<SecretReference, String> values = new ConcurrentHashMap<>();

  public SecretResolver(SecretsGateway secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /**
   * @throws AwsException when the parameter or secret cannot be read
   */
  public String resolve(SecretReference reference) {
    if (reference.kind() == SecretReference.Kind.LITERAL) {
      return reference.name();
    }
    return values.computeIfAbsent(reference, r -> switch (r.kind()) {
      case SSM_PARAMETER -> secrets.ssmParameter(r.name());
      case SECRETS_MANAGER -> secrets.secretsManagerSecret(r.name());
      case LITERAL -> r.name();
    });
  }

  public void forget(SecretReference reference) {
    values.remove(reference);
  }
}
