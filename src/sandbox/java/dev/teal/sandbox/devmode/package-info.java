/**
 * The sandbox as dev mode starts it: {@link dev.teal.sandbox.devmode.SandboxStarter} implements the
 * operator's {@code InProcessSandbox} (found through META-INF/services), with the demo document and the
 * banner. The one sandbox package that knows teal (its model and its dev-mode hook); it must not depend
 * on Quarkus.
 */
package dev.teal.sandbox.devmode;
