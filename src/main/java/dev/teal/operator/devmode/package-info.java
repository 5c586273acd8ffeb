/**
 * Dev mode's hook for the sandbox: with {@code teal.sandbox.enabled} (the dev profile only) it loads the
 * sandbox from the test classes ({@code teal.sandbox.classes}), starts it before the operator, seeds the
 * demo document and prints the CLI's environment.
 *
 * <p>The sandbox is not part of the operator, so this package must not depend on {@code dev.teal.sandbox}
 * or DynamoDB Local: it reaches them only through {@link dev.teal.operator.devmode.InProcessSandbox}.
 */
package dev.teal.operator.devmode;
