/**
 * The sandbox AWS: an in-memory ECS, ELBv2 and STS that speaks the real wire protocols on 127.0.0.1
 * ({@link dev.teal.sandbox.SandboxSimulator}), AWS's DynamoDB Local beside it ({@link
 * dev.teal.sandbox.SandboxLauncher}), a virtual clock and the demo world. The tests use it, and dev mode
 * runs it inside the operator.
 *
 * <p>It lives in src/sandbox and compiles with the tests, never into the packaged operator. It is a
 * model of AWS, not of teal: outside {@code dev.teal.sandbox.devmode} it must not depend on any of
 * teal's packages, nor on Quarkus. What it does is what AWS documents (docs/sandbox.md).
 */
package dev.teal.sandbox;
