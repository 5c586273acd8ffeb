package dev.teal.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.teal.aws.AwsCallListener;
import dev.teal.aws.AwsTransientException;
import dev.teal.aws.sdk.AwsClientSettings.StaticCredentials;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The JDK's HttpURLConnection fails with a NullPointerException when an attempt timeout disconnects it
 * mid-request; once hot, the JVM throws that exception with no message and no stack trace. Seen as a whole
 * AwsFaultsTest (reliability) run failing on {@code java.lang.RuntimeException: java.lang.NullPointerException}.
 * The HTTP client here stands in for HttpURLConnection and fails the way it does.
 */
class NpeAsIoHttpClientTest {

  private static final String NO_SERVICES = "{\"services\": [], \"failures\": []}";

  /** What C2 throws once the exception is hot (OmitStackTraceInFastThrow): no message, no frames. */
  private static NullPointerException stacklessNpe() {
    NullPointerException e = new NullPointerException();
    e.setStackTrace(new StackTraceElement[0]);
    return e;
  }

  /** HttpURLConnection.getInputStream rethrowing the NullPointerException it remembered. */
  private static RuntimeException remembered() {
    return new RuntimeException(stacklessNpe());
  }

  @Test
  void aRequestTheJdkFailsWithARememberedNullPointerExceptionIsRetriedByTheSdk() {
    FailingHttp http = new FailingHttp(List.of(NpeAsIoHttpClientTest::remembered));

    try (EcsClient client = new AwsClients(settings(), http).newEcsClient()) {
      assertThat(new SdkEcsGateway(client).describeService("prod", "web")).isEmpty();
    }

    assertThat(http.attempts).hasValue(2);
  }

  @Test
  void aBareNullPointerExceptionOfTheJdkIsANetworkFailureOnceTheSdksAttemptsAreSpent() {
    AwsClientSettings settings = settings();
    List<Supplier<RuntimeException>> failures = java.util.Collections.nCopies(settings.maxAttempts(),
        NpeAsIoHttpClientTest::stacklessNpe);
    FailingHttp http = new FailingHttp(failures);

    Throwable thrown;
    try (EcsClient client = new AwsClients(settings, http).newEcsClient()) {
      thrown = catchThrowable(() -> new SdkEcsGateway(client).describeService("prod", "web"));
    }

    assertThat(thrown).isInstanceOfSatisfying(AwsTransientException.class,
        e -> assertThat(e.errorCode()).isEqualTo(AwsErrors.IO_ERROR));
    assertThat(http.attempts).hasValue(settings.maxAttempts());
  }

  @Test
  void otherFailuresOfTheHttpClientPassUnchanged() {
    IllegalStateException other = new IllegalStateException("not a network failure");
    FailingHttp http = new FailingHttp(List.of(() -> other));

    Throwable thrown;
    try (EcsClient client = new AwsClients(settings(), http).newEcsClient()) {
      thrown = catchThrowable(() -> new SdkEcsGateway(client).describeService("prod", "web"));
    }

    assertThat(thrown).isSameAs(other);
    assertThat(http.attempts).hasValue(1);
  }

  @Test
  void anAbortReachesTheJdksConnection() {
    FailingHttp http = new FailingHttp(List.of());

    ExecutableHttpRequest request = NpeAsIoHttpClient.wrap(http).prepareRequest(null);
    request.abort();

    assertThat(http.aborts).hasValue(1);
  }

  private static AwsClientSettings settings() {
    return AwsClientSettings.defaults()
        .withRegion(Region.US_EAST_1)
        .withEndpointForAll(URI.create("http://127.0.0.1:9"))
        .withStaticCredentials(StaticCredentials.of("AKIDTEALTEST", "test-secret"))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2))
        .withBackoff(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(5))
        .withListener(AwsCallListener.NONE);
  }

  /** Fails its first requests with the given exceptions, then answers DescribeServices with no service. */
  private static final class FailingHttp implements SdkHttpClient {

    private final Deque<Supplier<RuntimeException>> failures;
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger aborts = new AtomicInteger();

    FailingHttp(List<Supplier<RuntimeException>> failures) {
      this.failures = new ArrayDeque<>(failures);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          attempts.incrementAndGet();
          Supplier<RuntimeException> failure = failures.poll();
          if (failure != null) {
            throw failure.get();
          }
          byte[] body = NO_SERVICES.getBytes(StandardCharsets.UTF_8);
          return HttpExecuteResponse.builder()
              .response(SdkHttpResponse.builder().statusCode(200)
                  .putHeader("Content-Type", "application/x-amz-json-1.1")
                  .putHeader("Content-Length", String.valueOf(body.length)).build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
              .build();
        }

        @Override
        public void abort() {
          aborts.incrementAndGet();
        }
      };
    }

    @Override
    public void close() {
    }
  }
}
