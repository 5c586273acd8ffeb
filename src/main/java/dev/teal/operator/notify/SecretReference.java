package dev.teal.operator.notify;

import java.util.Objects;

/**
 * A configured value that may name where it is kept instead of holding it: {@code ssm:<parameter name or
 * ARN>} reads an SSM parameter (SecureString decrypted), {@code secretsmanager:<secret name or ARN>} a
 * Secrets Manager secret's string; anything else is the value itself.
 */
public record SecretReference(Kind kind, String name) {

  public enum Kind { LITERAL, SSM_PARAMETER, SECRETS_MANAGER }

  static final String SSM = "ssm:";
  static final String SECRETS_MANAGER = "secretsmanager:";

  public SecretReference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static SecretReference parse(String value) {
    Objects.requireNonNull(value, "value");
    if (value.startsWith(SSM)) {
      return new SecretReference(Kind.SSM_PARAMETER, required(value.substring(SSM.length()), value));
    }
    if (value.startsWith(SECRETS_MANAGER)) {
      return new SecretReference(Kind.SECRETS_MANAGER, required(value.substring(SECRETS_MANAGER.length()), value));
    }
    return new SecretReference(Kind.LITERAL, value);
  }

  /** Where the value comes from, without the value: safe to log. */
  public String describe() {
    return switch (kind) {
      case LITERAL -> "the configuration";
      case SSM_PARAMETER -> "SSM parameter " + name;
      case SECRETS_MANAGER -> "Secrets Manager secret " + name;
    };
  }

  @Override
  public String toString() {
    return kind == Kind.LITERAL ? "SecretReference[literal, not shown]" : "SecretReference[" + describe() + "]";
  }

  private static String required(String name, String value) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("'" + value.substring(0, value.indexOf(':') + 1) + "' names no parameter"
          + " or secret");
    }
    return name;
  }
}
