package dev.teal.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The operator's HTTP client is built on a thread of its own while the SDK clients are built around it
 * (AwsClients): building must not wait for it, a request must, and a client that could not be built must
 * fail the request that needs it. The build is held on a latch, so nothing here depends on timing.
 */
// A failure bound, not a pass condition: a client built on the caller's thread, or a name that waits for it,
// would block on the latch for ever (CompletableFuture.join cannot be interrupted: hence a separate thread).
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeferredHttpClientTest {

  private static final HttpExecuteRequest REQUEST = HttpExecuteRequest.builder()
      .request(SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(URI.create("http://127.0.0.1:1/")).build())
      .build();

  @Test
  void isBuiltOffTheCallersThreadAndARequestWaitsForIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Thread> builtOn = new AtomicReference<>();
    DeferredHttpClient client = DeferredHttpClient.building(() -> {
      builtOn.set(Thread.currentThread());
      await(release);
      return new Answering();
    });

    assertThat(client.clientName()).as("asked while SDK clients are built, answered at once")
        .isEqualTo(DeferredHttpClient.CLIENT_NAME);
    CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> call(client));
    assertThat(status).as("the request waits for the client").isNotDone();

    release.countDown();
    assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(204);
    assertThat(builtOn.get()).isNotEqualTo(Thread.currentThread());
    assertThat(builtOn.get().isVirtual()).isTrue();
  }

  @Test
  void aClientThatCouldNotBeBuiltFailsTheRequest() {
    DeferredHttpClient client = DeferredHttpClient.building(() -> {
      throw new IllegalStateException("no trust store");
    });

    Throwable failure = catchThrowable(() -> client.prepareRequest(REQUEST));

    assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("no trust store");
  }

  @Test
  void theNameIsTheUrlConnectionClientsOwn() {
    try (SdkHttpClient urlConnection = UrlConnectionHttpClient.create()) {
      assertThat(DeferredHttpClient.CLIENT_NAME).isEqualTo(urlConnection.clientName());
    }
  }

  private static int call(SdkHttpClient client) {
    try {
      return client.prepareRequest(REQUEST).call().httpResponse().statusCode();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Answers every request 204 without a connection. */
  private static final class Answering implements SdkHttpClient {
    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          return HttpExecuteResponse.builder().response(SdkHttpResponse.builder().statusCode(204).build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(new byte[0]))).build();
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public void close() {}
  }
}
