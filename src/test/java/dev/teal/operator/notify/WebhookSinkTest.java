package dev.teal.operator.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.aws.AwsException;
import dev.teal.aws.SecretsGateway;
import dev.teal.history.HistoryEntry;
import dev.teal.history.Notification;
import dev.teal.history.NotificationType;
import dev.teal.history.RevisionRef;
import dev.teal.model.Phase;
import dev.teal.operator.notify.Sink.SinkFailure;
import dev.teal.testing.WebhookReceiver;
import dev.teal.testing.WebhookReceiver.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a webhook receives, in both formats, which events it wants, and how a URL kept as a secret is read
 * once and again after the webhook stops taking it. Planted fault seen failing: the Slack text built with
 * the message unescaped ({@code <} and {@code &} then reach Slack as markup).
 */
class WebhookSinkTest {

  static final Instant AT = Instant.parse("2030-01-01T00:30:00Z");

  @Test
  void theJsonBodyIsTheEventBridgeShapeWithTealsEventIdAndHeaders() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      WebhookSink sink = sink(receiver, WebhookSink.Format.JSON, false, Set.of(), counting(new AtomicInteger()),
          "/hooks/a");
      NotificationEvent event = event(NotificationType.DEGRADED, List.of("team"));

      sink.deliver(List.of(event));

      WebhookReceiver.Request request = receiver.requests().get(0);
      assertThat(request.path()).isEqualTo("/hooks/a");
      assertThat(request.header("X-Teal-Event-Id")).isEqualTo(event.eventId());
      assertThat(request.header("X-Teal-Event-Type")).isEqualTo("Deployment Degraded");
      assertThat(request.header("Content-Type")).isEqualTo("application/json");
      assertThat(request.body().path("id").asText()).isEqualTo(event.eventId());
      assertThat(request.body().path("source").asText()).isEqualTo("teal");
      assertThat(request.body().path("detail-type").asText()).isEqualTo("Deployment Degraded");
      assertThat(request.body().at("/detail/reason").asText()).isEqualTo("AnalysisFailed");
      assertThat(request.body().at("/detail/images/green").asText()).isEqualTo("nginx:<1.29>");
      assertThat(request.body().at("/detail/step").isNull()).isTrue();
    }
  }

  @Test
  void theSlackBodyIsOneEscapedLineOfText() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      WebhookSink sink = sink(receiver, WebhookSink.Format.SLACK, true, Set.of(), counting(new AtomicInteger()), "/s");

      sink.deliver(List.of(event(NotificationType.DEGRADED, List.of())));

      assertThat(receiver.requests().get(0).body().path("text").asText()).isEqualTo(
          ":warning: *web*: Deployment Degraded (AnalysisFailed)\n3 of 20 requests failed &lt;b&gt; &amp; more\n"
              + "`nginx:&lt;1.29&gt;` requested by arn:aws:iam::000000000000:user/alice");
    }
  }

  @Test
  void aWebhookWantsItsSubscribersOrEveryDeploymentAndOnlyItsTypes() {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      SecretResolver secrets = counting(new AtomicInteger());
      WebhookSink subscribed = sink(receiver, WebhookSink.Format.JSON, false, Set.of(), secrets, "/");
      WebhookSink everyone = sink(receiver, WebhookSink.Format.JSON, true, Set.of(NotificationType.FAILED), secrets,
          "/");

      assertThat(subscribed.wants(event(NotificationType.STARTED, List.of("team")))).isTrue();
      assertThat(subscribed.wants(event(NotificationType.STARTED, List.of("other")))).isFalse();
      assertThat(everyone.wants(event(NotificationType.FAILED, List.of()))).isTrue();
      assertThat(everyone.wants(event(NotificationType.STARTED, List.of()))).isFalse();
    }
  }

  @Test
  void aSecretUrlIsReadOnceAndAgainAfterTheWebhookAnswersThatItIsGone() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      AtomicInteger reads = new AtomicInteger();
      WebhookSink sink = new WebhookSink(new WebhookSink.Settings("team", SecretReference.parse("ssm:/teal/team"),
          WebhookSink.Format.JSON, true, Set.of(), Duration.ofSeconds(2)), counting(reads, receiver, "/hooks/team"));

      sink.deliver(List.of(event(NotificationType.STARTED, List.of())));
      sink.deliver(List.of(event(NotificationType.STEP, List.of())));
      assertThat(reads).as("read once").hasValue(1);

      receiver.mode(Mode.FAIL); // a 500 is the webhook's trouble, not its URL's
      assertThatThrownBy(() -> sink.deliver(List.of(event(NotificationType.PROMOTED, List.of()))))
          .isInstanceOf(SinkFailure.class).hasMessage("webhook team answered HTTP 500")
          .hasMessageNotContaining("hooks");
      assertThat(reads).hasValue(1);
    }
    try (WebhookReceiver rotated = new WebhookReceiver()) {
      AtomicInteger reads = new AtomicInteger();
      WebhookSink sink = new WebhookSink(new WebhookSink.Settings("team", SecretReference.parse("ssm:/teal/team"),
          WebhookSink.Format.JSON, true, Set.of(), Duration.ofSeconds(2)), counting(reads, rotated, "/hooks/team"));
      sink.deliver(List.of(event(NotificationType.STARTED, List.of())));

      rotated.mode(Mode.GONE); // the URL was rotated: the old one is 404 now
      assertThatThrownBy(() -> sink.deliver(List.of(event(NotificationType.STEP, List.of()))))
          .isInstanceOf(SinkFailure.class).hasMessage("webhook team answered HTTP 404");
      rotated.mode(Mode.ACCEPT);
      sink.deliver(List.of(event(NotificationType.STEP, List.of())));
      assertThat(reads).as("read again after the 404").hasValue(2);
    }
  }

  @Test
  void aSecretThatCannotBeReadIsADeliveryFailureNamingWhereItIsKept() {
    WebhookSink sink = new WebhookSink(new WebhookSink.Settings("team",
        SecretReference.parse("secretsmanager:teal/missing"), WebhookSink.Format.JSON, true, Set.of(),
        Duration.ofSeconds(1)), new SecretResolver(new SecretsGateway() {
          @Override
          public String ssmParameter(String name) {
            throw new AssertionError();
          }

          @Override
          public String secretsManagerSecret(String secretId) {
            throw new AwsException("secretsmanager:GetSecretValue", "ResourceNotFoundException", "not found", null);
          }
        }));

    assertThatThrownBy(() -> sink.deliver(List.of(event(NotificationType.STARTED, List.of()))))
        .isInstanceOf(SinkFailure.class)
        .hasMessageContaining("its URL from Secrets Manager secret teal/missing cannot be read");
  }

  @Test
  void aUrlThatIsNotOneIsRefusedWithoutQuotingIt() {
    for (String bad : List.of("https://hooks.example.com/T0/B0/s3cret with space", "file:///etc/s3cret")) {
      WebhookSink sink = new WebhookSink(new WebhookSink.Settings("team", SecretReference.parse(bad),
          WebhookSink.Format.JSON, true, Set.of(), Duration.ofSeconds(1)), counting(new AtomicInteger()));

      assertThatThrownBy(() -> sink.deliver(List.of(event(NotificationType.STARTED, List.of()))))
          .isInstanceOf(SinkFailure.class).hasMessageStartingWith("webhook team: its URL from the configuration is not")
          .hasMessageNotContaining("s3cret");
    }
  }

  private static WebhookSink sink(WebhookReceiver receiver, WebhookSink.Format format, boolean all,
      Set<NotificationType> types, SecretResolver secrets, String path) {
    return new WebhookSink(new WebhookSink.Settings("team", SecretReference.parse(receiver.url(path).toString()),
        format, all, types, Duration.ofSeconds(2)), secrets);
  }

  private static SecretResolver counting(AtomicInteger reads) {
    return counting(reads, null, null);
  }

  private static SecretResolver counting(AtomicInteger reads, WebhookReceiver receiver, String path) {
    return new SecretResolver(new SecretsGateway() {
      @Override
      public String ssmParameter(String name) {
        reads.incrementAndGet();
        return receiver.url(path).toString();
      }

      @Override
      public String secretsManagerSecret(String secretId) {
        reads.incrementAndGet();
        return receiver.url(path).toString();
      }
    });
  }

  private static NotificationEvent event(NotificationType type, List<String> webhooks) {
    Notification notification = type == NotificationType.DEGRADED
        ? Notification.of(type, "AnalysisFailed", "3 of 20 requests failed <b> & more")
        : Notification.of(type, type.name(), "something happened");
    HistoryEntry entry = new HistoryEntry("web", Instant.parse("2030-01-01T00:00:00Z"), 9, 2, AT, Phase.DEGRADED,
        Phase.PROGRESSING, "aborted", "promote", "nginx:<1.29>", "arn:aws:iam::000000000000:user/alice",
        new RevisionRef("r-blue", "nginx:1.26"), new RevisionRef("r-bad", "nginx:<1.29>"), List.of(), List.of(),
        List.of(), List.of(notification), webhooks);
    return NotificationEvent.of(entry, 0);
  }
}
