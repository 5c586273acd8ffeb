package dev.teal.operator.devmode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The sandbox's classes, loaded from the directory the build compiles src/sandbox/java into. The
 * build compiles them with the tests, never with the main code, so the packaged operator cannot contain
 * them; dev mode (which compiles the tests too) reaches them through this class loader. The loader's
 * parent is the operator's, so the sandbox shares teal's model, the SDK and DynamoDB Local with it.
 */
final class SandboxClasses implements AutoCloseable {

  private final URLClassLoader loader;
  private final InProcessSandbox.Starter starter;

  private SandboxClasses(URLClassLoader loader, InProcessSandbox.Starter starter) {
    this.loader = loader;
    this.starter = starter;
  }

  /** The sandbox's starter from {@code directory}, or an exception that says what is missing. */
  static SandboxClasses load(Path directory, ClassLoader parent) {
    Path absolute = directory.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      throw new IllegalStateException("teal.sandbox.enabled is true, but there are no sandbox classes at "
          + absolute + " (teal.sandbox.classes). The sandbox runs in dev mode (./mvnw quarkus:dev, which"
          + " compiles it with the tests) and in the tests; the packaged operator does not contain it.");
    }
    URLClassLoader loader = new URLClassLoader("teal-sandbox", new URL[] {url(absolute)}, parent);
    List<InProcessSandbox.Starter> starters = ServiceLoader.load(InProcessSandbox.Starter.class, loader).stream()
        .map(ServiceLoader.Provider::get).toList();
    if (starters.isEmpty()) {
      close(loader);
      throw new IllegalStateException("teal.sandbox.enabled is true, but " + absolute + " holds no "
          + InProcessSandbox.Starter.class.getName() + " (did the test compile fail?)");
    }
    return new SandboxClasses(loader, starters.get(0));
  }

  InProcessSandbox.Starter starter() {
    return starter;
  }

  /** Closes the class loader; classes already loaded keep working. */
  @Override
  public void close() {
    close(loader);
  }

  private static URL url(Path directory) {
    try {
      return directory.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(directory.toString(), e);
    }
  }

  private static void close(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
