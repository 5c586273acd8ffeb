package dev.teal.aws.sdk;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client built on a virtual thread from the moment this is made, and waited for only by the first
 * request. Building the url-connection client means reading and parsing the JDK's trust store for its TLS
 * context, which at the operator's start costs about as much as building the SDK clients it goes under:
 * this lets the two happen side by side. A failure to build it is the first request's failure.
 */
final class DeferredHttpClient implements SdkHttpClient {

  /** {@link software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient#clientName()}, the only client built here. */
  static final String CLIENT_NAME = "UrlConnection";

  private final CompletableFuture<SdkHttpClient> delegate;

  private DeferredHttpClient(CompletableFuture<SdkHttpClient> delegate) {
    this.delegate = delegate;
  }

  /** A client that {@code build} makes on a virtual thread of its own, started now. */
  static DeferredHttpClient building(Supplier<SdkHttpClient> build) {
    CompletableFuture<SdkHttpClient> future = new CompletableFuture<>();
    Thread.ofVirtual().name("teal-http-client").start(() -> {
      try {
        future.complete(build.get());
      } catch (Throwable e) {
        future.completeExceptionally(e);
      }
    });
    return new DeferredHttpClient(future);
  }

  private SdkHttpClient delegate() {
    try {
      return delegate.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return delegate().prepareRequest(request);
  }

  /** Asked while the SDK clients are built: answered without waiting for the client. */
  @Override
  public String clientName() {
    return CLIENT_NAME;
  }

  @Override
  public void close() {
    delegate.thenAccept(SdkHttpClient::close);
  }
}
