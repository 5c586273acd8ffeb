package dev.teal.aws.sdk;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * The interceptor survives being loaded again in a new class loader while the SDK stays loaded once, as
 * Quarkus does on a dev-mode live reload and when a test application restarts with other resources.
 *
 * <p>Planted fault, seen to fail here: the attribute named {@code "teal.callStartedNanos"} again (a fixed
 * name) makes the second load throw the SDK's "No duplicate ExecutionAttribute names allowed".
 */
class CallReportingInterceptorReloadTest {

  private static final String INTERCEPTOR = CallReportingInterceptor.class.getName();

  @Test
  void loadsAndInitializesAgainInAFreshClassLoader() {
    assertThatCode(() -> {
      Class.forName(INTERCEPTOR, true, new Reloading());
      Class.forName(INTERCEPTOR, true, new Reloading());
    }).doesNotThrowAnyException();
  }

  /** Defines the interceptor itself (a fresh copy each time) and leaves everything else, the SDK too, to its parent. */
  private static final class Reloading extends ClassLoader {

    Reloading() {
      super(CallReportingInterceptorReloadTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(INTERCEPTOR)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          byte[] bytes = bytesOf(name);
          loaded = defineClass(name, bytes, 0, bytes.length);
        }
        return loaded;
      }
    }

    private byte[] bytesOf(String name) {
      try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
