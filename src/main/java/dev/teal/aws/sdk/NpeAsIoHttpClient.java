package dev.teal.aws.sdk;

import java.io.IOException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * The url-connection HTTP client with the JDK's {@link NullPointerException}s reported as what they are,
 * network failures ({@link IOException}s), so the SDK retries them and teal's gateways see a transient error.
 *
 * <p>When an attempt timeout aborts a request, the SDK calls {@code HttpURLConnection.disconnect()} from its
 * timer thread while the calling thread is still inside {@code getOutputStream}, {@code getResponseCode} or
 * {@code getInputStream}; those then fail on the connection's field {@code http}, already null, with a
 * NullPointerException. The SDK turns the one out of {@code getResponseCode} into an IOException itself
 * (aws/aws-sdk-java-v2#2572) but lets the others through: bare, or, once {@code getInputStream} remembers it,
 * wrapped in a {@code new RuntimeException(remembered)}. Once C2 has compiled the JDK method and the exception
 * is hot, the JVM throws it without a message or stack trace (OmitStackTraceInFastThrow), so nothing in the
 * exception itself says where it came from. Here, below the SDK and above the JDK, the place says it: what
 * {@link ExecutableHttpRequest#call()} throws comes from the HTTP client, never from teal.
 */
public final class NpeAsIoHttpClient implements SdkHttpClient {

  private final SdkHttpClient delegate;

  private NpeAsIoHttpClient(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  /** {@code delegate}, whose requests report a NullPointerException as an IOException. */
  public static SdkHttpClient wrap(SdkHttpClient delegate) {
    return delegate instanceof NpeAsIoHttpClient ? delegate : new NpeAsIoHttpClient(delegate);
  }

  /**
   * For {@code httpClientBuilder(...)}: the SDK builds the client with the service's defaults and, as with
   * any client it built, closes it with the SDK client.
   */
  public static SdkHttpClient.Builder<?> builder(SdkHttpClient.Builder<?> delegate) {
    return new Builder(delegate);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    ExecutableHttpRequest executable = delegate.prepareRequest(request);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        try {
          return executable.call();
        } catch (RuntimeException e) {
          if (causedByNullPointer(e)) {
            throw new IOException("the JDK's HTTP client failed (the connection was closed under it, e.g. by an"
                + " attempt timeout): " + e, e);
          }
          throw e;
        }
      }

      @Override
      public void abort() {
        executable.abort();
      }
    };
  }

  /** A NullPointerException, or a RuntimeException caused by one (HttpURLConnection's remembered failure). */
  static boolean causedByNullPointer(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NullPointerException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String clientName() {
    return delegate.clientName();
  }

  @Override
  public void close() {
    delegate.close();
  }

  private static final class Builder implements SdkHttpClient.Builder<Builder> {

    private final SdkHttpClient.Builder<?> delegate;

    Builder(SdkHttpClient.Builder<?> delegate) {
      this.delegate = delegate;
    }

    @Override
    public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
      return wrap(delegate.buildWithDefaults(serviceDefaults));
    }
  }
}
